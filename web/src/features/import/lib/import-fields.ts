/**
 * The fields a file column can be mapped to: the paths of an import row (`POST
 * /v1/customers/import`), which are also the headers of our own export. Pure, no DOM: the unit
 * tests import it.
 */
const ADDRESS_PARTS = [
  ['company', 'Company'],
  ['line1', 'Address line 1'],
  ['line2', 'Address line 2'],
  ['city', 'City'],
  ['region', 'State / region'],
  ['postalCode', 'ZIP / postal code'],
  ['country', 'Country'],
  ['phone', 'Phone'],
] as const;
const PERMISSIONS = [
  ['email', 'Email'],
  ['sms', 'SMS'],
  ['phone', 'Phone calls'],
  ['mail', 'Mail'],
] as const;

export const IMPORT_FIELDS = [
  { value: 'externalId', label: 'Number in the old system' },
  { value: 'billingAddress.firstName', label: 'First name' },
  { value: 'billingAddress.lastName', label: 'Last name' },
  { value: 'billingAddress.email', label: 'Email' },
  ...ADDRESS_PARTS.map(([part, label]) => ({ value: `billingAddress.${part}`, label: `Billing ${label.replace(/^[A-Z]/, (c) => c.toLowerCase())}` })),
  { value: 'shippingAddress.firstName', label: 'Shipping first name' },
  { value: 'shippingAddress.lastName', label: 'Shipping last name' },
  ...ADDRESS_PARTS.map(([part, label]) => ({ value: `shippingAddress.${part}`, label: `Shipping ${label.replace(/^[A-Z]/, (c) => c.toLowerCase())}` })),
  { value: 'phone', label: 'Phone' },
  { value: 'birthDate', label: 'Birth date' },
  { value: 'partner', label: 'Partner' },
  { value: 'flags', label: 'Flags' },
  ...PERMISSIONS.map(([name, label]) => ({ value: `permissions.${name}`, label: `Permission: ${label}` })),
  { value: 'customerClassId', label: 'Customer class' },
  { value: 'specialInstructions', label: 'Special instructions' },
] as const;

export type ImportField = (typeof IMPORT_FIELDS)[number]['value'];
/** Where a column goes: a field, or nowhere. */
export type ColumnMapping = readonly (ImportField | null)[];

export const fieldLabel = (field: string): string => IMPORT_FIELDS.find((f) => f.value === field)?.label ?? field;
