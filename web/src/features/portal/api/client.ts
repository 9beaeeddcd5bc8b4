import createClient, { type Middleware } from 'openapi-fetch';
import { unwrap, type ApiClient } from '@/lib/api-client';
import type { paths } from '@/lib/api-schema';
import { loadConfig } from '@/lib/config';
import { portalTokenStore } from '../lib/portal-session';

/**
 * The portal's own API client. `api()` from `@/lib/api-client` always sends the staff token, so
 * the portal builds a client of the same typed kind that sends the portal token instead, and
 * only to `/portal/me…` (the login and reset calls need none). A 401 there means the session
 * ended (expired, or the password changed since): the member signs in again.
 */
const portalAuth: Middleware = {
  onRequest({ request }) {
    const session = portalTokenStore.get();
    if (session && new URL(request.url).pathname.includes('/portal/me')) request.headers.set('authorization', `Bearer ${session.token}`);
    return request;
  },
  onResponse({ request, response }) {
    if (response.status === 401 && new URL(request.url).pathname.includes('/portal/me')) portalTokenStore.set(undefined);
    return response;
  },
};

let clientPromise: Promise<{ client: ApiClient; baseUrl: string }> | undefined;

/** The API's URL comes from /config.json, as for the console (the browser caches nothing: one fetch per page load). */
export function portalClient() {
  return (clientPromise ??= loadConfig().then(({ apiUrl }) => {
    const client = createClient<paths>({ baseUrl: apiUrl });
    client.use(portalAuth);
    return { client, baseUrl: apiUrl };
  }));
}

/** A typed call with the portal token: its data, or an ApiProblem. */
export async function portalCall<T>(call: (client: ApiClient) => Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { client } = await portalClient();
  return unwrap(call(client));
}
