import { Anchor, Breadcrumbs, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { Link } from 'react-router';
import { PageLoader } from '@/components/page-loader';
import { ProblemAlert } from '@/components/problem-alert';
import { usePageTitle } from '@/hooks/use-page-title';
import { useSegments } from '@/hooks/use-reference-data';
import { useWineryTime } from '@/hooks/use-winery-time';
import { useSession } from '@/lib/auth/auth-provider';
import { canWrite } from '@/lib/auth/session';
import { countOf } from '@/lib/plural';
import { useRuleNames } from './use-rule-names';
import { describeRule } from '../lib/rule-fields';

/** People → Segments: every segment with its live count, and "New segment". */
export function SegmentsPage() {
  const session = useSession();
  const segments = useSegments();
  const time = useWineryTime();
  const names = useRuleNames();
  usePageTitle('Segments', 'People');

  return (
    <Stack>
      <Breadcrumbs>
        <Anchor component={Link} to="/people">
          People
        </Anchor>
        <Text>Segments</Text>
      </Breadcrumbs>
      <Group gap="sm">
        <Title order={1}>Segments</Title>
        {canWrite(session) && (
          <Button component={Link} to="/people/segments/new" leftSection={<IconPlus size={16} aria-hidden />} ml="auto">
            New segment
          </Button>
        )}
      </Group>
      <Text c="dimmed" maw={720}>
        Saved rules that pick people: who to write to. Each count follows changes to people within seconds; the people can be
        listed and exported.
      </Text>
      {segments.error ? (
        <ProblemAlert error={segments.error} onRetry={() => void segments.refetch()} />
      ) : segments.isPending ? (
        <PageLoader label="Loading the segments" />
      ) : segments.data.items.length === 0 ? (
        <Text>No segments yet.</Text>
      ) : (
        <Table striped highlightOnHover>
          <Table.Caption>{countOf(segments.data.items.length, 'segment', 'segments')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Segment</Table.Th>
              <Table.Th scope="col">Rules</Table.Th>
              <Table.Th scope="col">People</Table.Th>
              <Table.Th scope="col">Counted</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {segments.data.items.map((segment) => (
              <Table.Tr key={segment.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/people/segments/${segment.id}`}>
                    {segment.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{segment.rules.map((rule) => describeRule(rule, names)).join(segment.match === 'all' ? ' and ' : ' or ')}</Text>
                </Table.Td>
                <Table.Td>{segment.count === null ? 'Counting…' : countOf(segment.count, 'person', 'people')}</Table.Td>
                <Table.Td>{segment.countedAt ? time.dateTime(segment.countedAt) : '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
