import { ApiProblem } from './api-problem';
import { formatCount } from './plural';

/**
 * A 400's `errors` keyed by their path (`billingAddress.email`, `lines.0.sku`), which is also
 * the form field's path, so each message shows next to its input. Errors on a whole object
 * (`shippingAddress`) stay keyed by that path; the form shows them on its section.
 *
 * The API words its messages for developers ("Too small: expected string to have >=1
 * characters"); staff read what to do instead ("Enter a last name").
 */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  if (!(error instanceof ApiProblem)) return {};
  const byPath: Record<string, string> = {};
  for (const { path, message } of error.errors) {
    const formPath = path.replace(/\[(\d+)\]/g, '.$1');
    byPath[formPath] ??= friendlyMessage(formPath, message);
  }
  return byPath;
}

/** What staff call a field, by the last part of its path. */
const FIELD_NAMES: Record<string, string> = {
  firstName: 'a first name',
  lastName: 'a last name',
  email: 'an email address',
  phone: 'a phone number',
  birthDate: 'a birth date',
  partner: 'a partner',
  line1: 'the first address line',
  line2: 'the second address line',
  city: 'a city',
  region: 'a state or region',
  postalCode: 'a postal code',
  country: 'a country',
  company: 'a company',
  body: 'the note',
  note: 'a note',
  reason: 'a reason',
  title: 'a title',
  name: 'a name',
  sku: 'a SKU',
  experience: 'the experience',
  startsAt: 'when it starts',
  specialInstructions: 'special instructions',
  cardholderName: 'the cardholder’s name',
};

function fieldName(path: string): string {
  const last = path.split('.').filter((part) => !/^\d+$/.test(part)).pop() ?? '';
  return FIELD_NAMES[last] ?? 'a value';
}

/** The API's message for a field, as an instruction. Messages already written for people pass through. */
export function friendlyMessage(path: string, message: string): string {
  if (/required by this winery/i.test(message)) return `Enter ${fieldName(path)}: this winery’s settings require it`;
  if (/received undefined|expected string to have >=1 character|^Required$|is required$/i.test(message)) return `Enter ${fieldName(path)}`;
  const tooLong = /expected string to have <=(\d+) character/.exec(message);
  if (tooLong) return `Use at most ${formatCount(Number(tooLong[1]))} characters`;
  const tooShort = /expected string to have >=(\d+) character/.exec(message);
  if (tooShort) return `Use at least ${tooShort[1]} characters`;
  if (/Invalid email/i.test(message)) return 'Enter an email address such as name@example.com';
  if (/Invalid ISO date|Invalid date/i.test(message)) return 'Enter a date';
  if (/Invalid option|Invalid enum/i.test(message)) return 'Choose one of the options';
  if (/^Too small: expected number to be >=(\S+)/.test(message)) return `Enter at least ${/>=(\S+)/.exec(message)![1]}`;
  if (/^Too big: expected number to be <=(\S+)/.test(message)) return `Enter at most ${/<=(\S+)/.exec(message)![1]}`;
  if (/expected (number|int)/i.test(message)) return 'Enter a number';
  if (message === 'is not a known field') return 'This field cannot be saved here';
  // "must be …" and the API's other sentences read well with a capital.
  return message.charAt(0).toUpperCase() + message.slice(1);
}
