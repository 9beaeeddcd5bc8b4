import { describe, expect, it } from '@jest/globals';
import { EXPORT_COLUMNS, IMPORT_COLUMNS, neutralizeFormula } from '../../shared/people/people-csv';
import { autoMap } from '../../web/src/features/import/lib/auto-map';
import { cleanCell, normalizeDate, parseBoolean, prepareRows, toImportRow } from '../../web/src/features/import/lib/convert-rows';
import { IMPORT_FIELDS } from '../../web/src/features/import/lib/import-fields';

const refs = {
  flags: [
    { key: 'vip', title: 'VIP' },
    { key: 'wholesale', title: 'Trade account' },
  ],
  classes: [{ id: '01JCLASSEMPLOYEES0000000000', name: 'Employees' }],
};

/** The import screen matches a file's columns to our fields before anything is sent. */
describe('autoMap', () => {
  it('maps every column of our own export to itself and ignores its read-only columns', () => {
    const mapping = autoMap(EXPORT_COLUMNS);
    EXPORT_COLUMNS.forEach((column, index) => {
      const expected = ['customerNumber', 'clubs', 'creditBalance'].includes(column) ? null : column;
      expect([column, mapping[index]]).toEqual([column, expected]);
    });
  });

  it('offers a field for every column the import reads', () => {
    expect(IMPORT_FIELDS.map((field) => field.value).sort()).toEqual([...IMPORT_COLUMNS].sort());
  });

  it('matches the header names other systems use', () => {
    const headers = ['Customer Number', 'First Name', 'Last Name', 'E-mail Address', 'Mobile', 'DOB', 'Address 1', 'Address 2', 'City', 'State', 'Zip', 'Country',
      'Ship First Name', 'Shipping Address', 'Shipping City', 'Ship Zip', 'Tags', 'Customer Class', 'Company', 'Notes', 'Last Order Date'];
    expect(autoMap(headers)).toEqual([
      'externalId', 'billingAddress.firstName', 'billingAddress.lastName', 'billingAddress.email', 'phone', 'birthDate',
      'billingAddress.line1', 'billingAddress.line2', 'billingAddress.city', 'billingAddress.region', 'billingAddress.postalCode', 'billingAddress.country',
      'shippingAddress.firstName', 'shippingAddress.line1', 'shippingAddress.city', 'shippingAddress.postalCode', 'flags', 'customerClassId',
      'billingAddress.company', 'specialInstructions', null,
    ]);
  });

  it('gives a field to the first of two columns only', () => {
    expect(autoMap(['Phone', 'Cell', 'Email', 'email'])).toEqual(['phone', null, 'billingAddress.email', null]);
  });
});

describe('toImportRow', () => {
  const mapping = autoMap(['First Name', 'Last Name', 'Email', 'Phone', 'Birth date', 'Flags', 'Class', 'Email opt-in', 'Country', 'Notes']);

  it('builds the row from trimmed cells and leaves empty cells out', () => {
    const { row, errors } = toImportRow([' Ada ', 'Lovelace', 'ada@example.com', '', '12/10/1815', 'vip; Trade account|unknown', 'employees', 'Yes', 'gb', ''], mapping, refs);
    expect(errors).toEqual([]);
    expect(row).toEqual({
      billingAddress: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com', country: 'GB' },
      birthDate: '1815-12-10',
      flags: ['vip', 'wholesale', 'unknown'],
      customerClassId: '01JCLASSEMPLOYEES0000000000',
      permissions: { email: true },
    });
  });

  it('takes off the quote our export puts before a formula-like cell', () => {
    const cell = neutralizeFormula('=HYPERLINK("x")');
    expect(cell).toBe(`'=HYPERLINK("x")`);
    expect(cleanCell(cell)).toBe('=HYPERLINK("x")');
    expect(cleanCell("'@home")).toBe('@home');
    expect(cleanCell("O'Brien")).toBe("O'Brien");
    // The export neutralises the Unicode forms of formula characters too; the import takes that off again.
    for (const cell of ['＝HYPERLINK("x")', '﹢cmd', '⁻2+3', '＠home']) expect(cleanCell(neutralizeFormula(cell))).toBe(cell);
  });

  it('says which cells cannot be read: a yes/no that is neither, a class no class has', () => {
    const { errors } = toImportRow(['Ada', 'Lovelace', 'ada@example.com', '', '', '', 'Platinum', 'maybe', '', ''], mapping, refs);
    expect(errors).toEqual([
      { path: 'customerClassId', message: 'no customer class is named "Platinum"' },
      { path: 'permissions.email', message: '"maybe" is not yes or no (true/false, yes/no, y/n, 1/0, x)' },
    ]);
  });

  it('reads yes/no words and dates as spreadsheets write them', () => {
    expect(['true', 'YES', 'y', '1', 'x', 'false', 'No', 'n', '0', 'maybe'].map(parseBoolean)).toEqual([true, true, true, true, true, false, false, false, false, undefined]);
    expect(['1990-02-03', '2/3/1990', '12/25/1990', '03.02.1990'].map(normalizeDate)).toEqual(['1990-02-03', '1990-02-03', '1990-12-25', '03.02.1990']);
  });
});

describe('prepareRows', () => {
  it('refuses an email a row above already has, naming that line', () => {
    const mapping = autoMap(['First', 'Last', 'Email']);
    const rows = prepareRows([['Ada', 'L', 'ada@example.com'], ['Bob', 'B', 'bob@example.com'], ['Ada', 'Again', 'ADA@example.com']], mapping, refs);
    expect(rows.map((row) => [row.line, row.errors])).toEqual([
      [2, []],
      [3, []],
      [4, [{ path: 'billingAddress.email', message: 'this email is also on line 2' }]],
    ]);
  });
});
