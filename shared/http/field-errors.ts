import type * as z from '../schemas/zod';
import type { FieldError } from '../errors';

/** `['lines', 0, 'sku']` → `lines[0].sku`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else text += text === '' ? String(part) : `.${String(part)}`;
  }
  return text;
}

/** Every problem zod found, one entry per field; unknown keys are listed one by one. */
export function fieldErrors(error: z.ZodError, prefix = ''): FieldError[] {
  const errors: FieldError[] = [];
  for (const issue of error.issues) {
    const base = prefix ? [prefix, ...issue.path] : issue.path;
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) errors.push({ path: formatPath([...base, key]), message: 'is not a known field' });
    } else {
      errors.push({ path: formatPath(base), message: issue.message });
    }
  }
  return errors;
}
