import { Button, Group, Modal, SegmentedControl, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { ProblemAlert } from '@/components/problem-alert';
import type { Schemas } from '@/lib/api-client';
import { addDays, todayIn } from '@/lib/datetime';
import { fieldErrorsOf } from '@/lib/field-errors';
import { useCancelMine, useChangeMine, usePauseMine, useResumeMine, type MyPauseBody } from '../api/club';
import { formatDate } from '../lib/format';

type Membership = Schemas['Membership'];
type Options = Schemas['MyClubOptions'];

/**
 * What a member may do with their own membership, exactly as the winery allows it
 * (`settings.clubSelfService`): pause (within the days a year), resume or keep a booked pause
 * from starting, change their option, shipping or pickup, cancel with a reason (a pause is
 * offered first when they may pause). The API has the last word: beyond the limits it says why
 * (a 403), and the dialog shows it.
 */
export function MyMembershipActions({ membership: m, options }: { membership: Membership; options: Options }) {
  const [dialog, setDialog] = useState<'pause' | 'change' | 'cancel'>();
  const resume = useResumeMine();
  const close = () => setDialog(undefined);
  if (m.status === 'cancelled') return null;
  const club = options.clubs.find((c) => c.id === m.clubId);
  const canChangeVariant = options.changeVariant && (club?.variants.length ?? 0) > 1;
  const onHold = m.status === 'paused' || m.scheduledPause !== null;
  return (
    <Stack gap="xs">
      {options.pause.allowed && (
        <Text size="sm" c="dimmed">
          You can pause up to {options.pause.maxDaysPerYear} days a year; {Math.max(0, options.pause.maxDaysPerYear - m.pauseDaysThisYear)} left this year.
        </Text>
      )}
      {resume.error !== null && <ProblemAlert error={resume.error} />}
      <Group gap="xs">
        {options.pause.allowed && (
          <Button size="sm" variant="light" onClick={() => setDialog('pause')}>
            {m.status === 'paused' ? 'Change my pause' : m.scheduledPause ? 'Change my booked pause' : 'Pause'}
          </Button>
        )}
        {onHold && (
          <Button size="sm" variant="default" loading={resume.isPending} onClick={() => resume.mutate({ membershipId: m.id, input: undefined })}>
            {m.status === 'paused' ? 'Resume now' : 'Keep it active'}
          </Button>
        )}
        {(canChangeVariant || options.changeShipping) && (
          <Button size="sm" variant="default" onClick={() => setDialog('change')}>
            Change {canChangeVariant && options.changeShipping ? 'option or delivery' : canChangeVariant ? 'option' : 'delivery'}
          </Button>
        )}
        {options.cancel && (
          <Button size="sm" variant="subtle" color="red.9" onClick={() => setDialog('cancel')}>
            Cancel membership
          </Button>
        )}
      </Group>
      <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={dialog === 'pause'} onClose={close} title={`Pause ${m.clubName}`}>
        {dialog === 'pause' && <PauseMine membership={m} options={options} onDone={close} onBack={close} backLabel="Not now" />}
      </Modal>
      <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={dialog === 'change'} onClose={close} title={`Change ${m.clubName}`}>
        {dialog === 'change' && <ChangeMine membership={m} options={options} variants={canChangeVariant ? (club?.variants ?? []) : []} onDone={close} />}
      </Modal>
      <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={dialog === 'cancel'} onClose={close} title={`Leave ${m.clubName}?`}>
        {dialog === 'cancel' && <CancelMine membership={m} options={options} onDone={close} />}
      </Modal>
    </Stack>
  );
}

/** The member's today: UTC, as the API counts a pause's days. */
const utcToday = () => todayIn('UTC');

function PauseMine({ membership: m, options, saveOffer = false, onDone, onBack, backLabel }: { membership: Membership; options: Options; saveOffer?: boolean; onDone: () => void; onBack: () => void; backLabel: string }) {
  const pause = usePauseMine();
  const today = utcToday();
  const paused = m.status === 'paused';
  const form = useForm<{ starts: 'now' | 'later'; from: string; until: string; reasonKey: string | null }>({
    initialValues: {
      starts: m.scheduledPause ? 'later' : 'now',
      from: m.scheduledPause?.from ?? addDays(today, 1),
      until: m.scheduledPause?.until ?? m.pausedUntil ?? '',
      reasonKey: m.pauseReasonKey,
    },
    validate: {
      from: (value, values) => (values.starts === 'later' && !(value > today) ? 'Pick a day after today' : null),
      until: (value, values) => (value > (values.starts === 'later' && !paused ? values.from : today) ? null : 'Pick a later day'),
    },
  });
  const later = form.values.starts === 'later' && !paused;
  const submit = form.onSubmit((values) => {
    const body: MyPauseBody = {
      until: values.until,
      ...(later ? { from: values.from } : {}),
      ...(values.reasonKey ? { reasonKey: values.reasonKey } : {}),
      ...(saveOffer ? { saveOffer: true } : {}),
    };
    pause.mutate({ membershipId: m.id, input: body }, { onSuccess: onDone, onError: (error) => form.setErrors(fieldErrorsOf(error)) });
  });
  return (
    <form onSubmit={submit} noValidate aria-label="Pause my membership">
      <Stack>
        <Text size="sm">
          Up to {options.pause.maxDaysPerYear} days a year; {m.pauseDaysThisYear} used this year. Your membership is active again by itself on the Until day.
        </Text>
        {pause.error !== null && <ProblemAlert error={pause.error} />}
        {!paused && (
          <SegmentedControl
            fullWidth
            aria-label="When the pause starts"
            data={[
              { value: 'now', label: 'From today' },
              { value: 'later', label: 'From a later day' },
            ]}
            {...form.getInputProps('starts')}
          />
        )}
        {later && <TextInput type="date" label="From" required min={addDays(today, 1)} {...form.getInputProps('from')} />}
        <TextInput type="date" label="Until" required min={addDays(later ? form.values.from : today, 1)} {...form.getInputProps('until')} />
        {options.reasons.hold.length > 0 && (
          <Select label="Why (optional)" clearable data={options.reasons.hold.map((r) => ({ value: r.key, label: r.title }))} {...form.getInputProps('reasonKey')} />
        )}
        <Group>
          <Button type="submit" loading={pause.isPending}>
            {paused ? 'Change the end' : later ? 'Book the pause' : 'Pause now'}
          </Button>
          <Button variant="default" onClick={onBack}>
            {backLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ChangeMine({ membership: m, options, variants, onDone }: { membership: Membership; options: Options; variants: { id: string; name: string }[]; onDone: () => void }) {
  const change = useChangeMine();
  const form = useForm({
    initialValues: { variantId: m.variantId, shippingPreference: m.shippingPreference, pickupLocation: m.pickupLocation ?? '' },
    validate: { pickupLocation: (value, values) => (values.shippingPreference === 'pickup' && !value.trim() ? 'Where do you pick up?' : null) },
  });
  const v = form.values;
  const submit = form.onSubmit((values) => {
    const body = {
      ...(values.variantId && values.variantId !== m.variantId ? { variantId: values.variantId } : {}),
      ...(values.shippingPreference !== m.shippingPreference || values.pickupLocation.trim() !== (m.pickupLocation ?? '')
        ? { shippingPreference: values.shippingPreference, pickupLocation: values.shippingPreference === 'pickup' ? values.pickupLocation.trim() : null }
        : {}),
    };
    if (Object.keys(body).length === 0) return onDone();
    change.mutate({ membershipId: m.id, input: { version: m.version, body } }, { onSuccess: onDone, onError: (error) => form.setErrors(fieldErrorsOf(error)) });
  });
  return (
    <form onSubmit={submit} noValidate aria-label="Change my membership">
      <Stack>
        {change.error !== null && <ProblemAlert error={change.error} />}
        {variants.length > 1 && <Select label="Option" allowDeselect={false} data={variants.map((x) => ({ value: x.id, label: x.name }))} {...form.getInputProps('variantId')} />}
        {options.changeShipping && (
          <>
            <SegmentedControl
              fullWidth
              aria-label="How you get your wine"
              data={[
                { value: 'ship', label: 'Ship to me' },
                { value: 'pickup', label: 'I pick it up' },
              ]}
              {...form.getInputProps('shippingPreference')}
            />
            {v.shippingPreference === 'pickup' && <TextInput label="Pickup location" required {...form.getInputProps('pickupLocation')} />}
          </>
        )}
        <Group>
          <Button type="submit" loading={change.isPending}>
            Save
          </Button>
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Leaving: a pause first when the winery allows one (counted as a save), then the reason. */
function CancelMine({ membership: m, options, onDone }: { membership: Membership; options: Options; onDone: () => void }) {
  const cancel = useCancelMine();
  const offer = options.pause.allowed && m.status === 'active' && !m.scheduledPause;
  const [step, setStep] = useState<'offer' | 'pause' | 'cancel'>(offer ? 'offer' : 'cancel');
  const form = useForm<{ reasonKey: string | null; note: string }>({
    initialValues: { reasonKey: null, note: '' },
    validate: { reasonKey: (value) => (value ? null : 'Tell us why you are leaving') },
  });
  if (step === 'offer') {
    return (
      <Stack>
        <Text>Need a break rather than a goodbye? You can pause your membership instead (up to {options.pause.maxDaysPerYear} days a year); it resumes by itself.</Text>
        <Button onClick={() => setStep('pause')}>Pause instead</Button>
        <Button variant="default" color="red.9" onClick={() => setStep('cancel')}>
          No, cancel my membership
        </Button>
      </Stack>
    );
  }
  if (step === 'pause') return <PauseMine membership={m} options={options} saveOffer onDone={onDone} onBack={() => setStep('offer')} backLabel="Back" />;
  const submit = form.onSubmit(({ reasonKey, note }) =>
    cancel.mutate(
      { membershipId: m.id, input: { reasonKey: reasonKey!, ...(note.trim() ? { note: note.trim() } : {}) } },
      { onSuccess: onDone, onError: (error) => form.setErrors(fieldErrorsOf(error)) },
    ),
  );
  return (
    <form onSubmit={submit} noValidate aria-label="Cancel my membership">
      <Stack>
        <Text size="sm">Your club shipments and your member discount stop. You are welcome to join again later.</Text>
        {cancel.error !== null && <ProblemAlert error={cancel.error} />}
        <Select label="Why are you leaving?" required data={options.reasons.cancel.map((r) => ({ value: r.key, label: r.title }))} {...form.getInputProps('reasonKey')} />
        <Textarea label="Anything else? (optional)" autosize minRows={2} maxLength={500} {...form.getInputProps('note')} />
        <Button type="submit" color="red.9" loading={cancel.isPending}>
          Cancel my membership
        </Button>
        <Button variant="default" onClick={onDone}>
          Keep my membership
        </Button>
      </Stack>
    </form>
  );
}

/** The booked pause, in the member's words. */
export function bookedPauseText(m: Membership): string | null {
  return m.scheduledPause ? `Pause booked from ${formatDate(m.scheduledPause.from)} until ${formatDate(m.scheduledPause.until)}` : null;
}
