import { SimpleGrid, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { Address } from '@/lib/api-client';

export interface AddressValues {
  firstName: string;
  lastName: string;
  company: string;
  line1: string;
  line2: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
  phone: string;
  email: string;
}

export const emptyAddress = (): AddressValues => ({ firstName: '', lastName: '', company: '', line1: '', line2: '', city: '', region: '', postalCode: '', country: '', phone: '', email: '' });

const FIELDS: { key: keyof AddressValues; label: string; autoComplete: string; span?: boolean }[] = [
  { key: 'firstName', label: 'First name', autoComplete: 'given-name' },
  { key: 'lastName', label: 'Last name', autoComplete: 'family-name' },
  { key: 'email', label: 'Email', autoComplete: 'email' },
  { key: 'phone', label: 'Address phone', autoComplete: 'tel' },
  { key: 'company', label: 'Company', autoComplete: 'organization', span: true },
  { key: 'line1', label: 'Address line 1', autoComplete: 'address-line1', span: true },
  { key: 'line2', label: 'Address line 2', autoComplete: 'address-line2', span: true },
  { key: 'city', label: 'City', autoComplete: 'address-level2' },
  { key: 'region', label: 'State / region', autoComplete: 'address-level1' },
  { key: 'postalCode', label: 'Postal code', autoComplete: 'postal-code' },
  { key: 'country', label: 'Country (2 letters)', autoComplete: 'country' },
];

/**
 * The inputs of one address inside a Mantine form, at `path` (`billingAddress`), so that an API
 * error on `billingAddress.email` lands on the Email input. `required` holds the field keys the
 * tenant requires (marked with an asterisk); `labelPrefix` keeps labels unique on a page with two addresses.
 */
export function AddressFields<T>({ form, path, required, labelPrefix = '' }: { form: UseFormReturnType<T>; path: string; required: ReadonlySet<string>; labelPrefix?: string }) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      {FIELDS.map((field) => (
        <TextInput
          key={field.key}
          label={labelPrefix ? `${labelPrefix} ${field.label.charAt(0).toLowerCase()}${field.label.slice(1)}` : field.label}
          autoComplete={field.autoComplete}
          type={field.key === 'email' ? 'email' : field.key === 'phone' ? 'tel' : 'text'}
          required={required.has(field.key)}
          style={field.span ? { gridColumn: '1 / -1' } : undefined}
          {...form.getInputProps(`${path}.${field.key}`)}
        />
      ))}
    </SimpleGrid>
  );
}

/** The address without empty fields (the API treats a missing field as not given). */
export function compactAddress(address: AddressValues): Partial<AddressValues> {
  return Object.fromEntries(Object.entries(address).filter(([, value]) => value.trim() !== '').map(([key, value]) => [key, key === 'country' ? value.trim().toUpperCase() : value.trim()]));
}

/** An address as the lines of a label (with its email, unless the page shows the account's already). */
export function addressLines(address: Address, { email = true }: { email?: boolean } = {}): string[] {
  const name = [address.firstName, address.lastName].filter(Boolean).join(' ');
  const cityLine = [address.city, address.region, address.postalCode].filter(Boolean).join(', ');
  return [name, address.company, address.line1, address.line2, [cityLine, address.country].filter(Boolean).join(' '), address.phone, email ? address.email : null].filter((line): line is string => !!line);
}
