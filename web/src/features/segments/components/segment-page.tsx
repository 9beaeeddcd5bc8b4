import { Anchor, Breadcrumbs, Group, List, Stack, Text, Title } from '@mantine/core';
import type { ComponentType } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ConfirmButton } from '@/components/confirm-button';
import { NotFound } from '@/components/not-found';
import { notifySuccess } from '@/components/notify';
import { PageLoader } from '@/components/page-loader';
import { MutationError, ProblemAlert } from '@/components/problem-alert';
import { usePageTitle } from '@/hooks/use-page-title';
import { useWineryTime } from '@/hooks/use-winery-time';
import { ApiProblem } from '@/lib/api-client';
import { useSession } from '@/lib/auth/auth-provider';
import { canWrite, isAdmin } from '@/lib/auth/session';
import { countOf } from '@/lib/plural';
import { useDeleteSegment, useSegment, type Segment } from '../api/segments';
import { describeRule } from '../lib/rule-fields';
import { SegmentEditor } from './segment-editor';
import { SegmentPeople } from './segment-people';
import { useRuleNames } from './use-rule-names';

/** The People feature's "Export CSV", given by the app's registry: features do not import each other. */
export type ExportButton = ComponentType<{ filters: { segmentId: string }; expected: number | undefined }>;

function Trail({ name }: { name?: string }) {
  return (
    <Breadcrumbs>
      <Anchor component={Link} to="/people">
        People
      </Anchor>
      <Anchor component={Link} to="/people/segments">
        Segments
      </Anchor>
      <Text>{name ?? 'New segment'}</Text>
    </Breadcrumbs>
  );
}

/** People → Segments → new: the rule builder; once saved, the segment's own page. */
export function NewSegmentPage() {
  const session = useSession();
  const navigate = useNavigate();
  usePageTitle('New segment', 'People');
  if (!canWrite(session)) return <NotFound reason="Your role can look at segments but not make them." />;
  return (
    <Stack>
      <Trail />
      <Title order={1}>New segment</Title>
      <SegmentEditor onSaved={(segment) => navigate(`/people/segments/${segment.id}`, { replace: true })} onCancel={() => navigate('/people/segments')} />
    </Stack>
  );
}

/** A segment: its live count, its rules (editable by staff), its people, Export CSV (admins), Delete. */
export function SegmentPage({ exportButton: ExportPeople }: { exportButton: ExportButton }) {
  const { segmentId = '' } = useParams();
  const segment = useSegment(segmentId);
  usePageTitle(segment.data?.name, 'Segments');
  if (segment.error instanceof ApiProblem && segment.error.status === 404) return <NotFound reason="This segment is not there: it may have been deleted." />;
  if (segment.error) return <ProblemAlert error={segment.error} onRetry={() => void segment.refetch()} />;
  if (segment.isPending) return <PageLoader label="Loading the segment" />;
  return <SegmentView segment={segment.data} exportButton={ExportPeople} />;
}

function SegmentView({ segment, exportButton: ExportPeople }: { segment: Segment; exportButton: ExportButton }) {
  const session = useSession();
  const navigate = useNavigate();
  const time = useWineryTime();
  const names = useRuleNames();
  const remove = useDeleteSegment(segment.id);
  return (
    <Stack gap="lg">
      <Trail name={segment.name} />
      <Group align="flex-start" gap="sm">
        <Stack gap={4}>
          <Title order={1}>{segment.name}</Title>
          <Text aria-live="polite">
            {segment.count === null
              ? 'Counting everyone against the rules…'
              : `${countOf(segment.count, 'person', 'people')} · counted ${segment.countedAt ? time.dateTime(segment.countedAt) : ''}, kept up to date since`}
          </Text>
        </Stack>
        <Group ml="auto" gap="xs">
          {isAdmin(session) && <ExportPeople filters={{ segmentId: segment.id }} expected={segment.count ?? undefined} />}
          {canWrite(session) && (
            <ConfirmButton
              label={`Delete ${segment.name}`}
              question={`Delete the segment ${segment.name}? Its people are not changed.`}
              pending={remove.isPending}
              onConfirm={() =>
                remove.mutate(segment.version, {
                  onSuccess: () => {
                    notifySuccess(`Deleted ${segment.name}.`);
                    navigate('/people/segments', { replace: true });
                  },
                })
              }
            />
          )}
        </Group>
      </Group>
      <MutationError error={remove.error} />
      {canWrite(session) ? (
        // A new version (saved here or elsewhere) starts the form again from what the server holds.
        <SegmentEditor key={segment.version} segment={segment} onSaved={() => notifySuccess(`Saved ${segment.name}; counting it again if its rules changed.`)} />
      ) : (
        <Stack gap={4}>
          <Text fw={500}>People who match {segment.match === 'all' ? 'all' : 'any'} of these rules:</Text>
          <List>
            {segment.rules.map((rule, index) => (
              <List.Item key={index}>{describeRule(rule, names)}</List.Item>
            ))}
          </List>
        </Stack>
      )}
      <Stack gap="xs">
        <Title order={2} size="h3">
          People
        </Title>
        <SegmentPeople segmentId={segment.id} count={segment.count} />
      </Stack>
    </Stack>
  );
}
