import { ActionIcon, Button, Group, Loader, NumberInput, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPencil } from '@tabler/icons-react';
import { useState } from 'react';
import { ConfirmButton } from '@/components/confirm-button';
import { InlineEditRow } from '@/components/inline-edit-row';
import { useDraftForm } from '@/hooks/use-draft-form';
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
  if (classes.isPending) return <Loader role="status" aria-label="Loading the classes" />;
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
                      <ConfirmButton
                        label={`Delete ${c.name}`}
                        question={`Delete the ${c.name} class? A class that people still have cannot go.`}
                        onConfirm={() => remove.mutate({ classId: c.id, version: c.version })}
                        pending={remove.isPending && remove.variables?.classId === c.id}
                      />
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
  const draft = useDraftForm({
    initialValues: { name: customerClass.name, discountPercent: customerClass.discountPercent as number | string },
    label: `Class ${customerClass.name}`,
    validate: { name: (value) => (value.trim() ? null : 'Name the class'), discountPercent: discountRule },
  });
  const submit = draft.onSubmit((v) =>
    update.mutateAsync({ classId: customerClass.id, version: customerClass.version, body: { name: v.name.trim(), discountPercent: Number(v.discountPercent) } }).then(onDone),
  );
  return (
    <InlineEditRow label={`Edit ${customerClass.name}`} span={3} onSubmit={submit} onCancel={onDone} saving={draft.saving} error={<MutationError error={update.error} onReload={onReload} />}>
      <TextInput label="Class name" {...draft.form.getInputProps('name')} />
      <NumberInput label="Discount %" min={0} max={100} w={120} {...draft.form.getInputProps('discountPercent')} />
    </InlineEditRow>
  );
}
