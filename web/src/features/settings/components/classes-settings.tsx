import { ActionIcon, Button, Group, Loader, NumberInput, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconCheck, IconPencil, IconTrash, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { fieldErrorsOf } from '@/lib/field-errors';
import { MutationError, ProblemAlert } from '@/components/problem-alert';
import { useClubs, useCustomerClasses } from '@/hooks/use-reference-data';
import type { Schemas } from '@/lib/api-client';
import { useCreateClass, useDeleteClass, useUpdateClass } from '../api/settings';

type CustomerClass = Schemas['CustomerClass'];

const discountRule = (value: number | string) => (value !== '' && Number(value) >= 0 && Number(value) <= 100 ? null : 'From 0 to 100');

/** Customer classes and their discounts. A club's class is changed through its club, so it is shown, not edited. */
export function ClassesSettings() {
  const classes = useCustomerClasses();
  const clubs = useClubs();
  const remove = useDeleteClass();
  const [editing, setEditing] = useState<string>();
  if (classes.isPending) return <Loader aria-label="Loading the classes" />;
  if (classes.error) return <ProblemAlert error={classes.error} onRetry={() => void classes.refetch()} />;
  const clubName = (clubId: string) => clubs.data?.items.find((c) => c.id === clubId)?.name ?? 'a club';

  return (
    <Stack maw={760}>
      <Title order={2} size="h3">
        Customer classes
      </Title>
      <AddClassForm />
      <MutationError error={remove.error} onReload={() => void classes.refetch()} />
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Class</Table.Th>
            <Table.Th>Discount</Table.Th>
            <Table.Th>Actions</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {classes.data.items.map((c) =>
            editing === c.id ? (
              <EditClassRow key={c.id} customerClass={c} onDone={() => setEditing(undefined)} onReload={() => void classes.refetch()} />
            ) : (
              <Table.Tr key={c.id}>
                <Table.Td>{c.name}</Table.Td>
                <Table.Td>{c.discountPercent}%</Table.Td>
                <Table.Td>
                  {c.clubId ? (
                    <Text size="sm">Set by the {clubName(c.clubId)} club</Text>
                  ) : (
                    <Group gap={4}>
                      <ActionIcon variant="subtle" aria-label={`Edit ${c.name}`} onClick={() => setEditing(c.id)}>
                        <IconPencil size={18} aria-hidden />
                      </ActionIcon>
                      <ActionIcon
                        variant="subtle"
                        color="red.9"
                        aria-label={`Delete ${c.name}`}
                        loading={remove.isPending && remove.variables?.classId === c.id}
                        onClick={() => remove.mutate({ classId: c.id, version: c.version })}
                      >
                        <IconTrash size={18} aria-hidden />
                      </ActionIcon>
                    </Group>
                  )}
                </Table.Td>
              </Table.Tr>
            ),
          )}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

function AddClassForm() {
  const create = useCreateClass();
  const form = useForm({
    initialValues: { name: '', discountPercent: 0 as number | string },
    validate: { name: (value) => (value.trim() ? null : 'Name the class'), discountPercent: discountRule },
  });
  const submit = form.onSubmit((v) =>
    create.mutate({ name: v.name.trim(), discountPercent: Number(v.discountPercent) }, { onSuccess: () => form.reset(), onError: (error) => form.setErrors(fieldErrorsOf(error)) }),
  );
  return (
    <form onSubmit={submit} noValidate aria-label="Add class">
      <Stack gap="xs">
        <MutationError error={create.error} />
        <Group align="flex-start" gap="xs">
          <TextInput label="Class name" {...form.getInputProps('name')} />
          <NumberInput label="Discount %" min={0} max={100} w={120} {...form.getInputProps('discountPercent')} />
          <Button type="submit" mt={25} loading={create.isPending}>
            Add class
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function EditClassRow({ customerClass, onDone, onReload }: { customerClass: CustomerClass; onDone: () => void; onReload: () => void }) {
  const update = useUpdateClass();
  const form = useForm({
    initialValues: { name: customerClass.name, discountPercent: customerClass.discountPercent as number | string },
    validate: { name: (value) => (value.trim() ? null : 'Name the class'), discountPercent: discountRule },
  });
  const submit = form.onSubmit((v) =>
    update.mutate(
      { classId: customerClass.id, version: customerClass.version, body: { name: v.name.trim(), discountPercent: Number(v.discountPercent) } },
      { onSuccess: onDone, onError: (error) => form.setErrors(fieldErrorsOf(error)) },
    ),
  );
  return (
    <Table.Tr>
      <Table.Td colSpan={3}>
        <form onSubmit={submit} noValidate aria-label={`Edit ${customerClass.name}`}>
          <Stack gap={4}>
            <MutationError error={update.error} onReload={onReload} />
            <Group gap="xs" align="flex-end">
              <TextInput label="Class name" {...form.getInputProps('name')} />
              <NumberInput label="Discount %" min={0} max={100} w={120} {...form.getInputProps('discountPercent')} />
              <ActionIcon type="submit" size="lg" aria-label="Save class" loading={update.isPending}>
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
