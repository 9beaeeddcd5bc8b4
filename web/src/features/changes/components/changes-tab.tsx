import { Badge, Button, Group, List, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { addressLines } from '@/components/address-fields';
import { ProblemAlert } from '@/components/problem-alert';
import { useClubs, useCustomerClasses, useSettings, useStaff } from '@/hooks/use-reference-data';
import { useWineryTime } from '@/hooks/use-winery-time';
import type { CustomerProfile, Schemas } from '@/lib/api-client';
import { useSession } from '@/lib/auth/auth-provider';
import type { ProfileTabProps } from '@/lib/profile-tabs';
import { useChanges } from '../api/changes';
import { actionName, describeFields, entityName, type Names } from '../lib/describe-change';

const ACTION_COLOR: Record<Schemas['Change']['action'], string> = { created: '#2b7a3b', updated: 'blue.9', deleted: 'red.9' };
const ACTOR_KIND: Record<Schemas['Change']['actor']['kind'], string> = { staff: 'Staff', customer: 'The person, in the portal', system: 'Automatic' };

/** The names a change refers to by id, from the tenant's reference data and the profile. */
function useNames(customer: CustomerProfile): Names {
  const settings = useSettings();
  const classes = useCustomerClasses();
  const clubs = useClubs();
  const staff = useStaff();
  const session = useSession();
  const time = useWineryTime();
  const staffName = new Map((staff.data?.items ?? []).map((member) => [member.id, member.name]));
  staffName.set(session.sub, session.name);
  const variants = new Map((clubs.data?.items ?? []).flatMap((club) => club.variants.map((variant) => [variant.id, variant.name] as const)));
  return {
    zone: time.zone,
    currency: settings.data?.currency ?? 'USD',
    club: (id) => clubs.data?.items.find((club) => club.id === id)?.name,
    variant: (id) => variants.get(id),
    customerClass: (id) => classes.data?.items.find((c) => c.id === id)?.name,
    staff: (id) => staffName.get(id),
    flag: (key) => settings.data?.flags.find((flag) => flag.key === key)?.title ?? key,
    address: (id) => {
      const address = customer.addresses.find((a) => a.id === id);
      return address ? addressLines(address).slice(1, 3).join(', ') || 'an address' : 'a removed address';
    },
    membership: (id) => {
      const membership = customer.memberships.find((m) => m.id === id);
      const club = membership && clubs.data?.items.find((c) => c.id === membership.clubId);
      return club ? `${club.name} membership` : undefined;
    },
  };
}

/** The Changes tab: who changed what on the person's records, and when, in words (secrets only as "changed"). */
export function ChangesTab({ customer }: ProfileTabProps) {
  const changes = useChanges(customer.id);
  const names = useNames(customer);
  const time = useWineryTime();
  const items = changes.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2} size="h3">
          Changes
        </Title>
        <Button variant="subtle" leftSection={<IconRefresh size={16} aria-hidden />} onClick={() => void changes.refetch()} loading={changes.isRefetching}>
          Refresh
        </Button>
      </Group>
      {changes.isPending && <Loader role="status" aria-label="Loading the changes" />}
      {changes.error && <ProblemAlert error={changes.error} onRetry={() => void changes.refetch()} />}
      {changes.isSuccess && items.length === 0 && <Text>No changes recorded yet.</Text>}
      {items.length > 0 && (
        <Table verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">When</Table.Th>
              <Table.Th scope="col">Who</Table.Th>
              <Table.Th scope="col">What</Table.Th>
              <Table.Th scope="col">Fields</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((change) => {
              const lines = describeFields(change.action, change.fields, names);
              return (
                <Table.Tr key={change.id}>
                  <Table.Td miw={130}>
                    <time dateTime={change.at}>{time.dateTime(change.at)}</time>
                  </Table.Td>
                  <Table.Td miw={120}>
                    {change.actor.name ?? names.staff(change.actor.id) ?? 'Someone'}
                    {change.actor.via && ` · ${change.actor.via}`}
                    <Text size="xs" c="dimmed">
                      {ACTOR_KIND[change.actor.kind]}
                    </Text>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Group gap={6} wrap="nowrap">
                      <Text>{entityName(change.entity)}</Text>
                      <Badge color={ACTION_COLOR[change.action]} style={{ flexShrink: 0, overflow: 'visible' }}>
                        {actionName(change.action)}
                      </Badge>
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    {lines.length === 0 ? (
                      '—'
                    ) : (
                      <List size="sm" listStyleType="none" spacing={2}>
                        {lines.map((line) => (
                          <List.Item key={line.label}>
                            <strong>{line.label}</strong>: {line.text}
                          </List.Item>
                        ))}
                      </List>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      {changes.hasNextPage && (
        <Button variant="default" w="fit-content" onClick={() => void changes.fetchNextPage()} loading={changes.isFetchingNextPage}>
          Load more
        </Button>
      )}
    </Stack>
  );
}
