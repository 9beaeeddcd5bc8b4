import { QueryClient } from '@tanstack/react-query';
import { ApiProblem } from './api-client';

/** Server state lives here only; screens never copy it into their own state. */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 10_000,
      // A 4xx will answer the same again; retry only what may be transient.
      retry: (count, error) => count < 2 && !(error instanceof ApiProblem && error.status >= 400 && error.status < 500),
      // Off by default: a refetch must never replace what a form is showing (or being typed into).
      // The lists staff keep open opt in with `liveList` below.
      refetchOnWindowFocus: false,
    },
    mutations: { retry: false },
  },
});

/**
 * For a list staff keep open all day (the People list, a segment's people, Today): read again
 * when the staff member comes back to the tab (TanStack Query's focus manager: the page becomes
 * visible again), however recently it was read, and every 30 s while the tab is visible, none
 * while it is hidden. 30 s: the listing follows a write by the stream a moment later, so a person
 * a colleague adds or an import brings shows on a second screen within half a minute, for one
 * read of each loaded page per open tab (the dashboard's count is already read every 5 s).
 * A refetch keeps the rows on screen until the new ones arrive (the query keeps its data), and
 * an infinite list reads again every page it has loaded, from the same first page: the search,
 * the filters and "Load more" stay as they were. Never for a screen that feeds a form.
 */
export const liveList = {
  refetchOnWindowFocus: 'always',
  refetchInterval: 30_000,
  refetchIntervalInBackground: false,
} as const;
