import type { FieldError } from '../errors';

/**
 * The fields a tenant's settings make required. A path names a field (`phone`,
 * `billingAddress.line1`) or a whole object (`shippingAddress`); empty text counts as missing.
 */
const REQUIRED_MESSAGE = 'is required by this winery’s settings';

function valueAt(body: unknown, path: string): unknown {
  let value = body;
  for (const part of path.split('.')) {
    value = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
  }
  return value;
}

const isEmpty = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/** On a create body (any JSON: it may be checked before its schema): every required field missing. */
export function missingRequiredFields(body: unknown, requiredFields: readonly string[]): FieldError[] {
  return requiredFields.filter((path) => isEmpty(valueAt(body, path))).map((path) => ({ path, message: REQUIRED_MESSAGE }));
}

/** On a change: a required field the change sets to null or empty text (fields left out keep their value). */
export function clearedRequiredFields(patch: object, requiredFields: readonly string[]): FieldError[] {
  return requiredFields
    .filter((path) => {
      const value = valueAt(patch, path);
      return value !== undefined && isEmpty(value);
    })
    .map((path) => ({ path, message: REQUIRED_MESSAGE }));
}
