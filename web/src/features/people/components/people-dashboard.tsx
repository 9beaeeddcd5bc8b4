import { ActionIcon, Button, Group, Select, Stack, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { PageLoader } from '@/components/page-loader';
import { ProblemAlert } from '@/components/problem-alert';
import { useClubs, useCustomerClasses, useSegments, useSettings } from '@/hooks/use-reference-data';
import { useClubTotals } from '@/hooks/use-club-stats';
import { useSession } from '@/lib/auth/auth-provider';
import { canWrite, isAdmin } from '@/lib/auth/session';
import { usePageTitle } from '@/hooks/use-page-title';
import { countOf } from '@/lib/plural';
import { usePeople, usePeopleSummary, type PeopleOrder, type PeopleSort } from '../api/get-people';
import { ExportPeopleButton } from './export-people-button';
import { PeopleTable } from '@/components/people-table';

/** The list's orders, each way: the API reads a sort's listing forwards or backwards (`order=`). */
const SORTS: { value: string; label: string; sort: PeopleSort; order?: PeopleOrder }[] = [
  { value: 'name', label: 'Name, A to Z', sort: 'name' },
  { value: 'name-desc', label: 'Name, Z to A', sort: 'name', order: 'desc' },
  { value: 'number', label: 'Number, highest first', sort: 'number' },
  { value: 'number-asc', label: 'Number, lowest first', sort: 'number', order: 'asc' },
];

/**
 * People: the count, search as you type, filters, order, and the "+" to add a person. The
 * search, filters and order live in the URL (`?q=&flag=&classId=&clubId=&segmentId=&sort=`), so
 * Back from a profile, a reload and a shared link all show the same list. A segment's people are
 * listed on their own (its rules say who is in it): the search and the other filters step aside.
 */
export function PeopleDashboard() {
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const urlQ = params.get('q') ?? '';
  // What is typed shows at once; the URL (and the search) follow a moment later.
  const [search, setSearch] = useState(urlQ);
  const [q] = useDebouncedValue(search.trim(), 250);
  const update = (changes: Record<string, string | null>) =>
    setParams(
      () => {
        // From the address bar, not this render's copy: a search that settles just after a filter
        // was picked would otherwise write the URL of before and drop the filter.
        const next = new URLSearchParams(window.location.search);
        for (const [key, value] of Object.entries(changes)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace: true },
    );
  useEffect(() => {
    if (q !== urlQ.trim()) update({ q: q || null });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a settled search moves the URL
  }, [q]);
  const flag = params.get('flag');
  const classId = params.get('classId');
  const clubId = params.get('clubId');
  const segmentId = params.get('segmentId');
  const sortChoice = SORTS.find((s) => s.value === params.get('sort')) ?? SORTS[0]!;
  usePageTitle('People');

  const summary = usePeopleSummary();
  const settings = useSettings();
  const classes = useCustomerClasses();
  const clubs = useClubs();
  const segments = useSegments();
  const segment = segments.data?.items.find((s) => s.id === segmentId);

  const filters = segmentId
    ? { segmentId }
    : { q: urlQ.trim() || undefined, flag: flag ?? undefined, classId: classId ?? undefined, clubId: clubId ?? undefined };
  // The dashboard's count is of everyone: it says how many an export brings only when nothing filters it.
  const filtered = Object.values(filters).some((value) => value !== undefined);
  const people = usePeople({ ...filters, sort: sortChoice.sort, ...(sortChoice.order ? { order: sortChoice.order } : {}) });
  const rows = people.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack>
      <Group gap="sm" align="center">
        <Title order={1}>People</Title>
        {summary.data && (
          <Text c="dimmed" aria-live="polite">
            {countOf(summary.data.people, 'person', 'people')} · {countOf(summary.data.clubMembers, 'club member', 'club members')}
          </Text>
        )}
        {canWrite(session) && (
          <Tooltip label="Add person">
            <ActionIcon component={Link} to="/people/new" size="lg" radius="xl" aria-label="Add person">
              <IconPlus aria-hidden />
            </ActionIcon>
          </Tooltip>
        )}
        <Button component={Link} to="/people/segments" variant="default">
          Segments
        </Button>
        {isAdmin(session) && <ExportPeopleButton filters={filters} expected={segment ? (segment.count ?? undefined) : filtered ? undefined : summary.data?.people} />}
      </Group>
      {summary.error && <ProblemAlert error={summary.error} />}
      <ClubLine clubIds={(clubs.data?.items ?? []).map((c) => c.id)} />

      <Group align="end" gap="sm" role="search">
        <TextInput
          label="Search"
          placeholder="Name, email, phone or number"
          leftSection={<IconSearch size={16} aria-hidden />}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          disabled={segmentId !== null}
          w={280}
        />
        <Select label="Flag" placeholder="Any" clearable data={(settings.data?.flags ?? []).map((f) => ({ value: f.key, label: f.title }))} value={flag} onChange={(value) => update({ flag: value })} disabled={segmentId !== null} w={160} />
        <Select label="Class" placeholder="Any" clearable data={(classes.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))} value={classId} onChange={(value) => update({ classId: value })} disabled={segmentId !== null} w={160} />
        <Select label="Club" placeholder="Any" clearable data={(clubs.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))} value={clubId} onChange={(value) => update({ clubId: value })} disabled={segmentId !== null} w={160} />
        <Select
          label="Segment"
          placeholder="Everyone"
          clearable
          data={(segments.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
          value={segmentId}
          onChange={(value) => {
            // A segment's people are listed on their own: the search and the other filters step aside.
            if (value) setSearch('');
            update(value ? { segmentId: value, q: null, flag: null, classId: null, clubId: null } : { segmentId: null });
          }}
          w={200}
        />
        <Select
          label="Sort by"
          data={SORTS.map(({ value, label }) => ({ value, label }))}
          value={sortChoice.value}
          onChange={(value) => update({ sort: value === 'name' ? null : value })}
          allowDeselect={false}
          w={210}
        />
      </Group>

      {people.error ? (
        <ProblemAlert error={people.error} onRetry={() => void people.refetch()} />
      ) : people.isPending ? (
        <PageLoader label="Loading people" />
      ) : (
        <>
          <PeopleTable rows={rows} busy={people.isPlaceholderData} hasMore={people.hasNextPage} empty="No people match." />
          {people.hasNextPage && (
            <Button variant="default" onClick={() => void people.fetchNextPage()} loading={people.isFetchingNextPage} w="fit-content">
              Load more
            </Button>
          )}
        </>
      )}
    </Stack>
  );
}

/** How the clubs are doing, in one line: members now, and the last 30 days (each club's page is in Settings → Clubs). */
function ClubLine({ clubIds }: { clubIds: string[] }) {
  const totals = useClubTotals(clubIds);
  if (!totals) return null;
  return (
    <Text size="sm">
      <Text span fw={600}>
        Clubs:
      </Text>{' '}
      {countOf(totals.active, 'active member', 'active members')} · {totals.paused} paused · last 30 days: {totals.joined} joined, {totals.cancelled} cancelled,{' '}
      {countOf(totals.saved, 'kept by a pause', 'kept by a pause')}
    </Text>
  );
}
