import { gunzipSync } from 'node:zlib';
import { tableReachable } from '../../shared/db/health';
import { apiHandler, Reply } from '../../shared/http/api-handler';
import { systemRoutes } from '../../shared/http/routes/system';
import { withServer } from '../../shared/http/openapi-server';

/**
 * The OpenAPI document packed when this function was bundled (`infra/bundle/defines.ts`), so the
 * bundle carries neither the schemas nor their conversion; absent when run from the sources
 * (`npm start`, tests), where the document is built from the schemas on first request.
 */
declare const BUNDLED_OPENAPI_DOCUMENT: string | undefined;

let document: Promise<Record<string, unknown>> | undefined;

function openApi(): Promise<Record<string, unknown>> {
  document ??=
    typeof BUNDLED_OPENAPI_DOCUMENT === 'string'
      ? Promise.resolve(JSON.parse(gunzipSync(Buffer.from(BUNDLED_OPENAPI_DOCUMENT, 'base64')).toString('utf8')) as Record<string, unknown>)
      : import('../../shared/http/openapi').then(({ openApiDocument }) => openApiDocument());
  // A failure is not kept: the next request tries again.
  document.catch(() => (document = undefined));
  return document;
}

export const handler = apiHandler(systemRoutes, 'system', {
  health: async () =>
    (await tableReachable())
      ? { status: 'ok' }
      : new Reply(503, { type: 'about:blank', title: 'Service unavailable', status: 503, detail: 'The table cannot be reached.' }, { 'content-type': 'application/problem+json' }),
  // The document names the host it was fetched from, so a generated client needs no base URL.
  getOpenApiDocument: async ({ event }) =>
    withServer(await openApi(), `${event.headers['x-forwarded-proto'] ?? 'https'}://${event.requestContext.domainName}`),
});
