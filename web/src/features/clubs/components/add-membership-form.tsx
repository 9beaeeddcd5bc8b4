import { Button, Group, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { fieldErrorsOf } from '@/lib/field-errors';
import { MutationError } from '@/components/problem-alert';
import type { CustomerProfile, Schemas } from '@/lib/api-client';
import { useJoinClub } from '../api/clubs';
import { useOwnerOptions } from './owner-options';

interface Values {
  clubId: string | null;
  variantId: string | null;
  ownerId: string | null;
  shippingPreference: 'ship' | 'pickup';
  pickupLocation: string;
}

export const SHIPPING_OPTIONS = [
  { value: 'ship', label: 'Ship' },
  { value: 'pickup', label: 'Pick up' },
];

/** "+ Add Club": the club, its variant when it has some, who signed them up, how they get their wine. */
export function AddMembershipForm({ customer, clubs, onDone }: { customer: CustomerProfile; clubs: readonly Schemas['Club'][]; onDone: () => void }) {
  const join = useJoinClub(customer.id);
  const owners = useOwnerOptions(customer.memberships.map((m) => m.ownerId));
  // A person can be in a club once at a time (the API says 409 otherwise): offer the others.
  const current = new Set(customer.memberships.filter((m) => m.status !== 'cancelled').map((m) => m.clubId));
  const available = clubs.filter((club) => club.status === 'active' && !current.has(club.id));
  const form = useForm<Values>({
    initialValues: { clubId: null, variantId: null, ownerId: owners[0]?.value ?? null, shippingPreference: 'ship', pickupLocation: '' },
    validate: {
      clubId: (value) => (value ? null : 'Pick a club'),
      variantId: (value, values) => (value || !clubs.find((c) => c.id === values.clubId)?.variants.length ? null : 'Pick a variant'),
      pickupLocation: (value, values) => (values.shippingPreference === 'pickup' && value.trim() === '' ? 'Where do they pick up?' : null),
    },
  });
  const club = clubs.find((c) => c.id === form.values.clubId);

  const save = form.onSubmit((values) =>
    join.mutate(
      {
        clubId: values.clubId!,
        ...(values.variantId ? { variantId: values.variantId } : {}),
        ...(values.ownerId ? { ownerId: values.ownerId } : {}),
        shippingPreference: values.shippingPreference,
        ...(values.shippingPreference === 'pickup' ? { pickupLocation: values.pickupLocation.trim() } : {}),
      },
      { onSuccess: onDone, onError: (error) => form.setErrors(fieldErrorsOf(error)) },
    ),
  );

  return (
    <form onSubmit={save} noValidate aria-label="Add club">
      <Stack>
        <MutationError error={join.error} />
        <Select
          label="Club"
          required
          data={available.map((c) => ({ value: c.id, label: `${c.name} (${c.discountPercent}% off)` }))}
          nothingFoundMessage="No club to join"
          {...form.getInputProps('clubId')}
          onChange={(value) => {
            form.setFieldValue('clubId', value);
            form.setFieldValue('variantId', null);
          }}
        />
        {club && club.variants.length > 0 && (
          <Select label="Variant" required data={club.variants.map((v) => ({ value: v.id, label: v.name }))} {...form.getInputProps('variantId')} />
        )}
        <Select label="Owner" description="The staff member who signed them up" clearable data={owners} {...form.getInputProps('ownerId')} />
        <Select label="Shipping" data={SHIPPING_OPTIONS} allowDeselect={false} {...form.getInputProps('shippingPreference')} />
        {form.values.shippingPreference === 'pickup' && <TextInput label="Pickup location" required {...form.getInputProps('pickupLocation')} />}
        <Group>
          <Button type="submit" loading={join.isPending}>
            Add club
          </Button>
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
