import { Anchor, Badge, Table } from '@mantine/core';
import { Link } from 'react-router';
import { useCustomerClasses } from '@/hooks/use-reference-data';
import { useMoney } from '@/hooks/use-money';
import type { Schemas } from '@/lib/api-client';
import { countOf } from '@/lib/plural';

/**
 * People as every list shows them (the People list, a segment's people): number, name (a link to
 * the profile), email, phone, class, club, orders and lifetime value. The caption says how many
 * are shown and whether more follow, or `empty` when there is nobody. `busy` (aria-busy): the rows
 * are a previous search's while the new one loads; a background read of the same list is not busy.
 */
export function PeopleTable({ rows, busy, hasMore, empty }: { rows: readonly Schemas['CustomerListItem'][]; busy: boolean; hasMore: boolean; empty: string }) {
  const money = useMoney();
  const classes = useCustomerClasses();
  const className = new Map((classes.data?.items ?? []).map((c) => [c.id, c.name]));
  return (
    <Table striped highlightOnHover aria-busy={busy}>
      <Table.Caption>{rows.length === 0 ? empty : `Showing ${countOf(rows.length, 'person', 'people')}${hasMore ? ' (more below)' : ''}`}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Number</Table.Th>
          <Table.Th scope="col">Name</Table.Th>
          <Table.Th scope="col">Email</Table.Th>
          <Table.Th scope="col">Phone</Table.Th>
          <Table.Th scope="col">Class</Table.Th>
          <Table.Th scope="col">Club</Table.Th>
          <Table.Th scope="col" ta="right">
            Orders
          </Table.Th>
          <Table.Th scope="col" ta="right">
            Lifetime value
          </Table.Th>
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
            <Table.Td ta="right">{person.stats.orderCount}</Table.Td>
            <Table.Td ta="right">{money(person.stats.lifetimeValueCents)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
