import type { FieldError } from '../http/errors';

/**
 * Card numbers never enter the system: any run of 13 to 19 digits (spaces or dashes allowed
 * between them) that passes the Luhn check, in any string or number of a request body, makes
 * the request a 400 before anything is stored or logged. Staff send the payment processor's
 * token instead. Only whole runs count, so a longer id that merely contains such a window
 * is not mistaken for a card.
 */
const DIGIT_RUN = /\d(?:[ -]?\d)*/g;

export function passesLuhn(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i -= 1) {
    let digit = digits.charCodeAt(i) - 48;
    if (double) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
    double = !double;
  }
  return sum % 10 === 0;
}

export function containsCardNumber(text: string): boolean {
  for (const match of text.matchAll(DIGIT_RUN)) {
    const digits = match[0].replace(/[ -]/g, '');
    if (digits.length >= 13 && digits.length <= 19 && passesLuhn(digits)) return true;
  }
  return false;
}

/** The paths of every field of a parsed JSON body that holds a card number. */
export function cardNumberFields(value: unknown, path = ''): FieldError[] {
  if (typeof value === 'string' || typeof value === 'number') {
    return containsCardNumber(String(value))
      ? [{ path, message: "must not contain a card number; send the payment processor's token instead" }]
      : [];
  }
  if (Array.isArray(value)) return value.flatMap((item, index) => cardNumberFields(item, `${path}[${index}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => [
      ...cardNumberFields(key, path ? `${path}.${key}` : key),
      ...cardNumberFields(item, path ? `${path}.${key}` : key),
    ]);
  }
  return [];
}
