/**
 * How people are found without a Scan. Each person has entries in the people listings (index
 * gsi1), one per label, each sorted by last name, first name, id:
 *
 * - `ALL`: everyone;
 * - `Q#<prefix>`: every prefix (up to PREFIX_CAP characters) of each name word, of the email,
 *   of the phone digits (3 or more), and the exact customer number;
 * - `FLAG#<key>`, `CLASS#<classId>`, `CLUB#<clubId>`: the filters.
 *
 * A search reads one partition, so its cost does not grow with the tenant. A query longer than
 * the cap, or of several words, reads the partition of its first word's capped prefix and
 * keeps the entries whose fields begin with every word (a filter that rarely drops anything).
 */
export const PREFIX_CAP = 8;
const MIN_PHONE_PREFIX = 3;

export interface ListedPerson {
  id: string;
  customerNumber: number;
  firstName: string;
  lastName: string;
  email: string;
  phone: string | null;
  flags: readonly string[];
  customerClassId: string | null;
  effectiveClassId: string | null;
  clubIds: readonly string[];
}

/** Lower case, no accents, single spaces. */
export function normalizeText(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

export function phoneDigits(phone: string | null | undefined): string {
  return (phone ?? '').replace(/\D/g, '');
}

/** Name words without punctuation: "O'Brien-Smith" → obrien, smith, obriensmith. */
function nameTokens(name: string): string[] {
  const normalized = normalizeText(name);
  const words = normalized.split(/[\s-]+/).map((word) => word.replace(/[^a-z0-9]/g, ''));
  const whole = normalized.replace(/[^a-z0-9]/g, '');
  return [...new Set([...words, whole])].filter(Boolean);
}

function prefixes(token: string, min = 1): string[] {
  const out: string[] = [];
  for (let length = min; length <= Math.min(token.length, PREFIX_CAP); length += 1) out.push(token.slice(0, length));
  return out;
}

/** The fields a search filter compares with (normalized the way queries are). */
export function searchFields(person: Pick<ListedPerson, 'firstName' | 'lastName' | 'email' | 'phone'>) {
  const digits = phoneDigits(person.phone);
  return {
    sFirst: normalizeText(person.firstName).replace(/[^a-z0-9]/g, ''),
    sLast: normalizeText(person.lastName).replace(/[^a-z0-9]/g, ''),
    sEmail: normalizeText(person.email),
    sPhone: digits,
    sPhoneNational: digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits,
  };
}

/** The search fields a filter term may begin. */
export const SEARCH_FIELD_NAMES = ['sFirst', 'sLast', 'sEmail', 'sPhone', 'sPhoneNational'] as const;

/** The sort key of every listing: last name, first name, then id so it is unique. */
export function nameSortKey(person: Pick<ListedPerson, 'firstName' | 'lastName' | 'id'>): string {
  return `${normalizeText(person.lastName)}\u0001${normalizeText(person.firstName)}\u0001${person.id}`;
}

/** Every listing label the person appears under. */
export function listingLabels(person: ListedPerson): string[] {
  const labels = new Set<string>(['ALL']);
  const search = new Set<string>();
  for (const token of [...nameTokens(person.firstName), ...nameTokens(person.lastName)]) {
    for (const prefix of prefixes(token)) search.add(prefix);
  }
  for (const prefix of prefixes(normalizeText(person.email))) search.add(prefix);
  const digits = phoneDigits(person.phone);
  for (const prefix of prefixes(digits, MIN_PHONE_PREFIX)) search.add(prefix);
  // A North American number is also found without its country code.
  if (digits.length === 11 && digits.startsWith('1')) {
    for (const prefix of prefixes(digits.slice(1), MIN_PHONE_PREFIX)) search.add(prefix);
  }
  search.add(String(person.customerNumber));
  for (const prefix of search) labels.add(`Q#${prefix}`);
  for (const flag of person.flags) labels.add(`FLAG#${flag}`);
  for (const classId of new Set([person.customerClassId, person.effectiveClassId])) {
    if (classId) labels.add(`CLASS#${classId}`);
  }
  for (const clubId of person.clubIds) labels.add(`CLUB#${clubId}`);
  return [...labels];
}

export interface SearchPlan {
  /** The listing partition to read. */
  label: string;
  /** Terms each entry must still match (begins_with on one of the search fields), often none. */
  terms: string[];
}

/** Turns `q` into the one partition to read and the terms left to filter on. */
export function searchPlan(q: string): SearchPlan {
  const normalized = normalizeText(q);
  if (/^[\d\s()+.-]+$/.test(normalized) && /\d/.test(normalized)) {
    const digits = phoneDigits(normalized);
    return { label: `Q#${digits.slice(0, PREFIX_CAP)}`, terms: digits.length > PREFIX_CAP ? [digits] : [] };
  }
  const words = normalized
    .split(' ')
    .map((word) => (/[.@_+]/.test(word) ? word : word.replace(/[^a-z0-9]/g, '')))
    .filter(Boolean);
  const [first = normalized] = words;
  const label = `Q#${first.slice(0, PREFIX_CAP)}`;
  const needsFilter = words.length > 1 || first.length > PREFIX_CAP;
  return { label, terms: needsFilter ? words : [] };
}
