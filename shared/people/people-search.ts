/**
 * How people are found without a Scan. Each person has entries in the people listings, one per
 * label; each entry sits on two indexes, so a list reads one partition in the order it shows:
 * gsi1 by last name, first name, id (`sort=name`) and gsi4 by customer number (`sort=number`
 * and `sort=newest`, read backwards). The labels:
 *
 * - `ALL`: everyone;
 * - `Q#<prefix>`: every prefix (up to PREFIX_CAP characters) of each name word (the first
 *   MAX_NAME_WORDS words of each name, and the name written as one word), of the email, of the
 *   national phone digits (3 or more); the local number without area code and the last four
 *   digits of the phone; the exact customer number;
 * - `FLAG#<key>`, `CLASS#<classId>`, `CLUB#<clubId>`: the filters.
 *
 * A search reads one partition, so its cost does not grow with the tenant. A query longer than
 * the cap, or of several words, reads the partition of its first word's capped prefix and
 * keeps the entries whose fields begin with every word (a filter that rarely drops anything).
 *
 * Every entry is a write whenever a listed field changes, so the search labels are bounded:
 * at most MAX_SEARCH_LABELS, however long the names are.
 */
export const PREFIX_CAP = 8;
const MIN_PHONE_PREFIX = 3;
/** Words of a name that get prefixes of their own ("Mary Ann Smith"), beyond which only whole-name prefixes find it. */
const MAX_NAME_WORDS = 3;
/** The bound on search labels per person; common names use about half of it. */
export const MAX_SEARCH_LABELS = 40;
/** The last digits of a phone that find it, as front desks read them back. */
const LAST_DIGITS = 4;

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
  /** The numbers of people merged into this one: each finds them, as their own number does. */
  mergedNumbers?: readonly number[];
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

/**
 * The digits of a number as dialled inside North America: a leading country code 1 of an
 * 11-digit number goes. Stored and queried numbers are compared in this form, so one set of
 * prefixes serves "+1 707 555 0101" and "707-555-0101".
 */
export function nationalDigits(digits: string): string {
  return digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
}

/** Name words without punctuation: "O'Brien-Smith" → obrien, smith, obriensmith. */
function nameTokens(name: string): string[] {
  const normalized = normalizeText(name);
  const words = normalized
    .split(/[\s-]+/)
    .map((word) => word.replace(/[^a-z0-9]/g, ''))
    .filter(Boolean)
    .slice(0, MAX_NAME_WORDS);
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
    sPhoneNational: nationalDigits(digits),
  };
}

/** The search fields a filter term may begin. */
export const SEARCH_FIELD_NAMES = ['sFirst', 'sLast', 'sEmail', 'sPhone', 'sPhoneNational'] as const;

/** The sort key of `sort=name`: last name, first name, then id so it is unique. */
export function nameSortKey(person: Pick<ListedPerson, 'firstName' | 'lastName' | 'id'>): string {
  return `${normalizeText(person.lastName)}\u0001${normalizeText(person.firstName)}\u0001${person.id}`;
}

/**
 * The sort key of `sort=number` and `sort=newest`: the customer number, zero-padded so text
 * order is number order. Numbers are taken in creation order, so one key serves both.
 */
export function numberSortKey(person: Pick<ListedPerson, 'customerNumber'>): string {
  return String(person.customerNumber).padStart(12, '0');
}

/** The search terms of a phone: prefixes of the national number, the local number, the last digits. */
function phoneTerms(phone: string | null): string[] {
  const national = nationalDigits(phoneDigits(phone));
  if (national.length < MIN_PHONE_PREFIX) return [];
  const terms = prefixes(national, MIN_PHONE_PREFIX);
  // A North American number without its area code (555-0101), as people give it locally.
  if (national.length === 10) terms.push(national.slice(3));
  if (national.length >= LAST_DIGITS + MIN_PHONE_PREFIX) terms.push(national.slice(-LAST_DIGITS));
  return terms;
}

/**
 * Every search term the person is found under, most telling first (number, phone, the first
 * word of each name, the email), so the bound can only drop prefixes of further name words.
 */
export function searchTerms(person: ListedPerson): string[] {
  const [lastWord = '', ...lastRest] = nameTokens(person.lastName);
  const [firstWord = '', ...firstRest] = nameTokens(person.firstName);
  const terms = new Set<string>([
    String(person.customerNumber),
    ...(person.mergedNumbers ?? []).map(String),
    ...phoneTerms(person.phone),
    ...prefixes(lastWord),
    ...prefixes(firstWord),
    ...prefixes(normalizeText(person.email)),
    ...[...lastRest, ...firstRest].flatMap((token) => prefixes(token)),
  ]);
  return [...terms].slice(0, MAX_SEARCH_LABELS);
}

/** The labels of the filters (and `ALL`): what lists without `q` read, and what the counts are kept by. */
export function filterLabels(person: Pick<ListedPerson, 'flags' | 'customerClassId' | 'effectiveClassId' | 'clubIds'>): string[] {
  const labels = new Set<string>(['ALL']);
  for (const flag of person.flags) labels.add(`FLAG#${flag}`);
  for (const classId of new Set([person.customerClassId, person.effectiveClassId])) {
    if (classId) labels.add(`CLASS#${classId}`);
  }
  for (const clubId of person.clubIds) labels.add(`CLUB#${clubId}`);
  return [...labels];
}

/** The label of one filter of a list query (`ALL` without one). */
export function filterLabel(filter: { flag?: string; classId?: string; clubId?: string }): string {
  if (filter.flag) return `FLAG#${filter.flag}`;
  if (filter.classId) return `CLASS#${filter.classId}`;
  if (filter.clubId) return `CLUB#${filter.clubId}`;
  return 'ALL';
}

/** Every listing label the person appears under. */
export function listingLabels(person: ListedPerson): string[] {
  return [...filterLabels(person), ...searchTerms(person).map((term) => `Q#${term}`)];
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
    const raw = phoneDigits(normalized);
    // "+1 707 …" names the country code: drop it as stored numbers do; a bare "1…" may be a
    // customer number or the start of a phone, so only a full 11-digit number loses it.
    const digits = normalized.startsWith('+1') && raw.length > 1 ? raw.slice(1) : nationalDigits(raw);
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
