import { useSettings } from '@/hooks/use-reference-data';

/** Minor units as the tenant's currency, in the staff member's locale. */
export function useMoney(): (cents: number) => string {
  const currency = useSettings().data?.currency ?? 'USD';
  const format = new Intl.NumberFormat(undefined, { style: 'currency', currency });
  return (cents) => format.format(cents / 100);
}

/** "12.50" → 1250; undefined when it is not an amount with at most two decimals. */
export function toCents(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^-?\d+(\.\d{1,2})?$/.test(trimmed)) return undefined;
  return Math.round(Number(trimmed) * 100);
}
