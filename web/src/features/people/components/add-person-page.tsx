import { Checkbox, Fieldset, Group, Select, SimpleGrid, Stack, Switch, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { AddressFields, compactAddress, emptyAddress, type AddressValues } from '@/components/address-fields';
import { FormActions } from '@/components/form-actions';
import { useDraftForm } from '@/hooks/use-draft-form';
import { usePageTitle } from '@/hooks/use-page-title';
import { DEFAULT_TIME_ZONE, todayIn } from '@/lib/datetime';
import { notifySuccess } from '@/components/notify';
import { PageLoader } from '@/components/page-loader';
import { ProblemAlert } from '@/components/problem-alert';
import { useCustomerClasses, useSettings } from '@/hooks/use-reference-data';
import { useCreatePerson, type CreatePersonBody } from '../api/create-person';

type PersonValues = {
  billingAddress: AddressValues;
  hasShippingAddress: boolean;
  shippingAddress: AddressValues;
  phone: string;
  birthDate: string;
  partner: string;
  flags: string[];
  permissions: { email: boolean; sms: boolean; phone: boolean; mail: boolean };
  customerClassId: string | null;
  specialInstructions: string;
  sendWelcomeEmail: boolean;
};

/** Always required by the API: the billing name and email name the account. */
const ALWAYS_REQUIRED = ['billingAddress.firstName', 'billingAddress.lastName', 'billingAddress.email'];

function toBody(values: PersonValues, shippingRequired: boolean): CreatePersonBody {
  const text = (value: string) => (value.trim() === '' ? undefined : value.trim());
  return {
    // The form's empty strings are "not given"; the API validates what is required.
    billingAddress: compactAddress(values.billingAddress) as CreatePersonBody['billingAddress'],
    ...(values.hasShippingAddress || shippingRequired ? { shippingAddress: compactAddress(values.shippingAddress) as CreatePersonBody['shippingAddress'] } : {}),
    phone: text(values.phone),
    birthDate: text(values.birthDate),
    partner: text(values.partner),
    flags: values.flags,
    permissions: values.permissions,
    customerClassId: values.customerClassId ?? undefined,
    specialInstructions: text(values.specialInstructions),
    sendWelcomeEmail: values.sendWelcomeEmail,
  };
}

/**
 * Add person: the billing address names the account; what the tenant's settings require is
 * marked with an asterisk. The API is the one judge of what is valid: its 400 lists every bad
 * field, and each message shows next to its input.
 */
export function AddPersonPage() {
  const settings = useSettings();
  const classes = useCustomerClasses();
  const create = useCreatePerson();
  const navigate = useNavigate();
  // One key per form, so a retried submit can never create the person twice.
  const [idempotencyKey] = useState(() => crypto.randomUUID());

  const required = useMemo(() => new Set<string>([...ALWAYS_REQUIRED, ...(settings.data?.requiredFields ?? [])]), [settings.data]);
  const shippingRequired = [...required].some((path) => path === 'shippingAddress' || path.startsWith('shippingAddress.'));
  const requiredIn = (prefix: string) => new Set([...required].filter((p) => p.startsWith(`${prefix}.`)).map((p) => p.slice(prefix.length + 1)));
  const shippingFieldsRequired = shippingRequired ? new Set(['firstName', 'lastName', ...requiredIn('shippingAddress')]) : requiredIn('shippingAddress');

  usePageTitle('Add person', 'People');
  const draft = useDraftForm<PersonValues>({
    label: 'Add person',
    validate: {
      billingAddress: {
        firstName: (value) => (value.trim() ? null : 'Enter a first name'),
        lastName: (value) => (value.trim() ? null : 'Enter a last name'),
        email: (value) => (!value.trim() ? 'Enter an email address' : /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim()) ? null : 'Enter an email address such as name@example.com'),
      },
      birthDate: (value) => (value && value > todayIn(settings.data?.timeZone ?? DEFAULT_TIME_ZONE) ? 'A birth date cannot be in the future' : null),
    },
    initialValues: {
      billingAddress: emptyAddress(),
      hasShippingAddress: false,
      shippingAddress: emptyAddress(),
      phone: '',
      birthDate: '',
      partner: '',
      flags: [],
      permissions: { email: false, sms: false, phone: false, mail: false },
      customerClassId: null,
      specialInstructions: '',
      sendWelcomeEmail: true,
    },
  });

  const form = draft.form;
  if (settings.isPending || classes.isPending) return <PageLoader />;
  if (settings.error) return <ProblemAlert error={settings.error} onRetry={() => void settings.refetch()} />;

  const submit = draft.onSubmit(async (values) => {
    const customer = await create.mutateAsync({ body: toBody(values, shippingRequired), idempotencyKey });
    notifySuccess(`${customer.firstName} ${customer.lastName} is customer #${customer.customerNumber}.`, 'Person added');
    // Saved: nothing is left to lose on the way to the profile.
    draft.discard();
    navigate(`/people/${customer.id}`);
  });
  const showShipping = form.values.hasShippingAddress || shippingRequired;

  return (
    <form onSubmit={submit} noValidate aria-labelledby="add-person-title">
      <Stack maw={760}>
        <Title order={1} id="add-person-title">
          Add person
        </Title>
        <Text size="sm" c="dimmed">
          Fields marked with an asterisk are required. A password is generated; the welcome email lets the person set their own.
        </Text>
        {create.error && <ProblemAlert error={create.error} />}

        <Fieldset legend="Billing address">
          <AddressFields form={form} path="billingAddress" required={requiredIn('billingAddress')} />
        </Fieldset>

        <Switch label="Add a shipping address" disabled={shippingRequired} {...form.getInputProps('hasShippingAddress', { type: 'checkbox' })} checked={showShipping} />
        {showShipping && (
          <Fieldset legend="Shipping address">
            {form.errors.shippingAddress && (
              <Text c="red.8" size="sm" role="alert">
                {form.errors.shippingAddress}
              </Text>
            )}
            <AddressFields form={form} path="shippingAddress" required={shippingFieldsRequired} labelPrefix="Shipping" />
          </Fieldset>
        )}

        <Fieldset legend="Account">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label="Phone" type="tel" autoComplete="tel" required={required.has('phone')} {...form.getInputProps('phone')} />
            <TextInput label="Birth date" type="date" max={todayIn(settings.data.timeZone)} required={required.has('birthDate')} {...form.getInputProps('birthDate')} />
            <TextInput label="Partner" required={required.has('partner')} {...form.getInputProps('partner')} />
            <Select
              label="Class"
              placeholder="None"
              clearable
              data={(classes.data?.items ?? []).filter((c) => c.clubId === null).map((c) => ({ value: c.id, label: `${c.name} (${c.discountPercent}%)` }))}
              {...form.getInputProps('customerClassId')}
            />
          </SimpleGrid>
          <Textarea mt="sm" label="Special instructions" description="Applied to every order" required={required.has('specialInstructions')} autosize minRows={2} {...form.getInputProps('specialInstructions')} />
        </Fieldset>

        {(settings.data.flags.length > 0 || form.errors.flags) && (
          <Checkbox.Group label="Flags" {...form.getInputProps('flags')}>
            <Group mt="xs">
              {settings.data.flags.map((flag) => (
                <Checkbox key={flag.key} value={flag.key} label={flag.title} />
              ))}
            </Group>
          </Checkbox.Group>
        )}

        <Fieldset legend="Contact permissions">
          <Group>
            <Checkbox label="Email" {...form.getInputProps('permissions.email', { type: 'checkbox' })} />
            <Checkbox label="SMS" {...form.getInputProps('permissions.sms', { type: 'checkbox' })} />
            <Checkbox label="Phone calls" {...form.getInputProps('permissions.phone', { type: 'checkbox' })} />
            <Checkbox label="Mail" {...form.getInputProps('permissions.mail', { type: 'checkbox' })} />
          </Group>
        </Fieldset>

        <Checkbox label="Send welcome email" {...form.getInputProps('sendWelcomeEmail', { type: 'checkbox' })} />

        <FormActions saveLabel="Save person" saving={draft.saving} onCancel={() => navigate('/people')} alwaysCancel />
      </Stack>
    </form>
  );
}
