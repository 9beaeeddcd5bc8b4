import { IMPORT_FIELDS, type ColumnMapping, type ImportField } from './import-fields';

/**
 * Matches a file's headers to our fields from the names other systems use (Commerce7,
 * WineDirect, spreadsheets) and our own export's exact headers. Each field takes at most one
 * column (the first); the rest are left for staff to map by hand.
 */

/** Lower case, letters and digits only: "E-mail Address" and "email_address" are the same header. */
const normalize = (header: string) => header.toLowerCase().replace(/[^a-z0-9]/g, '');

const OWN_HEADERS = new Map<string, ImportField>(IMPORT_FIELDS.map((field) => [normalize(field.value), field.value]));
/** Our export's columns that an import does not write. */
const READ_ONLY_HEADERS = new Set(['customernumber', 'clubs', 'creditbalance']);

/** Parts of an address, whatever its kind; the prefix (billing, shipping, none) decides which. */
const ADDRESS_ALIASES: Record<string, string> = {
  company: 'company', companyname: 'company', organization: 'company', organisation: 'company', business: 'company',
  address: 'line1', address1: 'line1', addressline1: 'line1', street: 'line1', streetaddress: 'line1', line1: 'line1', street1: 'line1',
  address2: 'line2', addressline2: 'line2', line2: 'line2', street2: 'line2', apt: 'line2', suite: 'line2',
  city: 'city', town: 'city',
  state: 'region', region: 'region', province: 'region', stateprovince: 'region',
  zip: 'postalCode', zipcode: 'postalCode', postalcode: 'postalCode', postcode: 'postalCode', postal: 'postalCode',
  country: 'country', countrycode: 'country',
};
const NAME_ALIASES: Record<string, 'firstName' | 'lastName'> = {
  firstname: 'firstName', fname: 'firstName', first: 'firstName', givenname: 'firstName', forename: 'firstName',
  lastname: 'lastName', lname: 'lastName', last: 'lastName', surname: 'lastName', familyname: 'lastName',
};
const PHONE_ALIASES = new Set(['phone', 'phonenumber', 'telephone', 'tel', 'mobile', 'mobilephone', 'mobilenumber', 'cell', 'cellphone', 'cellnumber']);
const PERSON_ALIASES: Record<string, ImportField> = {
  email: 'billingAddress.email', emailaddress: 'billingAddress.email',
  birthdate: 'birthDate', dateofbirth: 'birthDate', dob: 'birthDate', birthday: 'birthDate',
  flags: 'flags', flag: 'flags', tags: 'flags', tag: 'flags', labels: 'flags',
  class: 'customerClassId', customerclass: 'customerClassId', classname: 'customerClassId', classid: 'customerClassId',
  notes: 'specialInstructions', note: 'specialInstructions', comments: 'specialInstructions', instructions: 'specialInstructions', specialinstructions: 'specialInstructions',
  partner: 'partner', spouse: 'partner',
  customernumber: 'externalId', customerno: 'externalId', customerid: 'externalId', externalid: 'externalId', memberid: 'externalId',
  membernumber: 'externalId', accountnumber: 'externalId', legacyid: 'externalId', id: 'externalId',
  emailoptin: 'permissions.email', smsoptin: 'permissions.sms', textoptin: 'permissions.sms', phoneoptin: 'permissions.phone', mailoptin: 'permissions.mail',
};
const SHIPPING_PREFIX = /^(shipping|shipto|ship|delivery)/;
const BILLING_PREFIX = /^(billing|billto|bill|mailing)/;

function guess(header: string): ImportField | null {
  const name = normalize(header);
  const own = OWN_HEADERS.get(name);
  if (own) return own;
  const shipping = SHIPPING_PREFIX.exec(name);
  const billing = shipping ? null : BILLING_PREFIX.exec(name);
  const rest = name.slice((shipping ?? billing)?.[0].length ?? 0);
  const kind = shipping ? 'shippingAddress' : 'billingAddress';
  const part = ADDRESS_ALIASES[rest];
  if (part) return `${kind}.${part}` as ImportField;
  const person = NAME_ALIASES[rest];
  if (person) return `${kind}.${person}` as ImportField;
  if (PHONE_ALIASES.has(rest)) return shipping || billing ? (`${kind}.phone` as ImportField) : 'phone';
  if (shipping || billing) return rest === 'email' || rest === 'emailaddress' ? 'billingAddress.email' : null;
  return PERSON_ALIASES[rest] ?? null;
}

/** A field (or null, "Ignore") for each header, in order. */
export function autoMap(headers: readonly string[]): ColumnMapping {
  const normalized = headers.map(normalize);
  // Our own export: its customer number is ours, not the old system's (that one is in `externalId`).
  const ownExport = normalized.includes('externalid');
  const taken = new Set<ImportField>();
  return normalized.map((name, index) => {
    if (ownExport && READ_ONLY_HEADERS.has(name)) return null;
    if (name === 'clubs' || name === 'creditbalance') return null;
    const field = guess(headers[index] ?? '');
    if (!field || taken.has(field)) return null;
    taken.add(field);
    return field;
  });
}
