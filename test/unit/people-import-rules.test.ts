import { describe, expect, it } from '@jest/globals';
import { duplicateEmailErrors, newPersonErrors, rowChange } from '../../shared/people/import-rules';
import { ImportRow } from '../../shared/people/import-schemas';
import { EXPORT_COLUMNS, exportRecord, neutralizeFormula, toCsv } from '../../shared/people/people-csv';
import type { AddressItem, CustomerItem } from '../../shared/people/customer-items';

const settings = { flags: [{ key: 'vip', title: 'VIP' }], requiredFields: [] as string[] };
const row = (fields: Record<string, unknown> = {}) =>
  ImportRow.parse({ billingAddress: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com' }, ...fields });

const profile = {
  id: 'p1',
  tenantId: 't',
  customerNumber: 1000,
  externalId: null,
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: 'Ada@Example.com',
  phone: '707-555-0100',
  birthDate: null,
  partner: null,
  flags: ['retired'],
  permissions: { email: true, sms: false, phone: false, mail: false },
  customerClassId: null,
  specialInstructions: null,
  defaultBillingAddressId: 'a1',
  defaultShippingAddressId: null,
  clubIds: [],
  creditBalanceCents: 1250,
} as unknown as CustomerItem;
const billing = { id: 'a1', kind: 'billing', firstName: 'Ada', lastName: 'Lovelace', line1: '1 Vine St', city: 'Napa', company: null } as unknown as AddressItem;
const page = { profile, billing, shipping: undefined };

describe('Function: rowChange (a row naming an existing person)', () => {
  it('is unchanged when every field the row has already holds', () => {
    expect(rowChange(row({ phone: '707-555-0100', flags: ['retired'], permissions: { email: true }, billingAddress: { firstName: 'Ada', lastName: 'Lovelace', email: 'ADA@example.com', city: 'Napa' } }), page, settings, undefined)).toEqual({ kind: 'unchanged' });
  });

  it('changes only the fields the row has that differ; the other billing fields go to the default billing address', () => {
    const change = rowChange(row({ partner: 'Bob', permissions: { email: true, sms: true }, billingAddress: { firstName: 'Ada', lastName: 'Byron', email: 'ada@example.com', city: 'Sonoma', line1: '1 Vine St' } }), page, settings, undefined);
    expect(change).toEqual({
      kind: 'update',
      patch: { lastName: 'Byron', partner: 'Bob', permissions: { sms: true } },
      addresses: [{ kind: 'billing', addressId: 'a1', fields: { city: 'Sonoma' } }],
    });
  });

  it('adds a default shipping address when there is none, addressed to the billing names unless the row names someone', () => {
    expect(rowChange(row({ shippingAddress: { line1: '9 Oak' } }), page, settings, undefined)).toEqual({
      kind: 'update',
      patch: {},
      addresses: [{ kind: 'shipping', addressId: null, fields: { firstName: 'Ada', lastName: 'Lovelace', line1: '9 Oak' } }],
    });
  });

  it('keeps a flag retired from settings on the person who holds it, and refuses a flag nobody defined', () => {
    expect(rowChange(row({ flags: ['retired', 'vip'] }), page, settings, undefined)).toMatchObject({ kind: 'update', patch: { flags: ['retired', 'vip'] } });
    expect(rowChange(row({ flags: ['ghost'] }), page, settings, undefined)).toEqual({ kind: 'invalid', errors: [{ path: 'flags[0]', message: 'is not a flag defined in settings' }] });
  });

  it("refuses a class that does not exist or is a club's", () => {
    expect(rowChange(row({ customerClassId: 'c9' }), page, settings, undefined)).toMatchObject({ kind: 'invalid', errors: [{ path: 'customerClassId' }] });
    expect(rowChange(row({ customerClassId: 'c9' }), page, settings, { clubId: 'club-1' } as never)).toMatchObject({ kind: 'invalid', errors: [{ path: 'customerClassId' }] });
  });
});

describe('Function: newPersonErrors and duplicateEmailErrors', () => {
  it("applies the winery's required fields to a new person, with the shipping names taken from billing", () => {
    expect(newPersonErrors(row(), { ...settings, requiredFields: ['phone', 'shippingAddress.firstName'] }, undefined)).toEqual([
      { path: 'phone', message: expect.stringContaining('required') },
      { path: 'shippingAddress.firstName', message: expect.stringContaining('required') },
    ]);
    expect(newPersonErrors(row({ phone: '707-555-0100', shippingAddress: { line1: '9 Oak' } }), { ...settings, requiredFields: ['phone', 'shippingAddress.firstName'] }, undefined)).toEqual([]);
  });

  it('reports every later row of an email, matched case-insensitively, naming the first', () => {
    const a = row();
    const errors = duplicateEmailErrors([a, undefined, row({ billingAddress: { firstName: 'X', lastName: 'Y', email: 'ADA@example.com' } }), a]);
    expect([...errors.keys()]).toEqual([2, 3]);
    expect(errors.get(3)).toEqual([{ path: 'billingAddress.email', message: expect.stringContaining('row 0') }]);
  });
});

describe('The export CSV', () => {
  it('writes a header of the columns and a line per person, quoting what needs it', () => {
    const record = exportRecord({ ...profile, specialInstructions: 'Back door, "ring"\ntwice', clubIds: ['k1', 'gone'] }, billing, undefined, new Map([['k1', 'Reserve Club']]));
    expect(record).toMatchObject({ customerNumber: '1000', 'billingAddress.email': 'Ada@Example.com', 'billingAddress.city': 'Napa', 'shippingAddress.line1': '', flags: 'retired', 'permissions.email': 'true', clubs: 'Reserve Club; gone', creditBalance: '12.50' });
    const csv = toCsv([record]);
    const [header, line] = csv.split('\r\n');
    expect(header).toBe(EXPORT_COLUMNS.join(','));
    expect(line).toContain('"Back door, ""ring""\ntwice"');
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('keeps a spreadsheet from running a cell as a formula, and leaves phone numbers and amounts alone', () => {
    expect(neutralizeFormula('=HYPERLINK("x")')).toBe(`'=HYPERLINK("x")`);
    expect(neutralizeFormula('@SUM(A1)')).toBe(`'@SUM(A1)`);
    expect(neutralizeFormula('+cmd|x')).toBe(`'+cmd|x`);
    expect(neutralizeFormula('-2+3')).toBe(`'-2+3`);
    expect(neutralizeFormula('+1 (707) 555-0100')).toBe('+1 (707) 555-0100');
    expect(neutralizeFormula('-12.50')).toBe('-12.50');
    expect(neutralizeFormula('Ada')).toBe('Ada');
  });

  it('also neutralises the full-width, small and super- or subscript forms of the formula characters, and tab or CR first', () => {
    for (const cell of ['＝HYPERLINK("x")', '＋cmd|x', '－2+3', '＠SUM(A1)', '﹦1+1', '﹢cmd', '﹣2+3', '﹫SUM(A1)', '⁼1', '⁺cmd', '₌1', '₊cmd', '﬩cmd', '⩵1', '\t=1+1', '\r=1+1']) {
      expect(neutralizeFormula(cell)).toBe(`'${cell}`);
    }
    // A number in full-width digits is still a number.
    expect(neutralizeFormula('＋１ ７０７ ５５５ ０１００')).toBe('＋１ ７０７ ５５５ ０１００');
    expect(neutralizeFormula('－１２.５０')).toBe('－１２.５０');
  });
});
