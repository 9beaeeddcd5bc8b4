import { useClubs, useCustomerClasses, useSettings } from '@/hooks/use-reference-data';
import { useMoney } from '@/hooks/use-money';
import type { Names } from '../lib/rule-fields';

/** The winery's names for what rules point at (a flag's title, a class's or club's name), to say a rule in words. */
export function useRuleNames(): Names {
  const settings = useSettings();
  const classes = useCustomerClasses();
  const clubs = useClubs();
  const money = useMoney();
  return {
    flag: (key) => settings.data?.flags.find((flag) => flag.key === key)?.title ?? key,
    class: (id) => classes.data?.items.find((c) => c.id === id)?.name ?? 'a class no longer there',
    club: (id) => clubs.data?.items.find((c) => c.id === id)?.name ?? 'a club no longer there',
    money,
  };
}
