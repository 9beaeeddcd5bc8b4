import { QueryClient } from '@tanstack/react-query';
import { ApiProblem } from './api-client';

/** Server state lives here only; screens never copy it into their own state. */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 10_000,
      // A 4xx will answer the same again; retry only what may be transient.
      retry: (count, error) => count < 2 && !(error instanceof ApiProblem && error.status >= 400 && error.status < 500),
      refetchOnWindowFocus: false,
    },
    mutations: { retry: false },
  },
});
