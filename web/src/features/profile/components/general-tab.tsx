import { Badge, Button, Checkbox, Fieldset, Group, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { FormActions } from '@/components/form-actions';
import { notifySuccess } from '@/components/notify';
import { MutationError, ProblemAlert } from '@/components/problem-alert';
import { useDraftForm } from '@/hooks/use-draft-form';
import { useCustomerClasses, useSettings } from '@/hooks/use-reference-data';
import { useWineryTime } from '@/hooks/use-winery-time';
import type { CustomerProfile } from '@/lib/api-client';
import { draftStore } from '@/lib/drafts';
import { fieldErrorsOf } from '@/lib/field-errors';
import type { ProfileTabProps } from '@/lib/profile-tabs';
import { useSendPasswordReset, useUpdateCustomer, useVerifyAge, type UpdateCustomerBody } from '../api/customer';

type GeneralValues = {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  birthDate: string;
  partner: string;
  customerClassId: string | null;
  flags: string[];
  permissions: { email: boolean; sms: boolean; phone: boolean; mail: boolean };
};

const valuesOf = (c: CustomerProfile): GeneralValues => ({
  firstName: c.firstName,
  lastName: c.lastName,
  email: c.email,
  phone: c.phone ?? '',
  birthDate: c.birthDate ?? '',
  partner: c.partner ?? '',
  customerClassId: c.customerClassId,
  flags: c.flags,
  permissions: c.permissions,
});

/** Only what changed, so a save never overwrites a field someone else changed and this form did not. */
function changes(before: GeneralValues, after: GeneralValues): UpdateCustomerBody {
  const body: UpdateCustomerBody = {};
  const orNull = (value: string) => (value.trim() === '' ? null : value.trim());
  if (after.firstName !== before.firstName) body.firstName = after.firstName.trim();
  if (after.lastName !== before.lastName) body.lastName = after.lastName.trim();
  if (after.email !== before.email) body.email = after.email.trim();
  if (after.phone !== before.phone) body.phone = orNull(after.phone);
  if (after.birthDate !== before.birthDate) body.birthDate = orNull(after.birthDate);
  if (after.partner !== before.partner) body.partner = orNull(after.partner);
  if (after.customerClassId !== before.customerClassId) body.customerClassId = after.customerClassId;
  if ([...after.flags].sort().join() !== [...before.flags].sort().join()) body.flags = after.flags;
  if (JSON.stringify(after.permissions) !== JSON.stringify(before.permissions)) body.permissions = after.permissions;
  return body;
}

/** The winery's today is the latest birth date there can be. */
const futureBirthDate = (value: string, today: string) => (value && value > today ? 'A birth date cannot be in the future' : null);

/** The General tab: name, contact, partner, birth date and age verification, flags, permissions, class, password. */
export function GeneralTab({ customer, canWrite, reload }: ProfileTabProps) {
  // The save outlives the form: its outcome is still shown after the form restarts from the saved record.
  const update = useUpdateCustomer(customer.id);
  const draftKey = `profile:${customer.id}:general`;
  const reloadRecord = () => {
    update.reset();
    // "Reload" means: start again from what the server holds now.
    draftStore.delete(draftKey);
    reload();
  };
  // A new version (after a save or a reload) starts the form again from what the server holds;
  // unsaved edits come back from the draft store (see useDraftForm).
  return <GeneralForm key={customer.version} customer={customer} canWrite={canWrite} reload={reloadRecord} update={update} draftKey={draftKey} />;
}

function GeneralForm({ customer, canWrite, reload, update, draftKey }: ProfileTabProps & { update: ReturnType<typeof useUpdateCustomer>; draftKey: string }) {
  const settings = useSettings();
  const classes = useCustomerClasses();
  const time = useWineryTime();
  const initial = valuesOf(customer);
  const draft = useDraftForm<GeneralValues>({
    initialValues: initial,
    draftKey,
    label: `General · ${customer.firstName} ${customer.lastName}`,
    validate: {
      firstName: (value) => (value.trim() ? null : 'Enter a first name'),
      lastName: (value) => (value.trim() ? null : 'Enter a last name'),
      email: (value) => (value.trim() ? null : 'Enter an email address'),
      birthDate: (value) => futureBirthDate(value, time.today()),
    },
  });
  const { form } = draft;
  const body = changes(initial, form.values);

  const save = draft.onSubmit(async () => {
    await update.mutateAsync({ version: customer.version, body });
    notifySuccess('Changes saved.');
  });
  // Staff-given classes only: a club's class comes with the membership.
  const classOptions = (classes.data?.items ?? []).filter((c) => c.clubId === null || c.id === customer.customerClassId).map((c) => ({ value: c.id, label: `${c.name} (${c.discountPercent}%)` }));
  const flagTitle = new Map((settings.data?.flags ?? []).map((flag) => [flag.key, flag.title]));

  return (
    <Stack maw={760}>
      <form onSubmit={save} noValidate aria-label="General">
        <Stack>
          <MutationError error={update.error} onReload={reload} />
          <Fieldset legend="Person">
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label="First name" required={canWrite} readOnly={!canWrite} {...form.getInputProps('firstName')} />
              <TextInput label="Last name" required={canWrite} readOnly={!canWrite} {...form.getInputProps('lastName')} />
              <TextInput label="Email" type="email" required={canWrite} readOnly={!canWrite} {...form.getInputProps('email')} />
              <TextInput label="Phone" type="tel" readOnly={!canWrite} {...form.getInputProps('phone')} />
              <TextInput label="Partner" description="For your records; their orders stay on their own account" readOnly={!canWrite} {...form.getInputProps('partner')} />
              <TextInput label="Birth date" type="date" max={time.today()} readOnly={!canWrite} {...form.getInputProps('birthDate')} />
              {canWrite ? (
                <Select label="Class" placeholder="None" clearable data={classOptions} {...form.getInputProps('customerClassId')} />
              ) : (
                <TextInput label="Class" readOnly value={classOptions.find((o) => o.value === customer.customerClassId)?.label ?? 'None'} />
              )}
            </SimpleGrid>
          </Fieldset>
          {canWrite ? (
            <>
              {(settings.data?.flags.length ?? 0) > 0 && (
                <Checkbox.Group label="Flags" description="Used to filter people and build marketing lists" {...form.getInputProps('flags')}>
                  <Group mt="xs">
                    {settings.data?.flags.map((flag) => (
                      <Checkbox key={flag.key} value={flag.key} label={flag.title} />
                    ))}
                  </Group>
                </Checkbox.Group>
              )}
              <Fieldset legend="Contact permissions">
                <Text size="sm" c="dimmed" mb="xs">
                  System emails (orders, clubs, reservations) are always sent.
                </Text>
                <Group>
                  {PERMISSIONS.map(([key, label]) => (
                    <Checkbox key={key} label={label} {...form.getInputProps(`permissions.${key}`, { type: 'checkbox' })} />
                  ))}
                </Group>
              </Fieldset>
              <FormActions saveLabel="Save changes" saving={draft.saving} dirty={Object.keys(body).length > 0} onCancel={draft.discard} cancelLabel="Discard" />
            </>
          ) : (
            // A viewer reads these; checkboxes that cannot be changed would only mislead.
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <ReadOnlyList label="Flags" items={customer.flags.map((key) => flagTitle.get(key) ?? key)} />
              <ReadOnlyList label="Contact permissions" items={PERMISSIONS.filter(([key]) => customer.permissions[key]).map(([, label]) => label)} />
            </SimpleGrid>
          )}
        </Stack>
      </form>
      <AgeVerification customer={customer} canWrite={canWrite} />
      {canWrite && <PasswordReset customerId={customer.id} />}
    </Stack>
  );
}

const PERMISSIONS = [
  ['email', 'Email'],
  ['sms', 'SMS'],
  ['phone', 'Phone calls'],
  ['mail', 'Mail'],
] as const;

function ReadOnlyList({ label, items }: { label: string; items: string[] }) {
  return (
    <Stack gap={2}>
      <Text fw={500} size="sm">
        {label}
      </Text>
      <Text size="sm">{items.length ? items.join(', ') : 'None'}</Text>
    </Stack>
  );
}

const AGE_STATUS: Record<CustomerProfile['ageVerification']['status'], { label: string; color: string }> = {
  unverified: { label: 'Not verified', color: 'gray.8' },
  pending: { label: 'Pending', color: 'yellow.9' },
  verified: { label: 'Verified', color: '#2b7a3b' },
  failed: { label: 'Failed', color: 'red.9' },
};

function AgeVerification({ customer, canWrite }: { customer: CustomerProfile; canWrite: boolean }) {
  const verify = useVerifyAge(customer.id);
  // What staff type before they click: input, not server state.
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string>();
  const time = useWineryTime();
  const verifyManually = () => {
    // A manual check vouches for an ID someone saw: what it was is part of the record.
    if (!note.trim()) return setNoteError('Write what you checked, e.g. the ID and its number');
    setNoteError(undefined);
    verify.mutate({ method: 'manual', note: note.trim() }, { onError: (error) => setNoteError(fieldErrorsOf(error).note) });
  };
  const status = AGE_STATUS[customer.ageVerification.status];
  return (
    <Fieldset legend="Age verification">
      <Stack gap="xs">
        <Group gap="xs">
          <Badge color={status.color}>{status.label}</Badge>
          {customer.ageVerification.method && <Text size="sm">by {customer.ageVerification.method} check</Text>}
          {customer.ageVerification.verifiedBy && <Text size="sm">({customer.ageVerification.verifiedBy.name})</Text>}
          {customer.ageVerification.verifiedAt && <Text size="sm">on {time.dateTime(customer.ageVerification.verifiedAt)}</Text>}
        </Group>
        {customer.ageVerification.note && <Text size="sm">Note: {customer.ageVerification.note}</Text>}
        {verify.error && !fieldErrorsOf(verify.error).note && <ProblemAlert error={verify.error} />}
        {canWrite && customer.ageVerification.status !== 'verified' && (
          <Group align="flex-end">
            <TextInput
              label="What you checked"
              description="Needed for a manual check"
              placeholder="e.g. CA driver licence"
              value={note}
              error={noteError}
              onChange={(event) => setNote(event.currentTarget.value)}
              maxLength={500}
            />
            <Button variant="default" onClick={verifyManually} loading={verify.isPending && verify.variables?.method === 'manual'} disabled={verify.isPending}>
              Verified ID manually
            </Button>
            <Button variant="default" onClick={() => verify.mutate({ method: 'electronic' })} loading={verify.isPending && verify.variables?.method === 'electronic'} disabled={verify.isPending}>
              Verify electronically
            </Button>
          </Group>
        )}
      </Stack>
    </Fieldset>
  );
}

function PasswordReset({ customerId }: { customerId: string }) {
  const reset = useSendPasswordReset(customerId);
  return (
    <Fieldset legend="Password">
      <Stack gap="xs">
        <Text size="sm">The person gets an email with a link to choose a new password.</Text>
        {reset.error && <ProblemAlert error={reset.error} />}
        {reset.isSuccess && <Text size="sm" role="status">Password reset email sent.</Text>}
        <Button variant="default" w="fit-content" onClick={() => reset.mutate()} loading={reset.isPending}>
          Send password reset email
        </Button>
      </Stack>
    </Fieldset>
  );
}
