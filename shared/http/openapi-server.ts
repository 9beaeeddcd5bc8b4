/**
 * The OpenAPI document as served: `serverUrl` is the API's own base URL when known (the served
 * document names the host it was fetched from, so a generated client needs no base URL), else
 * the relative `/`. Apart from `openapi.ts`, which builds the document from the schemas, so that
 * a document packed when the function was bundled is served the same way.
 */
export function withServer<T extends object>(document: T, serverUrl = '/'): T & { servers: { url: string; description: string }[] } {
  return { ...document, servers: [{ url: serverUrl, description: serverUrl === '/' ? 'The host that serves this document.' : 'This API.' }] };
}
