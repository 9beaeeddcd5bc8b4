import { Button, Checkbox, Group, SimpleGrid, Stack, Switch, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { MutationError } from '@/components/problem-alert';
import { fieldErrorsOf } from '@/lib/field-errors';
import { useCreateWebhook } from '../api/webhooks';
import { EVENT_CHOICES } from './event-choices';

/** A new endpoint: its URL, what it is for, and its events (all of them, or some). */
export function EndpointForm({ onCreated }: { onCreated: (secret: string) => void }) {
  const create = useCreateWebhook();
  const form = useForm({
    initialValues: { url: '', description: '', all: true, events: [] as string[] },
    validate: {
      url: (value) => (/^https?:\/\/\S+$/.test(value.trim()) ? null : 'Enter the https:// address of the receiving system'),
      events: (value, values) => (values.all || value.length > 0 ? null : 'Choose at least one event, or all of them'),
    },
  });
  const submit = form.onSubmit((v) =>
    create.mutate(
      {
        url: v.url.trim(),
        events: (v.all ? ['*'] : v.events) as ['*'],
        ...(v.description.trim() ? { description: v.description.trim() } : {}),
      },
      {
        onSuccess: (created) => {
          form.reset();
          onCreated(created.secret);
        },
        onError: (error) => form.setErrors(fieldErrorsOf(error)),
      },
    ),
  );
  return (
    <form onSubmit={submit} noValidate aria-label="Add endpoint">
      <Stack gap="sm">
        <MutationError error={create.error} />
        <Group align="flex-start" grow>
          <TextInput label="Endpoint URL" placeholder="https://hooks.example.com/winery" required {...form.getInputProps('url')} />
          <TextInput label="Description" placeholder="Accounting" {...form.getInputProps('description')} />
        </Group>
        <Switch label="All events (also those added later)" {...form.getInputProps('all', { type: 'checkbox' })} />
        {!form.values.all && (
          <Checkbox.Group label="Events" {...form.getInputProps('events')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs" spacing={6}>
              {EVENT_CHOICES.map((choice) => (
                <Checkbox key={choice.value} value={choice.value} label={choice.label} />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
        )}
        <Group>
          <Button type="submit" loading={create.isPending}>
            Add endpoint
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
