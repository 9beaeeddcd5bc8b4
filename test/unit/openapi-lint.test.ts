import { afterAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApiDocument } from '../../shared/http/openapi';

/**
 * The served document passes the two linters front-end teams run on it: Redocly's
 * `recommended` rules and Spectral's `spectral:oas` ruleset, with no error and no warning.
 */
const bin = (name: string) => join(process.cwd(), 'node_modules', '.bin', name);

function run(command: string, args: string[], cwd: string): { code: number | null; output: string } {
  const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' };
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('the OpenAPI document', () => {
  const dir = mkdtempSync(join(tmpdir(), 'openapi-lint-'));
  writeFileSync(join(dir, 'openapi.json'), JSON.stringify(openApiDocument('https://api.example-winery.com'), null, 2));
  writeFileSync(join(dir, '.spectral.yaml'), 'extends: ["spectral:oas"]\n');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('passes Redocly recommended with no error and no warning', () => {
    const result = run(bin('redocly'), ['lint', '--extends', 'recommended', '--format', 'stylish', 'openapi.json'], dir);
    expect(result.output).toMatch(/Your API description is valid/);
    expect(result.output).not.toMatch(/\d+ (error|warning)s?\b/);
    expect(result.code).toBe(0);
  }, 60_000);

  it('writes an answer many routes share once, under components.responses, and names it from each route', () => {
    const document = openApiDocument() as {
      paths: Record<string, Record<string, { responses: Record<string, { $ref?: string; description?: string; content?: Record<string, unknown> }> }>>;
      components: { responses: Record<string, unknown> };
    };
    const inline = new Map<string, number>();
    for (const operations of Object.values(document.paths)) {
      for (const { responses } of Object.values(operations)) {
        expect([responses[400]?.$ref, responses[500]?.$ref, responses[503]?.$ref]).toEqual([
          '#/components/responses/BadRequest',
          '#/components/responses/InternalError',
          '#/components/responses/Busy',
        ]);
        for (const response of Object.values(responses)) {
          if (response.$ref) expect(document.components.responses).toHaveProperty(response.$ref.replace('#/components/responses/', ''));
          else if (response.content?.['application/problem+json']) inline.set(response.description!, (inline.get(response.description!) ?? 0) + 1);
        }
      }
    }
    // A problem written inline is a route's own (its `problems`), not one repeated everywhere.
    expect([...inline].filter(([, count]) => count > 5)).toEqual([]);
  });

  it("passes Spectral's oas ruleset with no problem", () => {
    const result = run(bin('spectral'), ['lint', '--fail-severity', 'warn', '--ruleset', '.spectral.yaml', 'openapi.json'], dir);
    expect(result.output).toMatch(/No results with a severity of 'error' found|no results/i);
    expect(result.output).not.toMatch(/warning/);
    expect(result.code).toBe(0);
  }, 60_000);
});
