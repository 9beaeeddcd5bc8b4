import { formatMoney } from '@/lib/money';
import { useSettings } from './use-reference-data';

/** Minor units as the tenant's currency (from settings), in the staff member's locale. */
export function useMoney(): (cents: number) => string {
  const currency = useSettings().data?.currency ?? 'USD';
  return (cents) => formatMoney(cents, currency);
}
