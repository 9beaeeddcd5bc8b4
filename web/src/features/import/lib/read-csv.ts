import Papa from 'papaparse';
import { formatCount } from '../../../lib/plural';

/**
 * A chosen file read as CSV, with the limits an import has. Pure, no DOM (bytes in, records
 * out): the unit tests import it.
 */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
export const MAX_RECORDS = 50_000;

export type Encoding = 'utf-8' | 'windows-1252';

export interface CsvFile {
  readonly headers: readonly string[];
  readonly records: readonly (readonly string[])[];
  readonly encoding: Encoding;
  /** The decoded text, what the import's hash (resume, idempotency keys) is taken of. */
  readonly text: string;
}

export class CsvFileError extends Error {
  override readonly name = 'CsvFileError';
}

/**
 * UTF-8 when the bytes are UTF-8; otherwise Windows-1252 (the "Latin-1" old systems export:
 * every byte is a character, so it never fails). A byte order mark is dropped.
 */
export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: Encoding } {
  let text: string;
  let encoding: Encoding = 'utf-8';
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    encoding = 'windows-1252';
    text = new TextDecoder('windows-1252').decode(bytes);
  }
  return { text: text.replace(/^\uFEFF/, ''), encoding };
}

const NOT_CSV = 'This is not a CSV file: a CSV file has a header line naming its columns, separated by commas.';

/** The file's header and records, or a CsvFileError saying why it cannot be imported. */
export function readCsv(bytes: Uint8Array): CsvFile {
  if (bytes.byteLength > MAX_FILE_BYTES) {
    throw new CsvFileError(`The file is ${(bytes.byteLength / 1024 / 1024).toFixed(1)} MiB; an import takes at most 20 MiB. Split it into smaller files.`);
  }
  const { text, encoding } = decodeCsvBytes(bytes);
  // A NUL byte: a spreadsheet (.xlsx), an image, anything but text.
  if (text.includes('\u0000')) throw new CsvFileError(NOT_CSV);
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy' });
  const [headerRow, ...records] = parsed.data;
  const headers = (headerRow ?? []).map((header) => header.trim());
  // Papaparse says "UndetectableDelimiter" for text without commas: one column is no people file.
  const broken = parsed.errors.find((error) => error.type === 'Quotes' || error.type === 'Delimiter');
  if (broken || headers.length < 2 || headers.some((header) => header === '')) {
    throw new CsvFileError(broken?.type === 'Quotes' ? `${NOT_CSV} (A quote is not closed near line ${(broken.row ?? 0) + 1}.)` : NOT_CSV);
  }
  if (records.length === 0) throw new CsvFileError('The file has a header line but no people.');
  if (records.length > MAX_RECORDS) {
    throw new CsvFileError(`The file has ${formatCount(records.length)} rows; an import takes at most 50,000. Split it into smaller files.`);
  }
  return { headers, records, encoding, text };
}
