import { useStaff } from '@/hooks/use-reference-data';
import { useSession } from '@/lib/auth/auth-provider';

/**
 * Who can be a membership's owner: the staff directory (`GET /v1/staff`: staff the service has
 * seen changing people), the signed-in staff member (who may not have changed anyone yet), and
 * whoever already owns one of this person's memberships.
 */
export function useOwnerOptions(knownOwnerIds: readonly (string | null)[]): { value: string; label: string }[] {
  const session = useSession();
  const staff = useStaff();
  const options = new Map<string, string>([[session.sub, session.name]]);
  for (const member of staff.data?.items ?? []) options.set(member.id, member.name);
  for (const id of knownOwnerIds) if (id && !options.has(id)) options.set(id, 'A former staff member');
  return [...options].map(([value, label]) => ({ value, label }));
}
