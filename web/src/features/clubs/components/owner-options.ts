import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { useSession } from '@/lib/auth/auth-provider';

/**
 * Who can be a membership's owner: the staff directory (`GET /v1/staff`: staff the service has
 * seen changing people), the signed-in staff member (who may not have changed anyone yet), and
 * whoever already owns one of this person's memberships.
 */
export function useOwnerOptions(knownOwnerIds: readonly (string | null)[]): { value: string; label: string }[] {
  const session = useSession();
  const staff = useQuery({
    queryKey: ['staff'],
    queryFn: () => unwrap(api().GET('/v1/staff', { params: { query: { limit: 100 } } })),
    staleTime: 60_000,
  });
  const options = new Map<string, string>([[session.sub, session.name]]);
  for (const member of staff.data?.items ?? []) options.set(member.id, member.name);
  for (const id of knownOwnerIds) if (id && !options.has(id)) options.set(id, id);
  return [...options].map(([value, label]) => ({ value, label }));
}
