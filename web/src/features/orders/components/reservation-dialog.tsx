import { Group, Modal, NumberInput, Select, Stack, TextInput, Textarea } from '@mantine/core';
import { FormActions } from '@/components/form-actions';
import { notifySuccess } from '@/components/notify';
import { useDraftForm } from '@/hooks/use-draft-form';
import { useWineryTime } from '@/hooks/use-winery-time';
import { useState } from 'react';
import { MutationError } from '@/components/problem-alert';
import type { CustomerProfile } from '@/lib/api-client';
import { useCreateReservation } from '../api/orders';
import type { OrderDialogProps } from './new-order-dialog';

interface ReservationValues {
  experience: string;
  startsAt: string;
  partySize: number | string;
  certificateId: string | null;
  note: string;
}

/** A reservation for the person (a tasting, a tour); an available certificate can pay for it (it is redeemed). */
export function ReservationDialog({ customer, opened, onClose }: OrderDialogProps) {
  return (
    <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={opened} onClose={onClose} title={`Reservation for ${customer.firstName} ${customer.lastName}`} size="lg">
      {opened && <ReservationForm customer={customer} onClose={onClose} />}
    </Modal>
  );
}

function ReservationForm({ customer, onClose }: { customer: CustomerProfile; onClose: () => void }) {
  const create = useCreateReservation();
  const time = useWineryTime();
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const draft = useDraftForm<ReservationValues>({
    initialValues: { experience: '', startsAt: '', partySize: 2, certificateId: null, note: '' },
    label: `Reservation · ${customer.firstName} ${customer.lastName}`,
    validate: {
      experience: (value) => (value.trim() ? null : 'Enter the experience'),
      startsAt: (value) => (time.toInstant(value) ? null : 'Enter the day and time it starts'),
      partySize: (value) => (Number.isInteger(Number(value)) && Number(value) >= 1 ? null : 'At least 1'),
    },
  });
  const form = draft.form;
  const certificates = customer.certificates.filter((c) => c.status === 'available').map((c) => ({ value: c.id, label: c.title }));
  const submit = draft.onSubmit((values) =>
    create.mutateAsync({
        idempotencyKey,
        body: {
          customerId: customer.id,
          experience: values.experience.trim(),
          // The input is the winery's wall clock (whatever the browser's zone); the API takes an instant.
          startsAt: time.toInstant(values.startsAt)!,
          partySize: Number(values.partySize),
          ...(values.certificateId ? { certificateId: values.certificateId } : {}),
          ...(values.note.trim() ? { note: values.note.trim() } : {}),
        },
      })
      .then((reservation) => {
        notifySuccess(`${reservation.experience} booked for ${time.dateTime(reservation.startsAt)}.`);
        onClose();
      }),
  );
  return (
    <form onSubmit={submit} noValidate aria-label="New reservation">
      <Stack>
        <MutationError error={create.error} />
        <TextInput label="Experience" required placeholder="Estate tasting" {...form.getInputProps('experience')} />
        <Group grow>
          <TextInput label={`Starts at (${time.zoneName})`} description={`Winery time, ${time.zone}`} type="datetime-local" required {...form.getInputProps('startsAt')} />
          <NumberInput label="Party size" min={1} allowDecimal={false} required {...form.getInputProps('partySize')} />
        </Group>
        {certificates.length > 0 && <Select label="Certificate" description="Redeemed for this reservation" clearable data={certificates} {...form.getInputProps('certificateId')} />}
        <Textarea label="Note" autosize minRows={2} {...form.getInputProps('note')} />
        <FormActions saveLabel="Book reservation" color="#2b7a3b" saving={draft.saving} onCancel={onClose} alwaysCancel />
      </Stack>
    </form>
  );
}
