import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { API_SCHEMA_FILE, generateApiTypes } from '../../scripts/api-types';

/**
 * The web app's API types are generated from the OpenAPI document and checked in, so the web
 * build needs no server. This fails when a schema or route changed and `npm run api-types` was
 * not run: the console would otherwise be typechecked against an API that no longer exists.
 */
describe('web/src/lib/api-schema.d.ts', () => {
  it('matches the OpenAPI document the service serves (run `npm run api-types` when it does not)', async () => {
    const generated = await generateApiTypes();
    const checkedIn = readFileSync(API_SCHEMA_FILE, 'utf8');
    // Compared whole, but reported as a readable first difference rather than two 7 000-line strings.
    const firstDifference = generated.split('\n').findIndex((line, index) => line !== checkedIn.split('\n')[index]);
    expect({ stale: generated !== checkedIn, firstDifferentLine: generated === checkedIn ? null : firstDifference + 1 }).toEqual({ stale: false, firstDifferentLine: null });
  });
});
