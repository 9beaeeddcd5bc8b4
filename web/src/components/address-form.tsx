import { SegmentedControl, Stack, Switch } from '@mantine/core';
import type { Address } from '@/lib/api-client';
import { useDraftForm } from '@/hooks/use-draft-form';
import { AddressFields, compactAddress, emptyAddress, type AddressValues } from './address-fields';
import { FormActions } from './form-actions';
import { MutationError } from './problem-alert';

export type AddressKind = 'billing' | 'shipping';

/** What a save sends: a new address (with its kind), or the changes to one. */
export type AddressSave =
  | { readonly mode: 'create'; readonly body: Partial<AddressValues> & { kind: AddressKind; isDefault: boolean } }
  | { readonly mode: 'update'; readonly address: Address; readonly body: Partial<AddressValues> & { isDefault?: true } };

const valuesOf = (address: Address): AddressValues => ({
  firstName: address.firstName ?? '',
  lastName: address.lastName ?? '',
  company: address.company ?? '',
  line1: address.line1 ?? '',
  line2: address.line2 ?? '',
  city: address.city ?? '',
  region: address.region ?? '',
  postalCode: address.postalCode ?? '',
  country: address.country ?? '',
  phone: address.phone ?? '',
  email: address.email ?? '',
});

/**
 * Add or edit one address: staff on a profile and members in their portal fill in the same form.
 * A new address picks its kind; an address stops being the default only when another one becomes
 * it, so an edit sends only `isDefault: true`. The API's field errors land on their inputs.
 */
export function AddressForm({
  address,
  required,
  onSave,
  onCancel,
  error,
  label,
}: {
  address?: Address;
  required: ReadonlySet<string>;
  onSave: (save: AddressSave) => Promise<unknown>;
  onCancel: () => void;
  /** The save's error (its alert; a 412 offers to reload, which closes the form). */
  error: unknown;
  /** For the leave guard ("Address · Ada Lovelace"). */
  label: string;
}) {
  const draft = useDraftForm<{ kind: AddressKind; isDefault: boolean; address: AddressValues }>({
    initialValues: { kind: address?.kind ?? 'shipping', isDefault: address?.isDefault ?? false, address: address ? valuesOf(address) : emptyAddress() },
    label,
    // The API names fields at the top level (`line1`); the form holds them under `address.`.
    errorPath: (path) => `address.${path}`,
  });
  const { form } = draft;
  const submit = draft.onSubmit((values) => {
    const fields = compactAddress(values.address);
    return onSave(
      address
        ? { mode: 'update', address, body: { ...fields, ...(values.isDefault && !address.isDefault ? { isDefault: true as const } : {}) } }
        : { mode: 'create', body: { kind: values.kind, isDefault: values.isDefault, ...fields } },
    );
  });
  return (
    <form onSubmit={submit} noValidate aria-label={address ? 'Edit address' : 'Add address'}>
      <Stack>
        {!address && (
          <SegmentedControl
            aria-label="Kind of address"
            data={[
              { value: 'shipping', label: 'Shipping' },
              { value: 'billing', label: 'Billing' },
            ]}
            {...form.getInputProps('kind')}
          />
        )}
        <AddressFields form={form} path="address" required={required} />
        <Switch
          label={`Default ${form.values.kind} address`}
          description={address?.isDefault ? 'To change the default, make another address the default.' : undefined}
          disabled={address?.isDefault}
          {...form.getInputProps('isDefault', { type: 'checkbox' })}
        />
        <MutationError error={error} onReload={onCancel} />
        <FormActions saveLabel="Save address" saving={draft.saving} dirty={!address || draft.dirty} onCancel={onCancel} alwaysCancel />
      </Stack>
    </form>
  );
}
