import { Button, Paper, Stack, Table, Text } from '@mantine/core';
import { MutationError, ProblemAlert } from '@/components/problem-alert';
import { PageLoader } from '@/components/page-loader';
import { notifySuccess } from '@/components/notify';
import { useWineryTime } from '@/hooks/use-winery-time';
import type { ProfileTabProps } from '@/lib/profile-tabs';
import { useMerges, useUndoMerge } from '../api/duplicates';

const STATES = { merging: 'Merging…', done: 'Merged', undoing: 'Undoing…', undone: 'Undone' } as const;

/** The profile's Merges tab: who was merged into this person, by whom, and Undo while it can be. */
export function MergesTab({ customer, canWrite }: ProfileTabProps) {
  const merges = useMerges(customer.id);
  const undo = useUndoMerge();
  const time = useWineryTime();
  if (merges.isPending) return <PageLoader label="Loading merges" />;
  if (merges.error) return <ProblemAlert error={merges.error} onRetry={() => void merges.refetch()} />;
  if (merges.data.items.length === 0) {
    return (
      <Paper withBorder p="md">
        <Text>Nobody was merged into this person.</Text>
      </Paper>
    );
  }
  return (
    <Stack>
      <Table withTableBorder aria-label="Merges into this person">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Merged</Table.Th>
            <Table.Th scope="col">When</Table.Th>
            <Table.Th scope="col">By</Table.Th>
            <Table.Th scope="col">Status</Table.Th>
            <Table.Th scope="col">Undo</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {merges.data.items.map((merge) => (
            <Table.Tr key={merge.id}>
              <Table.Td>
                {merge.absorbedName} (#{merge.absorbedNumber})
              </Table.Td>
              <Table.Td>{time.dateTime(merge.at)}</Table.Td>
              <Table.Td>{merge.by.name ?? 'someone'}</Table.Td>
              <Table.Td>{merge.undoneAt ? `Undone ${time.dateTime(merge.undoneAt)}` : STATES[merge.state]}</Table.Td>
              <Table.Td>
                {canWrite && merge.undoableUntil ? (
                  <Button
                    size="xs"
                    variant="default"
                    loading={undo.isPending && undo.variables === merge.id}
                    onClick={() => undo.mutate(merge.id, { onSuccess: () => notifySuccess(`${merge.absorbedName} is back as #${merge.absorbedNumber}.`) })}
                  >
                    Undo merge of #{merge.absorbedNumber}
                  </Button>
                ) : (
                  <Text size="sm">{merge.undoableUntil ? `Until ${time.dateTime(merge.undoableUntil)}` : '—'}</Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <MutationError error={undo.error} />
    </Stack>
  );
}
