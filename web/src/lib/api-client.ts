import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './api-schema';
import { ApiProblem, type FieldError } from './api-problem';
import { tokenStore } from './auth/token-store';

/**
 * The typed API client, generated from the OpenAPI document (`npm run api-types`): paths, bodies
 * and responses are checked by the compiler. Feature hooks call it through `unwrap`, which turns
 * a problem+json answer into an `ApiProblem` for TanStack Query's error state.
 */
export type Schemas = components['schemas'];
export type Customer = Schemas['Customer'];
export type CustomerProfile = Schemas['CustomerProfile'];
export type Address = Schemas['Address'];
export type Card = Schemas['Card'];
export type Settings = Schemas['Settings'];

export { ApiProblem, type FieldError } from './api-problem';

const authMiddleware: Middleware = {
  onRequest({ request }) {
    const session = tokenStore.get();
    if (session) request.headers.set('authorization', `Bearer ${session.token}`);
    return request;
  },
  onResponse({ response }) {
    // An expired or revoked token: back to the sign-in page.
    if (response.status === 401) tokenStore.set(undefined);
    return response;
  },
};

export type ApiClient = ReturnType<typeof createClient<paths>>;
let client: ApiClient | undefined;

/** Called once at start-up with the URL from /config.json. */
export function configureApi(baseUrl: string): void {
  client = createClient<paths>({ baseUrl });
  client.use(authMiddleware);
}

export function api(): ApiClient {
  if (!client) throw new Error('configureApi was not called');
  return client;
}

function toProblem(status: number, body: unknown): ApiProblem {
  const problem = (typeof body === 'object' && body !== null ? body : {}) as { title?: unknown; detail?: unknown; message?: unknown; errors?: unknown; mergedInto?: unknown };
  const title = typeof problem.title === 'string' ? problem.title : typeof problem.message === 'string' ? problem.message : `Request failed (${status})`;
  const detail = typeof problem.detail === 'string' ? problem.detail : undefined;
  const errors = Array.isArray(problem.errors)
    ? problem.errors.filter((e): e is FieldError => typeof e?.path === 'string' && typeof e?.message === 'string')
    : [];
  return new ApiProblem(status, title, detail, errors, typeof problem.mergedInto === 'string' ? problem.mergedInto : undefined);
}

/** Awaits an openapi-fetch call: its data, or an ApiProblem. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: Awaited<typeof call>;
  try {
    result = await call;
  } catch (error) {
    throw new ApiProblem(0, 'Could not reach the server', error instanceof Error ? error.message : String(error));
  }
  if (!result.response.ok) throw toProblem(result.response.status, result.error);
  return result.data as T;
}

/** `If-Match` for a resource read at `version`. */
export const ifMatch = (version: number) => ({ 'If-Match': String(version) });
