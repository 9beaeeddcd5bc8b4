import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import type { paths } from '@/lib/api-schema';
import { liveList } from '@/lib/query-client';
import { queryKeys } from '@/lib/query-keys';

export type PeopleSort = 'name' | 'number' | 'newest';
export type PeopleOrder = 'asc' | 'desc';

export interface PeopleFilters {
  readonly q?: string;
  readonly flag?: string;
  readonly classId?: string;
  readonly clubId?: string;
  /** A segment's people: on their own, without a search or another filter. */
  readonly segmentId?: string;
  readonly sort: PeopleSort;
  /** Each sort's own direction when absent: names A to Z, numbers highest first. */
  readonly order?: PeopleOrder;
}

type ListQuery = NonNullable<paths['/v1/customers']['get']['parameters']['query']>;

const PAGE_SIZE = 25;

/**
 * The people list, a page at a time (cursor paging), for the given search, filters and order;
 * kept current while open (`liveList`: a colleague's new person shows without a reload).
 */
export function usePeople(filters: PeopleFilters) {
  return useInfiniteQuery({
    queryKey: queryKeys.customerList(filters),
    queryFn: ({ pageParam, signal }) => {
      const query: ListQuery = {
        limit: PAGE_SIZE,
        ...(filters.q ? { q: filters.q } : {}),
        ...(filters.flag ? { flag: filters.flag } : {}),
        ...(filters.classId ? { classId: filters.classId } : {}),
        ...(filters.clubId ? { clubId: filters.clubId } : {}),
        ...(filters.segmentId ? { segmentId: filters.segmentId } : {}),
        // The API's default order is by name: the parameter is sent only for the others.
        ...(filters.sort !== 'name' ? { sort: filters.sort } : {}),
        ...(filters.order ? { order: filters.order } : {}),
        ...(pageParam ? { cursor: pageParam } : {}),
      };
      return unwrap(api().GET('/v1/customers', { params: { query }, signal }));
    },
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // While a new search loads, the old rows stay (no flash of an empty table).
    placeholderData: keepPreviousData,
    ...liveList,
  });
}

/**
 * The dashboard's counts: people and club members. They are kept from the stream, a moment
 * after a change (an import's thousands take longer), so while the dashboard is open they are
 * read again every few seconds (one GetItem) instead of showing the count of before.
 */
export function usePeopleSummary() {
  return useQuery({ queryKey: queryKeys.customerSummary, queryFn: () => unwrap(api().GET('/v1/customers/summary')), refetchInterval: 5_000 });
}
