/**
 * The export's pages joined into one file. Pure, no DOM: the unit tests import it. Every page
 * starts with the header line; the file keeps the first page's only.
 */
export function joinCsvPages(pages: readonly string[]): string {
  return pages.map((page, index) => (index === 0 ? page : page.slice(headerLength(page)))).join('');
}

/** The header line with its line break (the export's headers hold no quotes or breaks). */
function headerLength(page: string): number {
  const end = page.indexOf('\n');
  return end === -1 ? page.length : end + 1;
}

/** Records in a page (lines outside quoted cells, less the header): a note may hold line breaks. */
export function countCsvRecords(page: string): number {
  let lines = 0;
  let quoted = false;
  for (let i = 0; i < page.length; i += 1) {
    const char = page[i];
    if (char === '"') quoted = !quoted;
    else if (char === '\n' && !quoted) lines += 1;
  }
  if (page.length > 0 && !page.endsWith('\n')) lines += 1;
  return Math.max(0, lines - 1);
}

/** people-2026-11-30.csv, in the staff member's own calendar. */
export function exportFileName(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `people-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.csv`;
}
