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

  it("passes Spectral's oas ruleset with no problem", () => {
    const result = run(bin('spectral'), ['lint', '--fail-severity', 'warn', '--ruleset', '.spectral.yaml', 'openapi.json'], dir);
    expect(result.output).toMatch(/No results with a severity of 'error' found|no results/i);
    expect(result.output).not.toMatch(/warning/);
    expect(result.code).toBe(0);
  }, 60_000);
});
