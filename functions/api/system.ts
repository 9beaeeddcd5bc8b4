import { tableReachable } from '../../shared/db/health';
import { apiHandler, Reply } from '../../shared/http/api-handler';
import { systemRoutes } from '../../shared/http/routes/system';
import { openApiDocument } from '../../shared/http/openapi';

export const handler = apiHandler(systemRoutes, 'system', {
  health: async () =>
    (await tableReachable())
      ? { status: 'ok' }
      : new Reply(503, { type: 'about:blank', title: 'Service unavailable', status: 503, detail: 'The table cannot be reached.' }, { 'content-type': 'application/problem+json' }),
  // The document names the host it was fetched from, so a generated client needs no base URL.
  getOpenApiDocument: async ({ event }) =>
    openApiDocument(`${event.headers['x-forwarded-proto'] ?? 'https'}://${event.requestContext.domainName}`),
});
