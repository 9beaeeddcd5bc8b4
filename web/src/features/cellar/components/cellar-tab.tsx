import { ActionIcon, Button, Group, Loader, NumberInput, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconCheck, IconPencil, IconTrash, IconX } from '@tabler/icons-react';
import { useState } from 'react';
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
      {cellar.isPending && <Loader aria-label="Loading the cellar" />}
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
                        <ActionIcon
                          variant="subtle"
                          color="red.9"
                          aria-label={`Remove ${item.name}`}
                          loading={remove.isPending && remove.variables?.itemId === item.id}
                          onClick={() => remove.mutate({ itemId: item.id, version: item.version })}
                        >
                          <IconTrash size={18} aria-hidden />
                        </ActionIcon>
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
  const form = useForm({
    initialValues: { quantity: item.quantity as number | string, location: item.location ?? '' },
    validate: { quantity: (value) => (Number.isInteger(Number(value)) && Number(value) >= 0 ? null : 'A whole number') },
  });
  const save = form.onSubmit(({ quantity, location }) =>
    update.mutate(
      { itemId: item.id, version: item.version, body: { quantity: Number(quantity), location: location.trim() || null } },
      { onSuccess: onDone, onError: (error) => form.setErrors(fieldErrorsOf(error)) },
    ),
  );
  return (
    <Table.Tr>
      <Table.Td>{item.sku}</Table.Td>
      <Table.Td>{item.name}</Table.Td>
      <Table.Td>{item.vintage ?? '—'}</Table.Td>
      <Table.Td colSpan={3}>
        <form onSubmit={save} noValidate aria-label={`Edit ${item.name}`}>
          <Stack gap={4}>
            <MutationError error={update.error} onReload={onReload} />
            <Group gap="xs" align="flex-end" wrap="nowrap">
              <NumberInput label="Quantity" min={0} allowDecimal={false} w={100} {...form.getInputProps('quantity')} />
              <TextInput label="Location" {...form.getInputProps('location')} />
              <ActionIcon type="submit" variant="filled" size="lg" aria-label="Save" loading={update.isPending}>
                <IconCheck size={18} aria-hidden />
              </ActionIcon>
              <ActionIcon variant="default" size="lg" aria-label="Cancel edit" onClick={onDone}>
                <IconX size={18} aria-hidden />
              </ActionIcon>
            </Group>
          </Stack>
        </form>
      </Table.Td>
    </Table.Tr>
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
