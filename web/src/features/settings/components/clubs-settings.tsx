import { ActionIcon, Anchor, Badge, Button, Group, Loader, Modal, NumberInput, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { fieldErrorsOf } from '@/lib/field-errors';
import { MutationError, ProblemAlert } from '@/components/problem-alert';
import { useClubs } from '@/hooks/use-reference-data';
import type { Schemas } from '@/lib/api-client';
import { useCreateClub, useUpdateClub } from '../api/settings';

type Club = Schemas['Club'];

interface ClubValues {
  name: string;
  description: string;
  discountPercent: number | string;
  /** `id` for a variant the club already has: members on it keep it. */
  variants: { id?: string; name: string }[];
}

/** Wine clubs: discount (the club's class follows it), variants; retiring closes a club to new members. */
export function ClubsSettings() {
  const clubs = useClubs();
  const update = useUpdateClub();
  const [editing, setEditing] = useState<Club | 'new'>();
  if (clubs.isPending) return <Loader role="status" aria-label="Loading the clubs" />;
  if (clubs.error) return <ProblemAlert error={clubs.error} onRetry={() => void clubs.refetch()} />;

  return (
    <Stack maw={960}>
      <Group justify="space-between">
        <Title order={2} size="h3">
          Clubs
        </Title>
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing('new')}>
          Add club
        </Button>
      </Group>
      <MutationError error={update.error} onReload={() => void clubs.refetch()} />
      {clubs.data.items.length === 0 ? (
        <Text>No clubs yet.</Text>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Club</Table.Th>
              <Table.Th>Discount</Table.Th>
              <Table.Th>Variants</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Actions</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {clubs.data.items.map((club) => (
              <Table.Tr key={club.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/settings/clubs/${club.id}`}>
                    {club.name}
                  </Anchor>
                  {club.description && (
                    <Text size="xs" c="dimmed">
                      {club.description}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{club.discountPercent}%</Table.Td>
                <Table.Td>{club.variants.map((v) => v.name).join(', ') || '—'}</Table.Td>
                <Table.Td>
                  <Badge color={club.status === 'active' ? '#2b7a3b' : 'gray.8'}>{club.status}</Badge>
                </Table.Td>
                <Table.Td>
                  <Group gap="xs">
                    <Button size="xs" variant="default" aria-label={`Edit ${club.name}`} onClick={() => setEditing(club)}>
                      Edit
                    </Button>
                    <Button
                      size="xs"
                      variant="light"
                      color={club.status === 'active' ? 'red.9' : '#2b7a3b'}
                      aria-label={`${club.status === 'active' ? 'Retire' : 'Reopen'} ${club.name}`}
                      loading={update.isPending && update.variables?.clubId === club.id}
                      onClick={() => update.mutate({ clubId: club.id, version: club.version, body: { status: club.status === 'active' ? 'retired' : 'active' } })}
                    >
                      {club.status === 'active' ? 'Retire' : 'Reopen'}
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={editing !== undefined} onClose={() => setEditing(undefined)} title={editing === 'new' ? 'Add club' : `Edit ${editing?.name ?? ''}`} size="lg">
        {editing && <ClubForm key={editing === 'new' ? 'new' : `${editing.id}-${editing.version}`} club={editing === 'new' ? undefined : editing} onDone={() => setEditing(undefined)} />}
      </Modal>
    </Stack>
  );
}

function ClubForm({ club, onDone }: { club: Club | undefined; onDone: () => void }) {
  const create = useCreateClub();
  const update = useUpdateClub();
  const mutation = club ? update : create;
  const form = useForm<ClubValues>({
    initialValues: { name: club?.name ?? '', description: club?.description ?? '', discountPercent: club?.discountPercent ?? 10, variants: club?.variants ?? [] },
    validate: {
      name: (value) => (value.trim() ? null : 'Name the club'),
      discountPercent: (value) => (value !== '' && Number(value) >= 0 && Number(value) <= 100 ? null : 'From 0 to 100'),
      variants: { name: (value) => (value.trim() ? null : 'Name the variant') },
    },
  });
  const submit = form.onSubmit((v) => {
    const variants = v.variants.map((x) => ({ ...(x.id ? { id: x.id } : {}), name: x.name.trim() }));
    const options = { onSuccess: onDone, onError: (error: unknown) => form.setErrors(fieldErrorsOf(error)) };
    if (club) {
      update.mutate(
        { clubId: club.id, version: club.version, body: { name: v.name.trim(), description: v.description.trim() || null, discountPercent: Number(v.discountPercent), variants } },
        options,
      );
    } else {
      create.mutate(
        { name: v.name.trim(), ...(v.description.trim() ? { description: v.description.trim() } : {}), discountPercent: Number(v.discountPercent), variants: variants.map(({ name }) => ({ name })) },
        options,
      );
    }
  });
  return (
    <form onSubmit={submit} noValidate aria-label={club ? 'Edit club' : 'Add club'}>
      <Stack>
        <MutationError error={mutation.error} />
        <TextInput label="Club name" required {...form.getInputProps('name')} />
        <Textarea label="Description" autosize minRows={2} {...form.getInputProps('description')} />
        <NumberInput label="Discount %" description="Also the discount of the club's customer class" min={0} max={100} w={220} {...form.getInputProps('discountPercent')} />
        <Stack gap="xs">
          <Text fw={500} size="sm">
            Variants
          </Text>
          {form.values.variants.map((variant, index) => (
            <Group key={variant.id ?? `new-${index}`} gap="xs" align="flex-start">
              <TextInput aria-label={`Variant ${index + 1} name`} placeholder="e.g. Reds only" style={{ flex: 1 }} {...form.getInputProps(`variants.${index}.name`)} />
              <ActionIcon variant="subtle" color="red.9" mt={4} aria-label={`Remove variant ${index + 1}`} onClick={() => form.removeListItem('variants', index)}>
                <IconTrash size={18} aria-hidden />
              </ActionIcon>
            </Group>
          ))}
          <Button variant="subtle" w="fit-content" leftSection={<IconPlus size={16} aria-hidden />} onClick={() => form.insertListItem('variants', { name: '' })}>
            Add variant
          </Button>
        </Stack>
        <Group>
          <Button type="submit" loading={mutation.isPending}>
            {club ? 'Save club' : 'Add club'}
          </Button>
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
