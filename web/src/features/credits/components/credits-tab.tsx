import { Button, Group, Loader, SegmentedControl, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { fieldErrorsOf } from '@/lib/field-errors';
import { MutationError, ProblemAlert } from '@/components/problem-alert';
import type { ProfileTabProps } from '@/lib/profile-tabs';
import { useMoney } from '@/hooks/use-money';
import { toCents } from '@/lib/money';
import { useAddCredit, useCredits } from '../api/credits';
import { useWineryTime } from '@/hooks/use-winery-time';

/** A positive amount in cents, or undefined ("use credit" is the same amount, sent negative). */
function positiveCents(text: string): number | undefined {
  const cents = toCents(text);
  return cents !== undefined && cents > 0 ? cents : undefined;
}

/** The Credits tab: stored credit, its ledger, and adding or using credit. */
export function CreditsTab({ customer, canWrite }: ProfileTabProps) {
  const credits = useCredits(customer.id);
  const money = useMoney();
  const time = useWineryTime();
  if (credits.isPending) return <Loader role="status" aria-label="Loading the credits" />;
  if (credits.error) return <ProblemAlert error={credits.error} onRetry={() => void credits.refetch()} />;
  const balance = credits.data.pages[0]?.balanceCents ?? 0;
  const entries = credits.data.pages.flatMap((page) => page.items);

  return (
    <Stack gap="lg">
      <Title order={2} size="h3">
        Balance: {money(balance)}
      </Title>
      {canWrite && <CreditForm customerId={customer.id} />}
      <Stack component="section" aria-labelledby="ledger-heading">
        <Title order={3} size="h4" id="ledger-heading">
          Ledger
        </Title>
        {entries.length === 0 ? (
          <Text>No credit yet.</Text>
        ) : (
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>When</Table.Th>
                <Table.Th>Reason</Table.Th>
                <Table.Th>By</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>Amount</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {entries.map((entry) => (
                <Table.Tr key={entry.id}>
                  <Table.Td>{time.dateTime(entry.createdAt)}</Table.Td>
                  <Table.Td>{entry.reason}</Table.Td>
                  <Table.Td>{entry.createdBy.name ?? entry.createdBy.kind}</Table.Td>
                  <Table.Td style={{ textAlign: 'right' }} c={entry.amountCents < 0 ? 'red.9' : '#2b7a3b'}>
                    {entry.amountCents > 0 ? '+' : ''}
                    {money(entry.amountCents)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {credits.hasNextPage && (
          <Button variant="default" w="fit-content" onClick={() => void credits.fetchNextPage()} loading={credits.isFetchingNextPage}>
            Load more
          </Button>
        )}
      </Stack>
    </Stack>
  );
}

function CreditForm({ customerId }: { customerId: string }) {
  const add = useAddCredit(customerId);
  // One key per entry: a retried request is not a second entry; the next entry gets a new key.
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const form = useForm({
    initialValues: { direction: 'add' as 'add' | 'use', amount: '', reason: '' },
    validate: {
      amount: (value) => (positiveCents(value) === undefined ? 'An amount such as 25.00' : null),
      reason: (value) => (value.trim() ? null : 'Say why'),
    },
  });
  const submit = form.onSubmit(({ direction, amount, reason }) => {
    const cents = positiveCents(amount)!;
    add.mutate(
      { amountCents: direction === 'use' ? -cents : cents, reason: reason.trim(), idempotencyKey },
      {
        onSuccess: () => {
          notifications.show({ closeButtonProps: { 'aria-label': 'Close' }, color: 'green', message: direction === 'use' ? 'Credit used.' : 'Credit added.' });
          form.reset();
          setIdempotencyKey(crypto.randomUUID());
        },
        onError: (error) => form.setErrors(fieldErrorsOf(error)),
      },
    );
  });
  return (
    <form onSubmit={submit} noValidate aria-label="Add or use credit">
      <Stack gap="xs" maw={640}>
        <MutationError error={add.error} />
        <Group align="flex-end" gap="xs">
          <SegmentedControl
            aria-label="Add or use"
            data={[
              { value: 'add', label: 'Add credit' },
              { value: 'use', label: 'Use credit' },
            ]}
            {...form.getInputProps('direction')}
          />
          <TextInput label="Amount" inputMode="decimal" w={120} {...form.getInputProps('amount')} />
          <TextInput label="Reason" style={{ flex: 1 }} {...form.getInputProps('reason')} />
          <Button type="submit" loading={add.isPending}>
            Save
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
