import { ActionIcon, Badge, Button, Card, Group, Loader, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { fieldErrorsOf } from '@/lib/field-errors';
import { MutationError, ProblemAlert } from '@/components/problem-alert';
import type { Schemas } from '@/lib/api-client';
import { useSession } from '@/lib/auth/auth-provider';
import { isAdmin } from '@/lib/auth/session';
import type { ProfileTabProps } from '@/lib/profile-tabs';
import { useAddNote, useDeleteNote, useNotes, useTimeline } from '../api/crm';

const TYPE_COLOR: Record<Schemas['TimelineEntry']['type'], string> = {
  order: 'blue.9',
  reservation: '#0b6e4f',
  note: 'gray.8',
  email: 'indigo.9',
  membership: 'grape.8',
  credit: '#2b7a3b',
  certificate: '#a63c06',
};

const localTime = (iso: string) => new Date(iso).toLocaleString();

/** The CRM tab: notes staff keep about the person, and the timeline of everything that happened to them. */
export function CrmTab({ customer, canWrite }: ProfileTabProps) {
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl">
      <Notes customerId={customer.id} canWrite={canWrite} />
      <Timeline customerId={customer.id} />
    </SimpleGrid>
  );
}

function Timeline({ customerId }: { customerId: string }) {
  const timeline = useTimeline(customerId);
  const entries = timeline.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Stack component="section" aria-labelledby="timeline-heading">
      <Title order={2} size="h3" id="timeline-heading">
        Timeline
      </Title>
      {timeline.isPending && <Loader aria-label="Loading the timeline" />}
      {timeline.error && <ProblemAlert error={timeline.error} onRetry={() => void timeline.refetch()} />}
      {timeline.isSuccess && entries.length === 0 && <Text>Nothing has happened yet.</Text>}
      <Stack component="ol" gap="xs" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Timeline entries">
        {entries.map((entry) => (
          <li key={`${entry.type}-${entry.refId}-${entry.at}`}>
            <Group gap="sm" wrap="nowrap" align="flex-start">
              <Badge color={TYPE_COLOR[entry.type]} w={110} style={{ flexShrink: 0 }}>
                {entry.type}
              </Badge>
              <Stack gap={0}>
                <Text>{entry.summary}</Text>
                <Text size="sm" c="dimmed">
                  <time dateTime={entry.at}>{localTime(entry.at)}</time>
                </Text>
              </Stack>
            </Group>
          </li>
        ))}
      </Stack>
      {timeline.hasNextPage && (
        <Button variant="default" onClick={() => void timeline.fetchNextPage()} loading={timeline.isFetchingNextPage} w="fit-content">
          Load more
        </Button>
      )}
    </Stack>
  );
}

function Notes({ customerId, canWrite }: { customerId: string; canWrite: boolean }) {
  const session = useSession();
  const notes = useNotes(customerId);
  const remove = useDeleteNote(customerId);
  const [adding, setAdding] = useState(false);
  const items = notes.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Stack component="section" aria-labelledby="notes-heading">
      <Group gap="xs">
        <Title order={2} size="h3" id="notes-heading">
          Notes
        </Title>
        {canWrite && (
          <ActionIcon variant="light" color="#2b7a3b" aria-label="Add note" aria-expanded={adding} onClick={() => setAdding(true)}>
            <IconPlus size={18} aria-hidden />
          </ActionIcon>
        )}
      </Group>
      {adding && <AddNoteForm customerId={customerId} onDone={() => setAdding(false)} />}
      {notes.isPending && <Loader aria-label="Loading the notes" />}
      {notes.error && <ProblemAlert error={notes.error} onRetry={() => void notes.refetch()} />}
      {notes.isSuccess && items.length === 0 && <Text>No notes yet.</Text>}
      <MutationError error={remove.error} />
      {items.map((note) => (
        <Card key={note.id} withBorder padding="sm" component="article" aria-label={`Note by ${note.author.name ?? note.author.id}`}>
          <Group justify="space-between" align="flex-start" wrap="nowrap">
            <Stack gap={4}>
              <Text style={{ whiteSpace: 'pre-wrap' }}>{note.body}</Text>
              <Text size="sm" c="dimmed">
                {note.author.name ?? note.author.id} · <time dateTime={note.createdAt}>{localTime(note.createdAt)}</time>
              </Text>
            </Stack>
            {canWrite && (note.author.id === session.sub || isAdmin(session)) && (
              <ActionIcon variant="subtle" color="red.9" aria-label="Delete note" loading={remove.isPending && remove.variables === note.id} onClick={() => remove.mutate(note.id)}>
                <IconTrash size={18} aria-hidden />
              </ActionIcon>
            )}
          </Group>
        </Card>
      ))}
      {notes.hasNextPage && (
        <Button variant="default" onClick={() => void notes.fetchNextPage()} loading={notes.isFetchingNextPage} w="fit-content">
          More notes
        </Button>
      )}
    </Stack>
  );
}

function AddNoteForm({ customerId, onDone }: { customerId: string; onDone: () => void }) {
  const add = useAddNote(customerId);
  const form = useForm({ initialValues: { body: '' }, validate: { body: (value) => (value.trim() === '' ? 'Write the note first' : null) } });
  const save = form.onSubmit(({ body }) => add.mutate(body.trim(), { onSuccess: onDone, onError: (error) => form.setErrors(fieldErrorsOf(error)) }));
  return (
    <form onSubmit={save} noValidate aria-label="New note">
      <Stack gap="xs">
        <MutationError error={add.error} />
        <Textarea label="Note" autosize minRows={3} data-autofocus {...form.getInputProps('body')} />
        <Group gap="xs">
          <Button type="submit" loading={add.isPending}>
            Save note
          </Button>
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
