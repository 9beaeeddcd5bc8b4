/**
 * Card numbers never enter the system. A text holds one when, read the way a person types or
 * pastes, it has 13 to 19 digits that pass the Luhn check:
 *
 * - digits of any script count (`４１１１`, `٤١١١`): NFKC folds full-width and other
 *   compatibility forms, and any other decimal digit (`\p{Nd}`) is read by its value;
 * - separators are skipped, any number of them in a row: whitespace of every kind (tabs,
 *   newlines, no-break and other Unicode spaces), invisible format characters, dashes of every
 *   kind, `.`, `_` and `/`. Digits joined by separators make a run of groups; any other
 *   character (a letter, `:`, `,`, a bracket) ends the run, so ids with letters (ULIDs,
 *   processor tokens), dates, times and phone numbers stay short;
 * - a whole run of 13–19 digits is checked; so is every stretch of a longer run where a card
 *   number can hide beside an expiry or a CVV (`4111 1111 1111 1111 12/30`, `12/30
 *   4111-1111-1111-1111`, `41111111111111111230`): the leading 13–19 digits of one group
 *   (digits glued on), or consecutive whole groups each but the last of at least 4 digits (how
 *   card numbers are printed and typed: 4-4-4-4, 4-6-5, 4-6-4). Not every window of a long
 *   run: almost any list of phone numbers or vintages has some 13–19 digit window that passes
 *   Luhn (one in ten does by chance), and refusing those would refuse ordinary notes.
 */
const SEPARATOR = /^[\s\p{Z}\p{Cf}\p{Pd}\u2212._/]$/u;
const DECIMAL_DIGIT = /^\p{Nd}$/u;
const MIN_DIGITS = 13;
const MAX_DIGITS = 19;

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

const digitValues = new Map<string, number | undefined>();

/**
 * The value of a decimal digit of any script, or undefined. Unicode assigns decimal digits only
 * in contiguous ranges from 0 to 9, so a digit's value is its distance from the first code
 * point of the contiguous run of digits it is in, modulo 10.
 */
function digitValue(char: string): number | undefined {
  if (char >= '0' && char <= '9') return char.charCodeAt(0) - 48;
  if (digitValues.has(char)) return digitValues.get(char);
  let value: number | undefined;
  if (DECIMAL_DIGIT.test(char)) {
    const codePoint = char.codePointAt(0)!;
    let zero = codePoint;
    while (DECIMAL_DIGIT.test(String.fromCodePoint(zero - 1))) zero -= 1;
    value = (codePoint - zero) % 10;
  }
  if (digitValues.size < 1024) digitValues.set(char, value);
  return value;
}

/** Whether a run of digit groups holds a card number, by the rule above. */
function runHoldsCard(groups: readonly string[]): boolean {
  const digits = groups.join('');
  if (digits.length < MIN_DIGITS) return false;
  if (digits.length <= MAX_DIGITS && passesLuhn(digits)) return true;
  for (let first = 0; first < groups.length; first += 1) {
    const group = groups[first]!;
    for (let length = MIN_DIGITS; length <= Math.min(MAX_DIGITS, group.length); length += 1) {
      if (passesLuhn(group.slice(0, length))) return true;
    }
    let stretch = '';
    for (let last = first; last < groups.length; last += 1) {
      stretch += groups[last];
      if (stretch.length > MAX_DIGITS) break;
      if (stretch.length >= MIN_DIGITS && passesLuhn(stretch)) return true;
      if (groups[last]!.length < 4) break;
    }
  }
  return false;
}

/**
 * Whether a text is plain ASCII with fewer than {@link MIN_DIGITS} digits, so it cannot hold a
 * card number (NFKC leaves ASCII as it is). Most texts are (ids, names, emails): they are let
 * through without the normalisation and the character-by-character reading below.
 */
function plainWithFewDigits(text: string): boolean {
  let digits = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code > 0x7f) return false;
    if (code >= 48 && code <= 57 && (digits += 1) >= MIN_DIGITS) return false;
  }
  return true;
}

export function containsCardNumber(text: string): boolean {
  if (plainWithFewDigits(text)) return false;
  let groups: string[] = [];
  let group = '';
  for (const char of text.normalize('NFKC')) {
    const value = digitValue(char);
    if (value !== undefined) {
      group += String(value);
      continue;
    }
    if (group !== '') groups.push(group);
    group = '';
    if (!SEPARATOR.test(char)) {
      if (runHoldsCard(groups)) return true;
      groups = [];
    }
  }
  if (group !== '') groups.push(group);
  return runHoldsCard(groups);
}
