import { useQueries, useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

export type ClubStats = Schemas['ClubStats'];

const statsOf = (clubId: string) => ({
  queryKey: [...queryKeys.clubs, clubId, 'stats'] as const,
  queryFn: () => unwrap(api().GET('/v1/clubs/{clubId}/stats', { params: { path: { clubId } } })),
  // Kept from the stream: a change shows a moment later, so an open page reads them again.
  refetchInterval: 15_000,
});

/** One club's stats (`GET /v1/clubs/{clubId}/stats`): the club page in Settings → Clubs. */
export function useClubStats(clubId: string) {
  return useQuery(statsOf(clubId));
}

/** Every club's stats added up (active, paused, the last 30 days): the People dashboard's club line. */
export function useClubTotals(clubIds: readonly string[]) {
  return useQueries({
    queries: clubIds.map(statsOf),
    combine: (results) => {
      const all = results.map((result) => result.data).filter((stats): stats is ClubStats => stats !== undefined);
      if (clubIds.length === 0 || all.length < clubIds.length) return undefined;
      const sum = (pick: (stats: ClubStats) => number) => all.reduce((total, stats) => total + pick(stats), 0);
      return {
        active: sum((s) => s.active),
        paused: sum((s) => s.paused),
        joined: sum((s) => s.joinedLast30Days),
        cancelled: sum((s) => s.cancelledLast30Days),
        saved: sum((s) => s.savedLast30Days),
      };
    },
  });
}
