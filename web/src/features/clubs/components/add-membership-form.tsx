import { Button, Fieldset, Group, Select, Stack, Switch, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { useState, type ReactNode } from 'react';
import { useWineryTime } from '@/hooks/use-winery-time';
import { addDays } from '@/lib/datetime';
import { fieldErrorsOf } from '@/lib/field-errors';
import { MutationError } from '@/components/problem-alert';
import type { CustomerProfile, Schemas } from '@/lib/api-client';
import { useJoinClub, usePersonSearch } from '../api/clubs';
import { useOwnerOptions } from './owner-options';

interface Values {
  clubId: string | null;
  variantId: string | null;
  ownerId: string | null;
  shippingPreference: 'ship' | 'pickup';
  pickupLocation: string;
  isGift: boolean;
  giverId: string | null;
  giftMessage: string;
  giftEndsOn: string;
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
  const today = useWineryTime().today();
  const form = useForm<Values>({
    initialValues: {
      clubId: null,
      variantId: null,
      ownerId: owners[0]?.value ?? null,
      shippingPreference: 'ship',
      pickupLocation: '',
      isGift: false,
      giverId: null,
      giftMessage: '',
      giftEndsOn: addDays(today, 365),
    },
    validate: {
      clubId: (value) => (value ? null : 'Pick a club'),
      variantId: (value, values) => (value || !clubs.find((c) => c.id === values.clubId)?.variants.length ? null : 'Pick a variant'),
      pickupLocation: (value, values) => (values.shippingPreference === 'pickup' && value.trim() === '' ? 'Where do they pick up?' : null),
      giverId: (value, values) => (!values.isGift || value ? null : 'Find the person who gives it'),
      giftEndsOn: (value, values) => (!values.isGift || value > today ? null : 'Pick a day after today'),
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
        ...(values.isGift
          ? { gift: { giverId: values.giverId!, endsOn: values.giftEndsOn, ...(values.giftMessage.trim() ? { message: values.giftMessage.trim() } : {}) } }
          : {}),
      },
      { onSuccess: onDone, onError: (error) => form.setErrors(giftErrors(fieldErrorsOf(error))) },
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
        <Switch label="This membership is a gift" {...form.getInputProps('isGift', { type: 'checkbox' })} />
        {form.values.isGift && (
          <Fieldset legend="Gift">
            <Stack gap="sm">
              <GiverPicker excludeId={customer.id} {...form.getInputProps('giverId')} />
              <Textarea label="Message" description="Sent with the gift email" autosize minRows={2} maxLength={500} {...form.getInputProps('giftMessage')} />
              <TextInput
                type="date"
                label="Ends on"
                description="It ends by itself that day; both people are emailed 14 days before"
                required
                min={addDays(today, 1)}
                {...form.getInputProps('giftEndsOn')}
              />
            </Stack>
          </Fieldset>
        )}
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

/** The API names a gift's fields `gift.giverId`, `gift.endsOn`, `gift.message`; the form, flat. */
function giftErrors(errors: Record<string, string>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [path, message] of Object.entries(errors)) {
    flat[{ 'gift.giverId': 'giverId', 'gift.endsOn': 'giftEndsOn', 'gift.message': 'giftMessage' }[path] ?? path] = message;
  }
  return flat;
}

interface GiverPickerProps {
  readonly excludeId: string;
  readonly value?: string | null;
  readonly onChange?: (value: string | null) => void;
  readonly error?: ReactNode;
}

/** Who gives it: a person of the winery, found by name, email, phone or number as staff type. */
function GiverPicker({ excludeId, value, onChange, error }: GiverPickerProps) {
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const people = usePersonSearch(q);
  const [chosen, setChosen] = useState<{ value: string; label: string } | null>(null);
  const found = (people.data?.items ?? [])
    .filter((person) => person.id !== excludeId)
    .map((person) => ({ value: person.id, label: `${person.firstName} ${person.lastName} · #${person.customerNumber}${person.email ? ` · ${person.email}` : ''}` }));
  const data = chosen && !found.some((option) => option.value === chosen.value) ? [chosen, ...found] : found;
  return (
    <Select
      label="Given by"
      placeholder="Type a name, email or number"
      required
      searchable
      clearable
      filter={({ options }) => options}
      searchValue={search}
      onSearchChange={setSearch}
      nothingFoundMessage={q.length < 2 ? 'Type at least 2 letters' : people.isFetching ? 'Searching…' : 'Nobody found'}
      data={data}
      value={value ?? null}
      onChange={(next, option) => {
        setChosen(option ?? null);
        onChange?.(next);
      }}
      error={error}
    />
  );
}
