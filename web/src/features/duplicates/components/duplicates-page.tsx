import { Badge, Button, Card, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { MutationError, ProblemAlert } from '@/components/problem-alert';
import { PageLoader } from '@/components/page-loader';
import { notifySuccess } from '@/components/notify';
import { usePageTitle } from '@/hooks/use-page-title';
import { useSession } from '@/lib/auth/auth-provider';
import { canWrite } from '@/lib/auth/session';
import { useDismissPair, useDuplicates, useMerge, useUndoMerge, type DuplicatePair } from '../api/duplicates';
import { showMergedToast } from './undo-toast';

type Person = DuplicatePair['people'][number];
const personName = (p: Person) => `${p.firstName} ${p.lastName} (#${p.customerNumber})`;

const REASONS: Record<DuplicatePair['reasons'][number], string> = {
  email: 'Same email',
  phone: 'Same phone',
  'name-address': 'Same name and postal code',
  'name-birthdate': 'Same name and birth date',
  'similar-name': 'Similar name, shared address or phone',
};

/** The fields shown side by side; a row whose values differ is highlighted. */
const FIELDS: { label: string; value: (p: Person) => string }[] = [
  { label: 'Name', value: (p) => `${p.firstName} ${p.lastName}` },
  { label: 'Number', value: (p) => `#${p.customerNumber}` },
  { label: 'Email', value: (p) => p.email || '—' },
  { label: 'Phone', value: (p) => p.phone ?? '—' },
  { label: 'Club member', value: (p) => (p.isClubMember ? 'Yes' : 'No') },
  { label: 'Flags', value: (p) => (p.flags.length > 0 ? p.flags.join(', ') : '—') },
  { label: 'Added', value: (p) => p.createdAt.slice(0, 10) },
];

/** Undo, from the toast: it outlives the pair's card (gone once merged), so it lives on the page. */
type UndoFromToast = (survivor: Person, absorbed: Person) => void;

function PairCard({ pair, writer, onMerged }: { pair: DuplicatePair; writer: boolean; onMerged: UndoFromToast }) {
  const merge = useMerge();
  const dismiss = useDismissPair();
  const [left, right] = pair.people as [Person, Person];
  const name = personName;

  const keep = (survivor: Person, absorbed: Person) =>
    merge.mutate({ survivorId: survivor.id, absorbedId: absorbed.id }, { onSuccess: () => onMerged(survivor, absorbed) });

  return (
    <Card withBorder padding="md" aria-label={`Possible duplicate: ${name(left)} and ${name(right)}`}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Group gap="xs">
            {pair.reasons.map((reason) => (
              <Badge key={reason} color="gray.8" variant="light">
                {REASONS[reason]}
              </Badge>
            ))}
          </Group>
          <Text size="sm">Likeness {Math.round(pair.score * 100)}%</Text>
        </Group>
        <Table withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Field</Table.Th>
              {[left, right].map((p) => (
                <Table.Th key={p.id} scope="col">
                  <Link to={`/people/${p.id}`}>{name(p)}</Link>
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {FIELDS.map((field) => {
              const differs = field.value(left) !== field.value(right);
              return (
                <Table.Tr key={field.label} bg={differs ? 'yellow.0' : undefined} data-differs={differs || undefined}>
                  <Table.Th scope="row">
                    {field.label}
                    {differs && <Text span size="xs" c="dimmed"> (differs)</Text>}
                  </Table.Th>
                  <Table.Td>{field.value(left)}</Table.Td>
                  <Table.Td>{field.value(right)}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
        {writer && (
          <Group gap="xs">
            <Button onClick={() => keep(left, right)} loading={merge.isPending} disabled={merge.isPending || dismiss.isPending}>
              Keep #{left.customerNumber}, merge #{right.customerNumber} into it
            </Button>
            <Button onClick={() => keep(right, left)} loading={merge.isPending} disabled={merge.isPending || dismiss.isPending}>
              Keep #{right.customerNumber}, merge #{left.customerNumber} into it
            </Button>
            <Button variant="default" onClick={() => dismiss.mutate(pair.id)} loading={dismiss.isPending} disabled={merge.isPending}>
              Not the same person
            </Button>
          </Group>
        )}
        <MutationError error={merge.error ?? dismiss.error} />
      </Stack>
    </Card>
  );
}

/** People → Possible duplicates: pairs side by side, what differs highlighted; merge choosing who stays, or dismiss. */
export function DuplicatesPage() {
  usePageTitle('Possible duplicates', 'People');
  const session = useSession();
  const duplicates = useDuplicates();
  const undo = useUndoMerge();
  const onMerged: UndoFromToast = (survivor, absorbed) =>
    showMergedToast(`Merged ${personName(absorbed)} into ${personName(survivor)}.`, () =>
      undo.mutate({ survivorId: survivor.id, absorbedId: absorbed.id }, { onSuccess: () => notifySuccess('The merge was undone: both people are back.') }),
    );
  const pairs = duplicates.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>Possible duplicates</Title>
        <Button component={Link} to="/people" variant="default">
          Back to people
        </Button>
      </Group>
      <Text>
        People who may be one person twice. Merging keeps the one you choose and moves everything of the other to it; it can be undone for 30 days.
      </Text>
      <MutationError error={undo.error} />
      {duplicates.isPending && <PageLoader label="Loading possible duplicates" />}
      {duplicates.error && <ProblemAlert error={duplicates.error} onRetry={() => void duplicates.refetch()} />}
      {duplicates.isSuccess && pairs.length === 0 && (
        <Paper withBorder p="md">
          <Text>No possible duplicates right now.</Text>
        </Paper>
      )}
      <SimpleGrid cols={1}>
        {pairs.map((pair) => (
          <PairCard key={pair.id} pair={pair} writer={canWrite(session)} onMerged={onMerged} />
        ))}
      </SimpleGrid>
      {duplicates.hasNextPage && (
        <Button variant="default" onClick={() => void duplicates.fetchNextPage()} loading={duplicates.isFetchingNextPage}>
          Load more
        </Button>
      )}
    </Stack>
  );
}
