import Papa from 'papaparse';
import { startsLikeFormula, type FieldError } from './convert-rows';

/**
 * The rows to fix, as a CSV that imports again: the file's own columns as they were, plus an
 * `errors` column. Cells that a spreadsheet would run as formulas (`startsLikeFormula`: full-width
 * `＝` too, which Papa's own `escapeFormulae` misses) get a leading `'` (the import takes it off).
 */
export function invalidRowsCsv(headers: readonly string[], records: readonly (readonly string[])[], invalid: readonly { index: number; errors: readonly FieldError[] }[]): string {
  return Papa.unparse(
    {
      fields: [...headers, 'errors'],
      data: invalid.map(({ index, errors }) =>
        [...headers.map((_, column) => records[index]?.[column] ?? ''), errors.map((error) => `${error.path}: ${error.message}`).join('; ')].map((cell) =>
          startsLikeFormula(cell) ? `'${cell}` : cell,
        ),
      ),
    },
    { newline: '\r\n' },
  );
}
