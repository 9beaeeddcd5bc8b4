import { ActionIcon, Button, Group, Loader, NumberInput, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPencil } from '@tabler/icons-react';
import { useState } from 'react';
import { ConfirmButton } from '@/components/confirm-button';
import { InlineEditRow } from '@/components/inline-edit-row';
import { useDraftForm } from '@/hooks/use-draft-form';
import { fieldErrorsOf } from '@/lib/field-errors';
import { MutationError, ProblemAlert } from '@/components/problem-alert';
import type { Schemas } from '@/lib/api-client';
import type { ProfileTabProps } from '@/lib/profile-tabs';
import { useAddCellarItem, useCellar, useRemoveCellarItem, useUpdateCellarItem } from '../api/cellar';

type CellarItem = Schemas['CellarItem'];

/** The Cellar tab (tenants with the cellar feature): the wines the winery keeps for the person. */
export function CellarTab({ customer, canWrite }: ProfileTabProps) {
  const cellar = useCellar(customer.id);
  const remove = useRemoveCellarItem(customer.id);
  const [editing, setEditing] = useState<string>();
  const items = cellar.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Stack gap="lg">
      <Title order={2} size="h3">
        Cellar
      </Title>
      {canWrite && <AddItemForm customerId={customer.id} />}
      {cellar.isPending && <Loader role="status" aria-label="Loading the cellar" />}
      {cellar.error && <ProblemAlert error={cellar.error} onRetry={() => void cellar.refetch()} />}
      {cellar.isSuccess && items.length === 0 && <Text>Nothing in the cellar.</Text>}
      <MutationError error={remove.error} onReload={() => void cellar.refetch()} />
      {items.length > 0 && (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>SKU</Table.Th>
              <Table.Th>Wine</Table.Th>
              <Table.Th>Vintage</Table.Th>
              <Table.Th>Quantity</Table.Th>
              <Table.Th>Location</Table.Th>
              {canWrite && <Table.Th>Actions</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((item) =>
              editing === item.id ? (
                <EditRow key={item.id} customerId={customer.id} item={item} onDone={() => setEditing(undefined)} onReload={() => void cellar.refetch()} />
              ) : (
                <Table.Tr key={item.id}>
                  <Table.Td>{item.sku}</Table.Td>
                  <Table.Td>{item.name}</Table.Td>
                  <Table.Td>{item.vintage ?? '—'}</Table.Td>
                  <Table.Td>{item.quantity}</Table.Td>
                  <Table.Td>{item.location ?? '—'}</Table.Td>
                  {canWrite && (
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <ActionIcon variant="subtle" aria-label={`Edit ${item.name}`} onClick={() => setEditing(item.id)}>
                          <IconPencil size={18} aria-hidden />
                        </ActionIcon>
                        <ConfirmButton
                          label={`Remove ${item.name}`}
                          question={`Remove ${item.name} from the cellar?`}
                          confirmLabel="Remove"
                          onConfirm={() => remove.mutate({ itemId: item.id, version: item.version })}
                          pending={remove.isPending && remove.variables?.itemId === item.id}
                        />
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ),
            )}
          </Table.Tbody>
        </Table>
      )}
      {cellar.hasNextPage && (
        <Button variant="default" w="fit-content" onClick={() => void cellar.fetchNextPage()} loading={cellar.isFetchingNextPage}>
          Load more
        </Button>
      )}
    </Stack>
  );
}

function EditRow({ customerId, item, onDone, onReload }: { customerId: string; item: CellarItem; onDone: () => void; onReload: () => void }) {
  const update = useUpdateCellarItem(customerId);
  const draft = useDraftForm({
    initialValues: { quantity: item.quantity as number | string, location: item.location ?? '' },
    label: `Cellar: ${item.name}`,
    validate: { quantity: (value) => (Number.isInteger(Number(value)) && Number(value) >= 0 ? null : 'Enter a whole number') },
  });
  const save = draft.onSubmit(({ quantity, location }) =>
    update.mutateAsync({ itemId: item.id, version: item.version, body: { quantity: Number(quantity), location: location.trim() || null } }).then(onDone),
  );
  return (
    <InlineEditRow
      label={`Edit ${item.name}`}
      fixedCells={[item.sku, item.name, item.vintage ?? '—']}
      span={3}
      onSubmit={save}
      onCancel={onDone}
      saving={draft.saving}
      error={<MutationError error={update.error} onReload={onReload} />}
    >
      <NumberInput label="Quantity" min={0} allowDecimal={false} w={100} {...draft.form.getInputProps('quantity')} />
      <TextInput label="Location" {...draft.form.getInputProps('location')} />
    </InlineEditRow>
  );
}

function AddItemForm({ customerId }: { customerId: string }) {
  const add = useAddCellarItem(customerId);
  const form = useForm({
    initialValues: { sku: '', name: '', vintage: '' as number | string, quantity: 1 as number | string, location: '' },
    validate: {
      sku: (value) => (value.trim() ? null : 'SKU?'),
      name: (value) => (value.trim() ? null : 'Which wine?'),
      quantity: (value) => (Number.isInteger(Number(value)) && Number(value) >= 1 ? null : 'At least 1'),
    },
  });
  const save = form.onSubmit((v) =>
    add.mutate(
      {
        sku: v.sku.trim(),
        name: v.name.trim(),
        quantity: Number(v.quantity),
        ...(v.vintage !== '' ? { vintage: Number(v.vintage) } : {}),
        ...(v.location.trim() ? { location: v.location.trim() } : {}),
      },
      { onSuccess: () => form.reset(), onError: (error) => form.setErrors(fieldErrorsOf(error)) },
    ),
  );
  return (
    <form onSubmit={save} noValidate aria-label="Add to cellar">
      <Stack gap="xs">
        <MutationError error={add.error} />
        <Group align="flex-start" gap="xs">
          <TextInput label="SKU" w={120} {...form.getInputProps('sku')} />
          <TextInput label="Wine" w={220} {...form.getInputProps('name')} />
          <NumberInput label="Vintage" w={100} min={1900} max={2100} allowDecimal={false} {...form.getInputProps('vintage')} />
          <NumberInput label="Quantity" w={100} min={1} allowDecimal={false} {...form.getInputProps('quantity')} />
          <TextInput label="Location" w={160} {...form.getInputProps('location')} />
          <Button type="submit" mt={25} loading={add.isPending}>
            Add to cellar
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
