import { ActionIcon, Button, Group, Modal, Select, Stack, Text, Textarea, Tooltip } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPower } from '@tabler/icons-react';
import { useState } from 'react';
import { MutationError } from '@/components/problem-alert';
import { useSettings } from '@/hooks/use-reference-data';
import type { Schemas } from '@/lib/api-client';
import { fieldErrorsOf } from '@/lib/field-errors';
import { useCancelMembership } from '../api/clubs';
import { PauseForm } from './pause-form';

type Membership = Schemas['Membership'];
type Step = 'offer' | 'pause' | 'cancel';

/**
 * Cancelling, as a winery keeps members: an active membership is first offered a pause (a hold
 * instead of a goodbye, counted as a save in the club's stats); a cancel takes one of the
 * winery's reasons (Settings → Club reasons) and a note.
 */
export function CancelMembership({ customerId, membership, clubName }: { customerId: string; membership: Membership; clubName: string }) {
  const cancel = useCancelMembership(customerId);
  const reasons = useSettings().data?.clubReasons.cancel ?? [];
  const firstStep: Step = membership.status === 'active' ? 'offer' : 'cancel';
  const [step, setStep] = useState<Step | undefined>();
  const form = useForm<{ reasonKey: string | null; note: string }>({
    initialValues: { reasonKey: null, note: '' },
    validate: { reasonKey: (value) => (value ? null : 'Pick why they are leaving') },
  });
  const close = () => {
    setStep(undefined);
    form.reset();
    cancel.reset();
  };
  const submit = form.onSubmit(({ reasonKey, note }) =>
    cancel.mutate(
      { membershipId: membership.id, body: { reasonKey: reasonKey!, ...(note.trim() ? { note: note.trim() } : {}) } },
      { onSuccess: close, onError: (error) => form.setErrors(fieldErrorsOf(error)) },
    ),
  );
  const title = step === 'offer' ? `Before cancelling ${clubName}: would a pause help?` : step === 'pause' ? `Pause ${clubName} instead` : `Cancel the ${clubName} membership?`;
  return (
    <>
      <Tooltip label="Cancel membership">
        <ActionIcon variant="filled" color="red.9" size="lg" aria-label="Cancel membership" onClick={() => setStep(firstStep)}>
          <IconPower size={20} aria-hidden />
        </ActionIcon>
      </Tooltip>
      <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={step !== undefined} onClose={close} title={title} size="lg">
        {step === 'offer' && (
          <Stack>
            <Text>Many members who ask to leave only need a break: a trip, too much wine on hand, a tight month. A pause keeps them in the club and resumes by itself.</Text>
            <Group>
              <Button onClick={() => setStep('pause')}>Offer a pause</Button>
              <Button variant="default" color="red.9" onClick={() => setStep('cancel')}>
                No, cancel the membership
              </Button>
            </Group>
          </Stack>
        )}
        {step === 'pause' && <PauseForm customerId={customerId} membership={membership} saveOffer onDone={close} onBack={() => setStep('offer')} backLabel="Back" />}
        {step === 'cancel' && (
          <form onSubmit={submit} noValidate aria-label="Cancel membership">
            <Stack>
              <Text>They stop receiving club shipments and lose the club's discount. This cannot be undone; they can join again later.</Text>
              <MutationError error={cancel.error} />
              <Select label="Reason" required placeholder="Why they are leaving" data={reasons.map((r) => ({ value: r.key, label: r.title }))} data-autofocus {...form.getInputProps('reasonKey')} />
              <Textarea label="Note" description="Anything the reason does not say" autosize minRows={2} maxLength={500} {...form.getInputProps('note')} />
              <Group>
                <Button type="submit" color="red.9" loading={cancel.isPending}>
                  Confirm cancellation
                </Button>
                <Button variant="default" onClick={close}>
                  Keep membership
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Modal>
    </>
  );
}
