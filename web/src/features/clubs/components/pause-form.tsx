import { Button, Group, SegmentedControl, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { MutationError } from '@/components/problem-alert';
import { useSettings } from '@/hooks/use-reference-data';
import { useWineryTime } from '@/hooks/use-winery-time';
import type { Schemas } from '@/lib/api-client';
import { addDays } from '@/lib/datetime';
import { fieldErrorsOf } from '@/lib/field-errors';
import { usePauseMembership, type PauseBody } from '../api/clubs';

type Membership = Schemas['Membership'];

interface Values {
  starts: 'now' | 'later';
  from: string;
  until: string;
  reasonKey: string | null;
  note: string;
}

interface PauseFormProps {
  readonly customerId: string;
  readonly membership: Membership;
  /** Taken instead of a cancel (the cancel dialog's save offer): counted as a save in the club's stats. */
  readonly saveOffer?: boolean;
  readonly onDone: () => void;
  readonly onBack: () => void;
  readonly backLabel: string;
}

/**
 * A hold: now or from a later day (the membership stays active until then), until a day, with
 * one of the winery's hold reasons and a note. On a paused membership it moves the end. Days are
 * the winery's: "after today" is the winery's today, as the scheduled job counts them.
 */
export function PauseForm({ customerId, membership, saveOffer = false, onDone, onBack, backLabel }: PauseFormProps) {
  const pause = usePauseMembership(customerId);
  const reasons = useSettings().data?.clubReasons.hold ?? [];
  const time = useWineryTime();
  const today = time.today();
  const paused = membership.status === 'paused';
  const form = useForm<Values>({
    initialValues: {
      starts: membership.scheduledPause ? 'later' : 'now',
      from: membership.scheduledPause?.from ?? addDays(today, 1),
      until: membership.scheduledPause?.until ?? membership.pausedUntil ?? '',
      reasonKey: membership.pauseReasonKey,
      note: membership.pauseNote ?? '',
    },
    validate: {
      from: (value, values) => (values.starts === 'later' && !(value > today) ? 'Pick a day after today' : null),
      until: (value, values) => {
        const start = values.starts === 'later' ? values.from : today;
        return value > start ? null : values.starts === 'later' ? 'Pick a day after the start' : 'Pick a day after today';
      },
    },
  });
  const v = form.values;
  const submit = form.onSubmit((values) => {
    const body: PauseBody = {
      until: values.until,
      ...(values.starts === 'later' && !paused ? { from: values.from } : {}),
      ...(values.reasonKey ? { reasonKey: values.reasonKey } : {}),
      ...(values.note.trim() ? { note: values.note.trim() } : {}),
      ...(saveOffer ? { saveOffer: true } : {}),
    };
    pause.mutate({ membershipId: membership.id, body }, { onSuccess: onDone, onError: (error) => form.setErrors(fieldErrorsOf(error)) });
  });
  return (
    <form onSubmit={submit} noValidate aria-label="Pause membership">
      <Stack>
        <MutationError error={pause.error} />
        {paused ? (
          <Text size="sm">Paused since {membership.pausedFrom ? time.date(membership.pausedFrom) : '—'}. Choose a new end.</Text>
        ) : (
          <SegmentedControl
            aria-label="When the pause starts"
            data={[
              { value: 'now', label: 'Starting today' },
              { value: 'later', label: 'Starting later' },
            ]}
            {...form.getInputProps('starts')}
          />
        )}
        <Group grow align="flex-start">
          {!paused && v.starts === 'later' && <TextInput type="date" label="From" required min={addDays(today, 1)} {...form.getInputProps('from')} />}
          <TextInput type="date" label="Until" description="It resumes by itself on this day" required min={addDays(v.starts === 'later' && !paused ? v.from : today, 1)} {...form.getInputProps('until')} />
        </Group>
        <Select label="Reason" placeholder="Why they pause" clearable data={reasons.map((r) => ({ value: r.key, label: r.title }))} {...form.getInputProps('reasonKey')} />
        <Textarea label="Note" autosize minRows={2} maxLength={500} {...form.getInputProps('note')} />
        <Group>
          <Button type="submit" loading={pause.isPending}>
            {paused ? 'Move the end' : v.starts === 'later' ? 'Book the pause' : 'Pause now'}
          </Button>
          <Button variant="default" onClick={onBack}>
            {backLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
