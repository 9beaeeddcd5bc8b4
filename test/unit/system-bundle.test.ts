import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openApiDocument } from '../../shared/http/openapi';


/**
 * `api/system` as Lambda gets it: the OpenAPI document packed when the function is bundled
 * (`infra/bundle/defines.ts`), served as the document built from the schemas would be.
 */
describe('Bundle: api/system', () => {
  it('serves the document built from the schemas without bundling them', async () => {
    const esbuild = await import('esbuild');
    const { functionBuildOptions } = await import('../../infra/bundle/defines');
    const outDir = mkdtempSync(join(tmpdir(), 'system-bundle-'));
    try {
      const outfile = join(outDir, 'system.mjs');
      const result = await esbuild.build({ ...functionBuildOptions('api/system'), outfile, metafile: true });
      const inputs = Object.keys(Object.values(result.metafile.outputs)[0]!.inputs);
      // Neither the document's builder nor the other routes and their schemas.
      expect(inputs.filter((input) => /shared\/http\/(openapi|routes)\.ts|shared\/http\/routes\/(?!system)|-schemas\.ts/.test(input))).toEqual([]);

      const { handler } = (await import(pathToFileURL(outfile).href)) as { handler: (event: unknown, context: unknown) => Promise<{ statusCode: number; body: string }> };
      const event = {
        version: '2.0',
        routeKey: 'GET /openapi.json',
        rawPath: '/openapi.json',
        rawQueryString: '',
        headers: { 'x-forwarded-proto': 'https' },
        isBase64Encoded: false,
        requestContext: {
          accountId: 'test', apiId: 'test', domainName: 'api.example.com', domainPrefix: 'api', requestId: 'r1', routeKey: 'GET /openapi.json', stage: '$default',
          time: '07/Dec/2026:12:00:00 +0000', timeEpoch: 0, http: { method: 'GET', path: '/openapi.json', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'jest' },
        },
      };
      const answer = await handler(event, { awsRequestId: 'r1', functionName: 'system', getRemainingTimeInMillis: () => 10_000 });
      expect(answer.statusCode).toBe(200);
      expect(JSON.parse(answer.body)).toEqual(openApiDocument('https://api.example.com'));
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  }, 60_000);
});
