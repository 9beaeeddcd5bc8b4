import { Badge, Button, Card, Group, Loader, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { AddDialog } from '@/components/add-dialog';
import { ConfirmButton } from '@/components/confirm-button';
import { FormActions } from '@/components/form-actions';
import { LimitedTextarea } from '@/components/limited-textarea';
import { useDraftForm } from '@/hooks/use-draft-form';
import { useWineryTime } from '@/hooks/use-winery-time';
import { MutationError, ProblemAlert } from '@/components/problem-alert';
import type { Schemas } from '@/lib/api-client';
import { useSession } from '@/lib/auth/auth-provider';
import { isAdmin } from '@/lib/auth/session';
import type { ProfileTabProps } from '@/lib/profile-tabs';
import { useAddNote, useDeleteNote, useNotes, useTimeline } from '../api/crm';
import { formatCount } from '@/lib/plural';

const TYPE_COLOR: Record<Schemas['TimelineEntry']['type'], string> = {
  order: 'blue.9',
  reservation: '#0b6e4f',
  note: 'gray.8',
  email: 'indigo.9',
  membership: 'grape.8',
  credit: '#2b7a3b',
  certificate: '#a63c06',
};

const TYPE_LABEL: Record<Schemas['TimelineEntry']['type'], string> = {
  order: 'Order',
  reservation: 'Reservation',
  note: 'Note',
  email: 'Email',
  membership: 'Membership',
  credit: 'Credit',
  certificate: 'Certificate',
};

/** The CRM tab: notes staff keep about the person, and the timeline of everything that happened to them. */
export function CrmTab({ customer, canWrite }: ProfileTabProps) {
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl">
      <Notes customerId={customer.id} canWrite={canWrite} personName={`${customer.firstName} ${customer.lastName}`} />
      <Timeline customerId={customer.id} />
    </SimpleGrid>
  );
}

function Timeline({ customerId }: { customerId: string }) {
  const timeline = useTimeline(customerId);
  const time = useWineryTime();
  const entries = timeline.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Stack component="section" aria-labelledby="timeline-heading">
      <Title order={2} size="h3" id="timeline-heading">
        Timeline
      </Title>
      {timeline.isPending && <Loader role="status" aria-label="Loading the timeline" />}
      {timeline.error && <ProblemAlert error={timeline.error} onRetry={() => void timeline.refetch()} />}
      {timeline.isSuccess && entries.length === 0 && <Text>Nothing has happened yet.</Text>}
      <Stack component="ol" gap="xs" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Timeline entries">
        {entries.map((entry) => (
          <li key={`${entry.type}-${entry.refId}-${entry.at}`}>
            <Group gap="sm" wrap="nowrap" align="flex-start">
              <Badge color={TYPE_COLOR[entry.type]} w={110} style={{ flexShrink: 0 }}>
                {TYPE_LABEL[entry.type]}
              </Badge>
              <Stack gap={0}>
                <Text>{time.text(entry.summary)}</Text>
                <Text size="sm" c="dimmed">
                  <time dateTime={entry.at}>{time.dateTime(entry.at)}</time>
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

function Notes({ customerId, canWrite, personName }: { customerId: string; canWrite: boolean; personName: string }) {
  const session = useSession();
  const notes = useNotes(customerId);
  const remove = useDeleteNote(customerId);
  const time = useWineryTime();
  const items = notes.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Stack component="section" aria-labelledby="notes-heading">
      <Group gap="xs">
        <Title order={2} size="h3" id="notes-heading">
          Notes
        </Title>
        {canWrite && (
          <AddDialog label="Add note" title="New note" size="lg">
            {(close) => <AddNoteForm customerId={customerId} label={`New note · ${personName}`} onDone={close} />}
          </AddDialog>
        )}
      </Group>
      {notes.isPending && <Loader role="status" aria-label="Loading the notes" />}
      {notes.error && <ProblemAlert error={notes.error} onRetry={() => void notes.refetch()} />}
      {notes.isSuccess && items.length === 0 && <Text>No notes yet.</Text>}
      <MutationError error={remove.error} />
      {items.map((note) => (
        <Card key={note.id} withBorder padding="sm" component="article" aria-label={`Note by ${note.author.name ?? note.author.id}`}>
          <Group justify="space-between" align="flex-start" wrap="nowrap">
            <Stack gap={4}>
              <Text style={{ whiteSpace: 'pre-wrap' }}>{note.body}</Text>
              <Text size="sm" c="dimmed">
                {note.author.name ?? note.author.id} · <time dateTime={note.createdAt}>{time.dateTime(note.createdAt)}</time>
              </Text>
            </Stack>
            {canWrite && (note.author.id === session.sub || isAdmin(session)) && (
              <ConfirmButton label="Delete note" question="Delete this note? It cannot be brought back." onConfirm={() => remove.mutate(note.id)} pending={remove.isPending && remove.variables === note.id} />
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

/** Notes are up to 10 000 characters (the API's limit), counted as they are typed. */
const NOTE_MAX = 10_000;

function AddNoteForm({ customerId, label, onDone }: { customerId: string; label: string; onDone: () => void }) {
  const add = useAddNote(customerId);
  const draft = useDraftForm({
    initialValues: { body: '' },
    label,
    validate: { body: (value) => (value.trim() === '' ? 'Write the note first' : value.length > NOTE_MAX ? `Notes can be up to ${formatCount(NOTE_MAX)} characters` : null) },
  });
  const save = draft.onSubmit(({ body }) => add.mutateAsync(body.trim()).then(onDone));
  return (
    <form onSubmit={save} noValidate aria-label="New note">
      <Stack gap="xs">
        <MutationError error={add.error} />
        <LimitedTextarea label="Note" max={NOTE_MAX} noun="Notes" autosize minRows={4} maxRows={14} data-autofocus {...draft.form.getInputProps('body')} value={draft.form.values.body} />
        <FormActions saveLabel="Save note" saving={draft.saving} dirty={draft.dirty} onCancel={onDone} alwaysCancel />
      </Stack>
    </form>
  );
}
