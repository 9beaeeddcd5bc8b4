import { Button, Group, Modal, NumberInput, Select, Stack, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { fieldErrorsOf } from '@/lib/field-errors';
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
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const form = useForm<ReservationValues>({
    initialValues: { experience: '', startsAt: '', partySize: 2, certificateId: null, note: '' },
    validate: {
      experience: (value) => (value.trim() ? null : 'Which experience?'),
      startsAt: (value) => (value && !Number.isNaN(new Date(value).getTime()) ? null : 'When does it start?'),
      partySize: (value) => (Number.isInteger(Number(value)) && Number(value) >= 1 ? null : 'At least 1'),
    },
  });
  const certificates = customer.certificates.filter((c) => c.status === 'available').map((c) => ({ value: c.id, label: c.title }));
  const submit = form.onSubmit((values) =>
    create.mutate(
      {
        idempotencyKey,
        body: {
          customerId: customer.id,
          experience: values.experience.trim(),
          // The input is the staff member's local time; the API takes an instant.
          startsAt: new Date(values.startsAt).toISOString(),
          partySize: Number(values.partySize),
          ...(values.certificateId ? { certificateId: values.certificateId } : {}),
          ...(values.note.trim() ? { note: values.note.trim() } : {}),
        },
      },
      {
        onSuccess: (reservation) => {
          notifications.show({ closeButtonProps: { 'aria-label': 'Close' }, color: 'green', message: `${reservation.experience} booked for ${new Date(reservation.startsAt).toLocaleString()}.` });
          onClose();
        },
        onError: (error) => form.setErrors(fieldErrorsOf(error)),
      },
    ),
  );
  return (
    <form onSubmit={submit} noValidate aria-label="New reservation">
      <Stack>
        <MutationError error={create.error} />
        <TextInput label="Experience" required placeholder="Estate tasting" {...form.getInputProps('experience')} />
        <Group grow>
          <TextInput label="Starts at" type="datetime-local" required {...form.getInputProps('startsAt')} />
          <NumberInput label="Party size" min={1} allowDecimal={false} required {...form.getInputProps('partySize')} />
        </Group>
        {certificates.length > 0 && <Select label="Certificate" description="Redeemed for this reservation" clearable data={certificates} {...form.getInputProps('certificateId')} />}
        <Textarea label="Note" autosize minRows={2} {...form.getInputProps('note')} />
        <Group>
          <Button type="submit" color="#2b7a3b" loading={create.isPending}>
            Book reservation
          </Button>
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
