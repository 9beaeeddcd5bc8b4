import type { FieldError } from '../errors';

/**
 * The fields a tenant's settings make required, checked on a create body. A path names a
 * field (`phone`, `billingAddress.line1`) or a whole object (`shippingAddress`).
 */
export function missingRequiredFields(body: Record<string, unknown>, requiredFields: readonly string[]): FieldError[] {
  const errors: FieldError[] = [];
  for (const path of requiredFields) {
    let value: unknown = body;
    for (const part of path.split('.')) {
      value = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
    }
    if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
      errors.push({ path, message: 'is required by this winery’s settings' });
    }
  }
  return errors;
}
