import { Anchor, Card, Group, Loader, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { Link, useParams } from 'react-router';
import { NotFound } from '@/components/not-found';
import { ProblemAlert } from '@/components/problem-alert';
import { useClubStats, type ClubStats } from '@/hooks/use-club-stats';
import { useClubs } from '@/hooks/use-reference-data';
import { usePageTitle } from '@/hooks/use-page-title';
import { ApiProblem } from '@/lib/api-client';
import { countOf, formatCount } from '@/lib/plural';

/**
 * A club's page (Settings → Clubs → a club): how it is doing. Members now, joins and
 * cancellations of the last 30 days with why people left and why they paused, how many the save
 * offer kept, and how long members have been members. Kept from the stream: a change shows a
 * moment later.
 */
export function ClubPage() {
  const { clubId = '' } = useParams();
  const clubs = useClubs();
  const stats = useClubStats(clubId);
  const club = clubs.data?.items.find((c) => c.id === clubId);
  usePageTitle(club?.name, 'Clubs');
  if (clubs.isPending || stats.isPending) return <Loader aria-label="Loading the club" />;
  if (stats.error instanceof ApiProblem && stats.error.status === 404) return <NotFound reason="There is no such club." />;
  if (stats.error) return <ProblemAlert error={stats.error} onRetry={() => void stats.refetch()} />;
  return (
    <Stack maw={960}>
      <Anchor component={Link} to="/settings?section=clubs" size="sm" w="fit-content">
        <Group gap={4}>
          <IconArrowLeft size={14} aria-hidden /> Clubs
        </Group>
      </Anchor>
      <Title order={1}>{club?.name ?? 'Club'}</Title>
      <ClubNumbers stats={stats.data} />
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <ReasonTable title="Why members left (last 30 days)" empty="Nobody cancelled in the last 30 days." reasons={stats.data.cancelReasons} />
        <ReasonTable title="Why members paused (last 30 days)" empty="No pause was booked in the last 30 days." reasons={stats.data.holdReasons} />
      </SimpleGrid>
    </Stack>
  );
}

function tenure(days: number | null): string {
  if (days === null) return '—';
  if (days < 60) return countOf(days, 'day', 'days');
  if (days < 730) return countOf(Math.floor(days / 30.44), 'month', 'months');
  return `${(days / 365.25).toFixed(1)} years`;
}

function ClubNumbers({ stats }: { stats: ClubStats }) {
  const asked = stats.savedLast30Days + stats.cancelledLast30Days;
  const numbers = [
    { label: 'Active members', value: formatCount(stats.active) },
    { label: 'Paused', value: formatCount(stats.paused) },
    { label: 'Joined, last 30 days', value: formatCount(stats.joinedLast30Days) },
    { label: 'Cancelled, last 30 days', value: formatCount(stats.cancelledLast30Days) },
    {
      label: 'Kept by a pause, last 30 days',
      value: formatCount(stats.savedLast30Days),
      note: asked > 0 ? `${Math.round((100 * stats.savedLast30Days) / asked)}% of those who asked to leave` : undefined,
    },
    { label: 'Median membership', value: tenure(stats.medianTenureDays), note: 'of the members now' },
  ];
  return (
    <SimpleGrid cols={{ base: 2, sm: 3 }}>
      {numbers.map((n) => (
        <Card key={n.label} withBorder padding="sm" role="group" aria-label={n.label}>
          <Text size="sm" c="dimmed">
            {n.label}
          </Text>
          <Text fz={28} fw={600}>
            {n.value}
          </Text>
          {n.note && (
            <Text size="xs" c="dimmed">
              {n.note}
            </Text>
          )}
        </Card>
      ))}
    </SimpleGrid>
  );
}

function ReasonTable({ title, empty, reasons }: { title: string; empty: string; reasons: ClubStats['cancelReasons'] }) {
  const total = reasons.reduce((sum, r) => sum + r.count, 0);
  return (
    <Stack component="section" gap="xs" aria-label={title}>
      <Title order={2} size="h4">
        {title}
      </Title>
      {reasons.length === 0 ? (
        <Text c="dimmed">{empty}</Text>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Reason</Table.Th>
              <Table.Th scope="col">Members</Table.Th>
              <Table.Th scope="col">Share</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {reasons.map((r) => (
              <Table.Tr key={r.key}>
                <Table.Td>{r.title}</Table.Td>
                <Table.Td>{r.count}</Table.Td>
                <Table.Td>{Math.round((100 * r.count) / total)}%</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
