import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { fieldErrors, formatPath } from '../../shared/http/field-errors';

describe('fieldErrors', () => {
  it('names every bad field, unknown keys one by one', () => {
    const schema = z.strictObject({ a: z.string(), b: z.strictObject({ c: z.int() }) });
    const result = schema.safeParse({ a: 1, b: { c: 'x', d: 1 }, e: 2 });
    expect(result.success).toBe(false);
    const paths = fieldErrors(result.error!).map((e) => e.path).sort();
    expect(paths).toEqual(['a', 'b.c', 'b.d', 'e']);
  });

  it('formats array indexes in brackets', () => {
    expect(formatPath(['lines', 0, 'sku'])).toBe('lines[0].sku');
  });
});
