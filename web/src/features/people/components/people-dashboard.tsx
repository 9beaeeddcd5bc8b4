import { ActionIcon, Anchor, Badge, Button, Group, Select, Stack, Table, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { PageLoader } from '@/components/page-loader';
import { ProblemAlert } from '@/components/problem-alert';
import { useClubs, useCustomerClasses, useSettings } from '@/hooks/use-reference-data';
import { useSession } from '@/lib/auth/auth-provider';
import { canWrite, isAdmin } from '@/lib/auth/session';
import { usePeople, usePeopleSummary, type PeopleSort } from '../api/get-people';
import { ExportPeopleButton } from './export-people-button';

const SORTS: { value: PeopleSort; label: string }[] = [
  { value: 'name', label: 'Name' },
  { value: 'number', label: 'Customer number' },
  { value: 'newest', label: 'Newest' },
];

/** People: the count, search as you type, filters, order, and the "+" to add a person. */
export function PeopleDashboard() {
  const session = useSession();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const [flag, setFlag] = useState<string | null>(null);
  const [classId, setClassId] = useState<string | null>(null);
  const [clubId, setClubId] = useState<string | null>(null);
  const [sort, setSort] = useState<PeopleSort>('name');

  const summary = usePeopleSummary();
  const settings = useSettings();
  const classes = useCustomerClasses();
  const clubs = useClubs();

  const filters = { q: q || undefined, flag: flag ?? undefined, classId: classId ?? undefined, clubId: clubId ?? undefined };
  // The dashboard's count is of everyone: it says how many an export brings only when nothing filters it.
  const filtered = Object.values(filters).some((value) => value !== undefined);
  const people = usePeople({ ...filters, sort });
  const className = new Map((classes.data?.items ?? []).map((c) => [c.id, c.name]));
  const rows = people.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack>
      <Group gap="sm" align="center">
        <Title order={1}>People</Title>
        {summary.data && (
          <Text c="dimmed" aria-live="polite">
            {summary.data.people} people · {summary.data.clubMembers} club members
          </Text>
        )}
        {canWrite(session) && (
          <Tooltip label="Add person">
            <ActionIcon component={Link} to="/people/new" size="lg" radius="xl" aria-label="Add person">
              <IconPlus aria-hidden />
            </ActionIcon>
          </Tooltip>
        )}
        {isAdmin(session) && <ExportPeopleButton filters={filters} expected={filtered ? undefined : summary.data?.people} />}
      </Group>
      {summary.error && <ProblemAlert error={summary.error} />}

      <Group align="end" gap="sm" role="search">
        <TextInput
          label="Search"
          placeholder="Name, email, phone or number"
          leftSection={<IconSearch size={16} aria-hidden />}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          w={280}
        />
        <Select label="Flag" placeholder="Any" clearable data={(settings.data?.flags ?? []).map((f) => ({ value: f.key, label: f.title }))} value={flag} onChange={setFlag} w={160} />
        <Select label="Class" placeholder="Any" clearable data={(classes.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))} value={classId} onChange={setClassId} w={160} />
        <Select label="Club" placeholder="Any" clearable data={(clubs.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))} value={clubId} onChange={setClubId} w={160} />
        <Select label="Sort by" data={SORTS} value={sort} onChange={(value) => setSort((value as PeopleSort | null) ?? 'name')} allowDeselect={false} w={180} />
      </Group>

      {people.error ? (
        <ProblemAlert error={people.error} onRetry={() => void people.refetch()} />
      ) : people.isPending ? (
        <PageLoader label="Loading people" />
      ) : (
        <>
          <Table striped highlightOnHover aria-busy={people.isFetching}>
            <Table.Caption>{rows.length === 0 ? 'No people match.' : `Showing ${rows.length}${people.hasNextPage ? '+' : ''}`}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Number</Table.Th>
                <Table.Th scope="col">Name</Table.Th>
                <Table.Th scope="col">Email</Table.Th>
                <Table.Th scope="col">Phone</Table.Th>
                <Table.Th scope="col">Class</Table.Th>
                <Table.Th scope="col">Club</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((person) => (
                <Table.Tr key={person.id}>
                  <Table.Td>{person.customerNumber}</Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/people/${person.id}`}>
                      {person.lastName}, {person.firstName}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{person.email}</Table.Td>
                  <Table.Td>{person.phone}</Table.Td>
                  <Table.Td>{person.effectiveClassId ? className.get(person.effectiveClassId) : null}</Table.Td>
                  <Table.Td>{person.isClubMember && <Badge color="grape.8">Member</Badge>}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
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
