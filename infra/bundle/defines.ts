import { gzipSync } from 'node:zlib';
import { openApiDocument } from '../../shared/http/openapi';

/**
 * Constants a function's bundle is built with (esbuild's `define`), by function (`api/system`).
 * CDK builds the deployed bundles with them (`infra/cdk/functions.ts`) and the bench measures
 * the same (`bench/bundles.ts`).
 *
 * `api/system` serves the OpenAPI document, which is built from every route's schemas: bundling
 * those (and zod's JSON Schema conversion) for one document made the function's cold start 1.6×
 * a bare handler's. So the document is built here, from the same schemas, when the function is
 * bundled, and carried as a gzipped, base64 string (36 KiB; the JSON is 450 KiB) that the
 * function unpacks on its first request (`functions/api/system.ts`). Run from the sources
 * (`npm start`, tests) the constant is absent and the function builds the document itself.
 */
export function bundleDefines(fn: string): Record<string, string> {
  if (fn !== 'api/system') return {};
  const packed = gzipSync(JSON.stringify(openApiDocument()), { level: 9 }).toString('base64');
  return { BUNDLED_OPENAPI_DOCUMENT: JSON.stringify(packed) };
}
