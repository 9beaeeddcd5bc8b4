import { describe, expect, it } from '@jest/globals';
import * as z from '../../shared/schemas/zod';
import { fieldErrors, formatPath } from '../../shared/http/field-errors';
import { lazySchema } from '../../shared/schemas/lazy-schema';

describe('fieldErrors', () => {
  it('names every bad field, unknown keys one by one', () => {
    const schema = z.strictObject({ a: z.string(), b: z.strictObject({ c: z.int() }) });
    const result = schema.safeParse({ a: 1, b: { c: 'x', d: 1 }, e: 2 });
    expect(result.success).toBe(false);
    const paths = fieldErrors(result.error!).map((e) => e.path).sort();
    expect(paths).toEqual(['a', 'b.c', 'b.d', 'e']);
  });

  it("words zod's messages in English, as the console's friendly messages read them", () => {
    const Person = lazySchema(() => z.strictObject({ name: z.string().check(z.minLength(1)), age: z.int() }));
    const result = Person.safeParse({ name: '' });
    expect(fieldErrors(result.error!)).toEqual([
      { path: 'name', message: 'Too small: expected string to have >=1 characters' },
      { path: 'age', message: 'Invalid input: expected number, received undefined' },
    ]);
  });

  it('formats array indexes in brackets', () => {
    expect(formatPath(['lines', 0, 'sku'])).toBe('lines[0].sku');
  });
});
