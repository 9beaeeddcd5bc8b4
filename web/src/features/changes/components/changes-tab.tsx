import { Badge, Button, Group, List, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { ProblemAlert } from '@/components/problem-alert';
import type { Schemas } from '@/lib/api-client';
import type { ProfileTabProps } from '@/lib/profile-tabs';
import { useChanges } from '../api/changes';

type FieldChange = Schemas['Change']['fields'][number];

/** A stored value as staff read it: nothing shows as "(empty)", objects as compact JSON. */
function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '(empty)';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function FieldLine({ change }: { change: FieldChange }) {
  if ('redacted' in change) {
    return (
      <>
        <strong>{change.field}</strong>: (hidden)
      </>
    );
  }
  return (
    <>
      <strong>{change.field}</strong>: {show(change.old)} → {show(change.new)}
    </>
  );
}

const ACTION_COLOR: Record<Schemas['Change']['action'], string> = { created: '#2b7a3b', updated: 'blue.9', deleted: 'red.9' };

/** The Changes tab: who changed what on the person's records, and when (secrets only as "(hidden)"). */
export function ChangesTab({ customer }: ProfileTabProps) {
  const changes = useChanges(customer.id);
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
      {changes.isPending && <Loader aria-label="Loading the changes" />}
      {changes.error && <ProblemAlert error={changes.error} onRetry={() => void changes.refetch()} />}
      {changes.isSuccess && items.length === 0 && <Text>No changes recorded yet.</Text>}
      {items.length > 0 && (
        <Table verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>When</Table.Th>
              <Table.Th>Who</Table.Th>
              <Table.Th>What</Table.Th>
              <Table.Th>Fields</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((change) => (
              <Table.Tr key={change.id}>
                <Table.Td>
                  <time dateTime={change.at}>{new Date(change.at).toLocaleString()}</time>
                </Table.Td>
                <Table.Td>
                  {change.actor.name ?? change.actor.id}
                  {change.actor.via && ` · ${change.actor.via}`}
                  <Text size="xs" c="dimmed">
                    {change.actor.kind}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <Text>{change.entity}</Text>
                    <Badge color={ACTION_COLOR[change.action]}>
                      {change.action}
                    </Badge>
                  </Group>
                </Table.Td>
                <Table.Td>
                  {change.fields.length === 0 ? (
                    '—'
                  ) : (
                    <List size="sm" listStyleType="none" spacing={2}>
                      {change.fields.map((field) => (
                        <List.Item key={field.field}>
                          <FieldLine change={field} />
                        </List.Item>
                      ))}
                    </List>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
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
