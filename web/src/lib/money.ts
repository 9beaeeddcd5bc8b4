/** Money as staff and members see it: minor units (the API's `…Cents`) in the reader's locale. */
export function formatMoney(cents: number, currency: string): string {
  return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(cents / 100);
}

/** "12.50" → 1250 (a leading "-" allowed); undefined when it is not an amount with at most two decimals. */
export function toCents(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^-?\d+(\.\d{1,2})?$/.test(trimmed)) return undefined;
  return Math.round(Number(trimmed) * 100);
}
