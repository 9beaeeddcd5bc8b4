/**
 * CORS as the API answers it, in AWS (the HTTP API's `corsPreflight`, `infra/cdk/api.ts`) and
 * locally (the gateway): the headers a front end sends, the ones it may read, how long a
 * browser keeps a preflight. Allowed origins are per deployment (the web app's own origin in AWS,
 * any origin locally); methods come from the route table.
 */
export const cors = {
  allowHeaders: ['authorization', 'content-type', 'idempotency-key', 'if-match'],
  /** `ETag` for If-Match, `Location` of a new resource, `Retry-After` of a 429, the export's next page. */
  exposeHeaders: ['etag', 'location', 'retry-after', 'x-next-cursor'],
  maxAgeSeconds: 3600,
} as const;
