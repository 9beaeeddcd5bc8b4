import { describe, expect, it } from '@jest/globals';
import Papa from 'papaparse';
import { batchKey, batchOutcomes, runBatches, toBatches } from '../../web/src/features/import/lib/batches';
import { prepareRows } from '../../web/src/features/import/lib/convert-rows';
import { invalidRowsCsv } from '../../web/src/features/import/lib/invalid-rows-csv';
import { CsvFileError, MAX_RECORDS, readCsv } from '../../web/src/features/import/lib/read-csv';
import { countCsvRecords, exportFileName, joinCsvPages } from '../../web/src/features/people/lib/csv-pages';

const bytes = (text: string) => new TextEncoder().encode(text);
const refs = { flags: [], classes: [] };

/** A chosen file is read in the browser: its encoding, its columns, and the limits of an import. */
describe('readCsv', () => {
  it('reads UTF-8 and drops the byte order mark', () => {
    const file = readCsv(bytes('\uFEFFFirst Name,Last Name,Email\r\nZoë,Ünal,zoe@example.com\r\n\r\n'));
    expect(file).toMatchObject({ encoding: 'utf-8', headers: ['First Name', 'Last Name', 'Email'], records: [['Zoë', 'Ünal', 'zoe@example.com']] });
  });

  it('reads a file that is not UTF-8 as Windows-1252 (Latin-1 from old systems)', () => {
    // "José" with é as the single byte 0xE9, as Windows-1252 writes it: not valid UTF-8.
    const latin1 = Uint8Array.from([...bytes('First,Last,Email\nJos'), 0xe9, ...bytes(',Pe'), 0xf1, ...bytes('a,jose@example.com\n')]);
    expect(readCsv(latin1)).toMatchObject({ encoding: 'windows-1252', records: [['José', 'Peña', 'jose@example.com']] });
  });

  it('refuses what is not a CSV file: no columns, a binary file, an unclosed quote, a header only', () => {
    const notCsv = /not a CSV file/;
    expect(() => readCsv(bytes('just some words\nand more words\n'))).toThrow(notCsv);
    expect(() => readCsv(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x2c, 0x41]))).toThrow(notCsv);
    expect(() => readCsv(bytes('First,Last,Email\n"Ada,Lovelace,ada@example.com\n'))).toThrow(/quote is not closed/);
    expect(() => readCsv(bytes('First,Last,Email\n'))).toThrow('The file has a header line but no people.');
    expect(() => readCsv(bytes(''))).toThrow(CsvFileError);
  });

  it('refuses a file over 20 MiB and one over 50,000 rows', () => {
    expect(() => readCsv(new Uint8Array(20 * 1024 * 1024 + 1))).toThrow(/at most 20 MiB/);
    const many = `First,Last,Email\n${'a,b,c\n'.repeat(MAX_RECORDS + 1)}`;
    expect(() => readCsv(bytes(many))).toThrow('The file has 50,001 rows; an import takes at most 50,000. Split it into smaller files.');
  });
});

describe('invalidRowsCsv', () => {
  it('writes the invalid rows with their own columns and an errors column, formulas neutralized', () => {
    const csv = invalidRowsCsv(['First', 'Email'], [['Ada', 'ada@example.com'], ['=cmd', 'nope']], [{ index: 1, errors: [{ path: 'billingAddress.email', message: 'must be an email' }] }]);
    expect(Papa.parse(csv).data).toEqual([
      ['First', 'Email', 'errors'],
      ["'=cmd", 'nope', 'billingAddress.email: must be an email'],
    ]);
  });

  it('neutralises the full-width forms of formula characters too', () => {
    const csv = invalidRowsCsv(['First', 'Email'], [['＝cmd', '＠home']], [{ index: 0, errors: [{ path: 'billingAddress.email', message: 'must be an email' }] }]);
    expect(Papa.parse(csv).data).toEqual([
      ['First', 'Email', 'errors'],
      ["'＝cmd", "'＠home", 'billingAddress.email: must be an email'],
    ]);
  });
});

describe('batches', () => {
  const rows = prepareRows(
    Array.from({ length: 250 }, (_, i) => ['A', 'B', i === 3 ? 'p0@example.com' : `p${i}@example.com`]),
    ['billingAddress.firstName', 'billingAddress.lastName', 'billingAddress.email'],
    refs,
  );

  it('sends the valid rows 100 a batch and maps results back to the file rows', () => {
    const batches = toBatches(rows);
    expect(batches.map((batch) => batch.rows.length)).toEqual([100, 100, 49]);
    expect(batches[0]!.indexes.slice(2, 5)).toEqual([2, 4, 5]);
    expect(batchOutcomes(batches[0]!, [{ row: 3, status: 'invalid', errors: [{ path: 'phone', message: 'bad' }] }])).toEqual([
      { index: 4, status: 'invalid', errors: [{ path: 'phone', message: 'bad' }] },
    ]);
  });

  it('derives stable Idempotency-Keys the API accepts (no digit runs that look like a card number)', () => {
    const hash = '0123456789abcdef'.repeat(4);
    expect(batchKey(hash, 7)).toBe(batchKey(hash, 7));
    expect(batchKey(hash, 7)).not.toBe(batchKey(hash, 8));
    expect(batchKey(hash, 7)).toMatch(/^[a-z-]+-b7$/);
    expect(batchKey(hash, 7).length).toBeLessThanOrEqual(128);
  });

  it('keeps at most two batches in flight and starts no new one once stopped', async () => {
    let inFlight = 0;
    let most = 0;
    const sent: number[] = [];
    await runBatches([0, 1, 2, 3, 4, 5], 2, async (index) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      sent.push(index);
      inFlight -= 1;
    }, () => sent.length >= 3);
    expect(most).toBe(2);
    expect(sent.sort()).toEqual([0, 1, 2, 3]);
  });

  it('stops at a failed batch and reports it', async () => {
    const sent: number[] = [];
    const run = runBatches([0, 1, 2, 3], 1, async (index) => {
      if (index === 1) throw new Error('offline');
      sent.push(index);
    }, () => false);
    await expect(run).rejects.toThrow('offline');
    expect(sent).toEqual([0]);
  });
});

describe('export pages', () => {
  it('joins pages under one header line and counts people, line breaks in notes included', () => {
    const pages = ['a,b\r\n1,"two\r\nlines"\r\n2,x\r\n', 'a,b\r\n3,y\r\n'];
    expect(joinCsvPages(pages)).toBe('a,b\r\n1,"two\r\nlines"\r\n2,x\r\n3,y\r\n');
    expect(pages.map(countCsvRecords)).toEqual([2, 1]);
    expect(exportFileName(new Date(2026, 0, 5))).toBe('people-2026-01-05.csv');
  });
});
