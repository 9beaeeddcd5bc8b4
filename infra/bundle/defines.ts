import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { BuildOptions } from 'esbuild';
import { functionBundle } from './options';
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

/**
 * esbuild's options for a function's bundle as CDK builds it (`fn`: `api/system`), for the bench
 * and the tests that build one themselves; add `outfile` (or `write: false`) and `metafile`.
 */
export function functionBuildOptions(fn: string): BuildOptions {
  return {
    entryPoints: [`functions/${fn}.ts`],
    absWorkingDir: fileURLToPath(new URL('../..', import.meta.url)),
    bundle: true,
    ...functionBundle,
    mainFields: [...functionBundle.mainFields],
    banner: { js: functionBundle.banner },
    define: bundleDefines(fn),
    logLevel: 'silent',
  };
}
