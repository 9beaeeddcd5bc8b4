import { ValidationError, type FieldError } from '../errors';
import type { CreateCustomerBody, UpdateCustomerBody } from './customer-schemas';
import type { Settings } from '../settings/settings-schemas';
import { missingRequiredFields } from './required-fields';

function flagErrors(flags: readonly string[] | undefined, settings: Settings): FieldError[] {
  const known = new Set(settings.flags.map((flag) => flag.key));
  const errors: FieldError[] = [];
  (flags ?? []).forEach((flag, index) => {
    if (!known.has(flag)) errors.push({ path: `flags[${index}]`, message: 'is not a flag defined in settings' });
  });
  return errors;
}

/** A new person against the winery's settings: required fields present, flags defined. */
export function checkNewCustomer(body: CreateCustomerBody, settings: Settings): void {
  const errors = [
    ...missingRequiredFields(body as unknown as Record<string, unknown>, settings.requiredFields),
    ...flagErrors(body.flags, settings),
  ];
  if (errors.length > 0) throw new ValidationError(errors);
}

/** A change to a person against the winery's settings: flags defined. */
export function checkCustomerChange(body: UpdateCustomerBody, settings: Settings): void {
  const errors = flagErrors(body.flags, settings);
  if (errors.length > 0) throw new ValidationError(errors);
}
