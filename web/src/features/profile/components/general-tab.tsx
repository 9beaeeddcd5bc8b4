import { Badge, Button, Checkbox, Fieldset, Group, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { fieldErrorsOf } from '@/components/field-errors';
import { notifySuccess } from '@/components/notify';
import { MutationError, ProblemAlert } from '@/components/problem-alert';
import { useCustomerClasses, useSettings } from '@/hooks/use-reference-data';
import type { CustomerProfile } from '@/lib/api-client';
import { useSendPasswordReset, useUpdateCustomer, useVerifyAge, type UpdateCustomerBody } from '../api/customer';
import type { ProfileTabProps } from './profile-page';

interface GeneralValues {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  birthDate: string;
  partner: string;
  customerClassId: string | null;
  flags: string[];
  permissions: { email: boolean; sms: boolean; phone: boolean; mail: boolean };
}

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

/** The General tab: name, contact, partner, birth date and age verification, flags, permissions, class, password. */
export function GeneralTab({ customer, canWrite, reload }: ProfileTabProps) {
  // The save outlives the form: its outcome is still shown after the form restarts from the saved record.
  const update = useUpdateCustomer(customer.id);
  const reloadRecord = () => {
    update.reset();
    reload();
  };
  // A new version (after a save or a reload) starts the form again from what the server holds.
  return <GeneralForm key={customer.version} customer={customer} canWrite={canWrite} reload={reloadRecord} update={update} />;
}

function GeneralForm({ customer, canWrite, reload, update }: ProfileTabProps & { update: ReturnType<typeof useUpdateCustomer> }) {
  const settings = useSettings();
  const classes = useCustomerClasses();
  const initial = valuesOf(customer);
  const form = useForm<GeneralValues>({ initialValues: initial });
  const body = changes(initial, form.values);
  const dirty = Object.keys(body).length > 0;

  const save = form.onSubmit(() =>
    update.mutate(
      { version: customer.version, body },
      {
        onSuccess: () => notifySuccess('Changes saved.'),
        onError: (error) => form.setErrors(fieldErrorsOf(error)),
      },
    ),
  );
  // Staff-given classes only: a club's class comes with the membership.
  const classOptions = (classes.data?.items ?? []).filter((c) => c.clubId === null || c.id === customer.customerClassId).map((c) => ({ value: c.id, label: `${c.name} (${c.discountPercent}%)` }));

  return (
    <Stack maw={760}>
      <form onSubmit={save} noValidate aria-label="General">
        <Stack>
          <MutationError error={update.error} onReload={reload} />
          <Fieldset legend="Person" disabled={!canWrite}>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label="First name" required readOnly={!canWrite} {...form.getInputProps('firstName')} />
              <TextInput label="Last name" required readOnly={!canWrite} {...form.getInputProps('lastName')} />
              <TextInput label="Email" type="email" required readOnly={!canWrite} {...form.getInputProps('email')} />
              <TextInput label="Phone" type="tel" readOnly={!canWrite} {...form.getInputProps('phone')} />
              <TextInput label="Partner" description="For your records; their orders stay on their own account" readOnly={!canWrite} {...form.getInputProps('partner')} />
              <TextInput label="Birth date" type="date" readOnly={!canWrite} {...form.getInputProps('birthDate')} />
              <Select label="Class" placeholder="None" clearable readOnly={!canWrite} data={classOptions} {...form.getInputProps('customerClassId')} />
            </SimpleGrid>
          </Fieldset>
          {(settings.data?.flags.length ?? 0) > 0 && (
            <Checkbox.Group label="Flags" description="Used to filter people and build marketing lists" readOnly={!canWrite} {...form.getInputProps('flags')}>
              <Group mt="xs">
                {settings.data?.flags.map((flag) => (
                  <Checkbox key={flag.key} value={flag.key} label={flag.title} disabled={!canWrite} />
                ))}
              </Group>
            </Checkbox.Group>
          )}
          <Fieldset legend="Contact permissions" disabled={!canWrite}>
            <Text size="sm" c="dimmed" mb="xs">
              System emails (orders, clubs, reservations) are always sent.
            </Text>
            <Group>
              <Checkbox label="Email" {...form.getInputProps('permissions.email', { type: 'checkbox' })} />
              <Checkbox label="SMS" {...form.getInputProps('permissions.sms', { type: 'checkbox' })} />
              <Checkbox label="Phone calls" {...form.getInputProps('permissions.phone', { type: 'checkbox' })} />
              <Checkbox label="Mail" {...form.getInputProps('permissions.mail', { type: 'checkbox' })} />
            </Group>
          </Fieldset>
          {canWrite && (
            <Group>
              <Button type="submit" disabled={!dirty} loading={update.isPending}>
                Save changes
              </Button>
              {dirty && (
                <Button variant="default" onClick={() => form.setValues(initial)}>
                  Discard
                </Button>
              )}
            </Group>
          )}
        </Stack>
      </form>
      <AgeVerification customer={customer} canWrite={canWrite} />
      {canWrite && <PasswordReset customerId={customer.id} />}
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
  const status = AGE_STATUS[customer.ageVerification.status];
  return (
    <Fieldset legend="Age verification">
      <Stack gap="xs">
        <Group gap="xs">
          <Badge color={status.color}>{status.label}</Badge>
          {customer.ageVerification.method && <Text size="sm">by {customer.ageVerification.method} check</Text>}
          {customer.ageVerification.verifiedBy && <Text size="sm">({customer.ageVerification.verifiedBy.name})</Text>}
        </Group>
        {customer.ageVerification.note && <Text size="sm">Note: {customer.ageVerification.note}</Text>}
        {verify.error && <ProblemAlert error={verify.error} />}
        {canWrite && customer.ageVerification.status !== 'verified' && (
          <Group align="flex-end">
            <TextInput label="What you checked" placeholder="e.g. CA driver licence" value={note} onChange={(event) => setNote(event.currentTarget.value)} maxLength={500} />
            <Button variant="default" onClick={() => verify.mutate({ method: 'manual', note: note.trim() })} loading={verify.isPending && verify.variables?.method === 'manual'}>
              Verified ID manually
            </Button>
            <Button variant="default" onClick={() => verify.mutate({ method: 'electronic' })} loading={verify.isPending && verify.variables?.method === 'electronic'}>
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
