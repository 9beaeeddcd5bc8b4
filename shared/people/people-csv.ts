import type { AddressItem, CustomerItem } from './customer-items';

/**
 * The export's CSV (RFC 4180): one person a line, the columns named by the import row's field
 * paths, so an exported file imports back as it is (every person `unchanged`). Pure: no I/O.
 */
const ADDRESS_FIELDS = ['company', 'line1', 'line2', 'city', 'region', 'postalCode', 'country', 'phone'] as const;
const PERMISSIONS = ['email', 'sms', 'phone', 'mail'] as const;

/** Columns the import reads, in file order. */
export const IMPORT_COLUMNS = [
  'externalId',
  'billingAddress.firstName',
  'billingAddress.lastName',
  'billingAddress.email',
  ...ADDRESS_FIELDS.map((field) => `billingAddress.${field}`),
  'shippingAddress.firstName',
  'shippingAddress.lastName',
  ...ADDRESS_FIELDS.map((field) => `shippingAddress.${field}`),
  'phone',
  'birthDate',
  'partner',
  'flags',
  ...PERMISSIONS.map((name) => `permissions.${name}`),
  'customerClassId',
  'specialInstructions',
] as const;

/** Columns the export adds for people to read; an import leaves them alone. */
export const READ_ONLY_COLUMNS = ['customerNumber', 'clubs', 'creditBalance'] as const;

export const EXPORT_COLUMNS = ['customerNumber', ...IMPORT_COLUMNS, 'clubs', 'creditBalance'] as const;
type Column = (typeof EXPORT_COLUMNS)[number];

/** Several values in one cell (flags, clubs). */
export const LIST_SEPARATOR = '; ';

/** A person's line: their profile, default addresses, and the names of their clubs. */
export function exportRecord(
  person: CustomerItem,
  billing: AddressItem | undefined,
  shipping: AddressItem | undefined,
  clubNames: ReadonlyMap<string, string>,
): Record<Column, string> {
  const text = (value: string | null | undefined) => value ?? '';
  const record: Record<string, string> = {
    customerNumber: String(person.customerNumber),
    externalId: text(person.externalId),
    // The account's names and email: what a create takes from the billing address.
    'billingAddress.firstName': person.firstName,
    'billingAddress.lastName': person.lastName,
    'billingAddress.email': person.email,
    'shippingAddress.firstName': text(shipping?.firstName),
    'shippingAddress.lastName': text(shipping?.lastName),
    phone: text(person.phone),
    birthDate: text(person.birthDate),
    partner: text(person.partner),
    flags: (person.flags ?? []).join(LIST_SEPARATOR),
    customerClassId: text(person.customerClassId),
    specialInstructions: text(person.specialInstructions),
    clubs: (person.clubIds ?? []).map((id) => clubNames.get(id) ?? id).join(LIST_SEPARATOR),
    creditBalance: ((person.creditBalanceCents ?? 0) / 100).toFixed(2),
  };
  for (const field of ADDRESS_FIELDS) {
    record[`billingAddress.${field}`] = text(billing?.[field]);
    record[`shippingAddress.${field}`] = text(shipping?.[field]);
  }
  for (const name of PERMISSIONS) record[`permissions.${name}`] = String(person.permissions?.[name] ?? false);
  return record as Record<Column, string>;
}

/**
 * A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` as a formula (CSV injection),
 * and takes a leading tab or carriage return away before it looks; some also read the
 * full-width and other compatibility forms of those characters (`＝ ＋ － ＠`, `﹦`, `⁺`, …) as
 * the plain ones. So the test is made on the cell's NFKC form, which maps every such form to the
 * plain character. Such a cell is written with a leading `'`, which spreadsheets show as text and
 * the import takes off again. A phone number or an amount (`+1 707…`, `-12.50`) stays as it is.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const NUMBER_LIKE = /^[+-][\d\s().-]*$/;
export const neutralizeFormula = (value: string): string => {
  const plain = value.normalize('NFKC');
  return FORMULA_START.test(plain) && !NUMBER_LIKE.test(plain) ? `'${value}` : value;
};

/** One CSV field: quoted when it holds a quote, a comma, a line break, or spaces at its ends. */
function csvField(value: string): string {
  const safe = neutralizeFormula(value);
  return /[",\r\n]|^\s|\s$/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The file: a header line and a line per record, CRLF line ends. */
export function toCsv(records: readonly Record<Column, string>[]): string {
  const lines = [EXPORT_COLUMNS.join(','), ...records.map((record) => EXPORT_COLUMNS.map((column) => csvField(record[column] ?? '')).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}
