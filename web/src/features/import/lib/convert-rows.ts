import type { components } from '@/lib/api-schema';
import type { ColumnMapping, ImportField } from './import-fields';

/**
 * A file's records turned into import rows, by the column mapping. Pure, no DOM: the unit tests
 * import it. What cannot be converted here (a class name that no class has, a yes/no that is
 * neither, an email twice in the file) makes the row invalid before anything is sent; the rest
 * is checked by the API, row by row, as a create would be.
 */
export type ImportRow = components['schemas']['ImportRow'];
export interface FieldError {
  readonly path: string;
  readonly message: string;
}

/** What the console knows to resolve names: the settings' flags, the customer classes. */
export interface ReferenceData {
  readonly flags: readonly { key: string; title: string }[];
  readonly classes: readonly { id: string; name: string }[];
}

/** A record of the file: its row (as far as it converts) or why it cannot be sent. */
export interface PreparedRow {
  /** The record's index among the file's records (0-based, header not counted). */
  readonly index: number;
  /** Its line in the file, the header being line 1. */
  readonly line: number;
  readonly row: ImportRow;
  readonly errors: readonly FieldError[];
}

/**
 * A cell a spreadsheet would run as a formula: it starts with `= + - @`, a tab or a carriage
 * return, in any of their Unicode forms (`＝`, `﹢`, `⁻`, … : NFKC maps each to the plain one).
 */
export const startsLikeFormula = (value: string): boolean => /^[=+\-@\t\r]/.test(value.normalize('NFKC'));

/**
 * A cell as the import reads it: trimmed, and without the `'` our export (and spreadsheets) put
 * before a formula-like cell so that a spreadsheet does not run it.
 */
export function cleanCell(cell: string | undefined): string {
  const value = (cell ?? '').trim();
  return value.startsWith("'") && startsLikeFormula(value.slice(1)) ? value.slice(1) : value;
}

const TRUE = new Set(['true', 'yes', 'y', '1', 'x']);
const FALSE = new Set(['false', 'no', 'n', '0']);

export function parseBoolean(value: string): boolean | undefined {
  const word = value.toLowerCase();
  return TRUE.has(word) ? true : FALSE.has(word) ? false : undefined;
}

/** YYYY-MM-DD as it is; M/D/YYYY (US spreadsheets) turned into it; anything else left for the API to refuse. */
export function normalizeDate(value: string): string {
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  if (!us) return value;
  const [, month, day, year] = us;
  return `${year}-${month!.padStart(2, '0')}-${day!.padStart(2, '0')}`;
}

/** Flag keys from keys or titles (any case), separated by `;`, `,` or `|`; an unknown one is sent as it is (the API names it). */
export function resolveFlags(value: string, flags: ReferenceData['flags']): string[] {
  const byName = new Map<string, string>();
  for (const flag of flags) {
    byName.set(flag.title.toLowerCase(), flag.key);
    byName.set(flag.key.toLowerCase(), flag.key);
  }
  const keys = value
    .split(/[;,|]/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => byName.get(part.toLowerCase()) ?? part);
  return [...new Set(keys)];
}

/** A class id from an id or a name (any case). */
export function resolveClass(value: string, classes: ReferenceData['classes']): string | undefined {
  return classes.find((c) => c.id === value)?.id ?? classes.find((c) => c.name.toLowerCase() === value.toLowerCase())?.id;
}

type Draft = Record<string, unknown>;

function setPath(target: Draft, path: string, value: unknown): void {
  const [head, tail] = path.split('.') as [string, string | undefined];
  if (tail === undefined) {
    target[head] = value;
    return;
  }
  const inner = (target[head] ??= {}) as Draft;
  inner[tail] = value;
}

function convertCell(field: ImportField, value: string, refs: ReferenceData): { value: unknown } | { error: string } {
  if (field.startsWith('permissions.')) {
    const flag = parseBoolean(value);
    return flag === undefined ? { error: `"${value}" is not yes or no (true/false, yes/no, y/n, 1/0, x)` } : { value: flag };
  }
  switch (field) {
    case 'birthDate':
      return { value: normalizeDate(value) };
    case 'flags':
      return { value: resolveFlags(value, refs.flags) };
    case 'customerClassId': {
      const id = resolveClass(value, refs.classes);
      return id ? { value: id } : { error: `no customer class is named "${value}"` };
    }
    case 'billingAddress.country':
    case 'shippingAddress.country':
      return { value: value.length === 2 ? value.toUpperCase() : value };
    default:
      return { value };
  }
}

/**
 * One record as an import row: empty cells are left out (an update changes only what the row
 * has). The row is what the file says; the API checks it (required names and email included).
 */
export function toImportRow(cells: readonly string[], mapping: ColumnMapping, refs: ReferenceData): { row: ImportRow; errors: FieldError[] } {
  const draft: Draft = {};
  const errors: FieldError[] = [];
  mapping.forEach((field, column) => {
    if (!field) return;
    const value = cleanCell(cells[column]);
    if (value === '') return;
    const converted = convertCell(field, value, refs);
    if ('error' in converted) errors.push({ path: field, message: converted.error });
    else setPath(draft, field, converted.value);
  });
  // The row's shape is the API's to judge: a row without names or email comes back `invalid` with its field errors.
  return { row: draft as unknown as ImportRow, errors };
}

/**
 * Every record as an import row; a record whose email an earlier record has is invalid
 * ("also on line N"): one file, one person per email.
 */
export function prepareRows(records: readonly (readonly string[])[], mapping: ColumnMapping, refs: ReferenceData): PreparedRow[] {
  const firstLine = new Map<string, number>();
  return records.map((cells, index) => {
    const line = index + 2;
    const { row, errors } = toImportRow(cells, mapping, refs);
    const email = (row as Partial<ImportRow>).billingAddress?.email?.toLowerCase();
    if (email) {
      const earlier = firstLine.get(email);
      if (earlier === undefined) firstLine.set(email, line);
      else errors.push({ path: 'billingAddress.email', message: `this email is also on line ${earlier}` });
    }
    return { index, line, row, errors };
  });
}
