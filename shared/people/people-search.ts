/**
 * How a search sees a person and a query, pure (no I/O): the person's *search words* (the
 * words of their names, the whole names, their email, their phone as dialled, without area
 * code and by its last four digits, their customer number) and the query's words. A person
 * matches a query when every word of the query begins one of their search words, in any order
 * (`john smith`, `smith john`, `mary ann`); the customer number matches only whole.
 *
 * Where these words are kept and how a search reads them is the listing's
 * (`people-listing.ts`, `people-list.ts`).
 */
/** Words of a name that are search words of their own ("Mary Ann Smith"); the whole name is one too. */
const MAX_NAME_WORDS = 3;
/** Phone digits that make a search word: fewer cannot tell anyone apart. */
const MIN_PHONE_DIGITS = 3;
/** The last digits of a phone that find it, as front desks read them back. */
const LAST_DIGITS = 4;
/** Marks the customer number among the search words: it matches only whole (`1042` is not `10420`). */
const NUMBER_MARK = '#';

export interface SearchablePerson {
  readonly customerNumber: number;
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
  readonly phone: string | null;
  /** The numbers of people merged into this one: each finds them, as their own number does. */
  readonly mergedNumbers?: readonly number[];
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
 * words serves "+1 707 555 0101" and "707-555-0101".
 */
export function nationalDigits(digits: string): string {
  return digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
}

/** Name words without punctuation, and the whole name as one word: "O'Brien-Smith" → obrien, smith, obriensmith. */
function nameWords(name: string): string[] {
  const normalized = normalizeText(name);
  const words = normalized
    .split(/[\s-]+/)
    .map((word) => word.replace(/[^a-z0-9]/g, ''))
    .filter(Boolean)
    .slice(0, MAX_NAME_WORDS);
  return [...words, normalized.replace(/[^a-z0-9]/g, '')].filter(Boolean);
}

/** The phone's search words: the national number, the local number without area code, the last four digits. */
function phoneWords(phone: string | null): string[] {
  const national = nationalDigits(phoneDigits(phone));
  if (national.length < MIN_PHONE_DIGITS) return [];
  const words = [national];
  // A North American number without its area code (555-0101), as people give it locally.
  if (national.length === 10) words.push(national.slice(3));
  if (national.length >= LAST_DIGITS + MIN_PHONE_DIGITS) words.push(national.slice(-LAST_DIGITS));
  return words;
}

/**
 * Every search word of a person, each once, in a stable order. The customer number, and those of
 * the people merged into this one, are marked (`#1042`): they match a query word only whole.
 */
export function searchWords(person: SearchablePerson): string[] {
  return [
    ...new Set([
      ...nameWords(person.lastName),
      ...nameWords(person.firstName),
      normalizeText(person.email),
      ...phoneWords(person.phone),
      `${NUMBER_MARK}${person.customerNumber}`,
      ...(person.mergedNumbers ?? []).map((number) => `${NUMBER_MARK}${number}`),
    ]),
  ];
}

/** A search word as text (the number without its mark): what the listing keys words by. */
export const wordText = (word: string) => (word.startsWith(NUMBER_MARK) ? word.slice(NUMBER_MARK.length) : word);

/** Whether a query word finds a search word: the word begins with it, or is the customer number itself. */
export function wordMatches(word: string, queryWord: string): boolean {
  return word.startsWith(NUMBER_MARK) ? word.slice(NUMBER_MARK.length) === queryWord : word.startsWith(queryWord);
}

/** Every query word begins one of the person's search words (any order; two words may find the same one). */
export function matchesAll(words: readonly string[], queryWords: readonly string[]): boolean {
  return queryWords.every((queryWord) => words.some((word) => wordMatches(word, queryWord)));
}

/**
 * A person's search words as one text, each after a space and the last before one
 * (` smith john john@example.com #1042 `): what each listing entry holds of them, so that
 * DynamoDB can apply `matchesAll` to what a Query reads (`matchesAllFilter`). Words hold no spaces.
 */
export const searchText = (words: readonly string[]) => ` ${words.join(' ')} `;

/** The words of a `searchText`. */
export const wordsOfText = (text: string) => text.split(' ').filter((word) => word !== '');

/**
 * `matchesAll` as a DynamoDB filter on the entries' `searchText`: a query word begins a word when
 * the text holds a space and the query word (a number word begins with its mark, which a query
 * word never holds), and digits are also the customer number when the text holds ` #<digits> `.
 * DynamoDB reads (and bills) a Query's page as before, but answers only the entries the filter
 * keeps: a two-word search in a big winery gets back its matches, not a whole 1 MB page of its
 * longest word's entries to parse. The caller still checks each entry (`matchesAll`); entries
 * written before they held a `searchText` pass the filter and are checked the same way.
 */
export function matchesAllFilter(queryWords: readonly string[]): {
  FilterExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues: Record<string, string>;
} {
  const values: Record<string, string> = {};
  // Per query word, the texts that find it (DynamoDB refuses parentheses it does not need).
  const finds = queryWords.map((queryWord, i) => {
    values[`:word${i}`] = ` ${queryWord}`;
    if (!/^\d+$/.test(queryWord)) return [`contains(#searchText, :word${i})`];
    values[`:number${i}`] = ` ${NUMBER_MARK}${queryWord} `;
    return [`contains(#searchText, :word${i})`, `contains(#searchText, :number${i})`];
  });
  const everyWord =
    finds.length === 1 ? finds[0]!.join(' OR ') : `(${finds.map((texts) => (texts.length === 1 ? texts[0] : `(${texts.join(' OR ')})`)).join(' AND ')})`;
  return {
    FilterExpression: `attribute_not_exists(#searchText) OR ${everyWord}`,
    ExpressionAttributeNames: { '#searchText': 'searchText' },
    ExpressionAttributeValues: values,
  };
}

/**
 * The query's words, normalized the way search words are. Digits alone (with phone punctuation)
 * are one word: "+1 (707) 555-0101" is 7075550101 (a typed +1 names the country code; a bare
 * leading 1 may be a customer number, so only a whole 11-digit number loses it). A word with
 * `.`, `@`, `_` or `+` keeps them (an email); other words lose their punctuation (o'bri → obri).
 */
export function queryWords(q: string): string[] {
  const normalized = normalizeText(q);
  if (/^[\d\s()+.-]+$/.test(normalized) && /\d/.test(normalized)) {
    const raw = phoneDigits(normalized);
    return [normalized.startsWith('+1') && raw.length > 1 ? raw.slice(1) : nationalDigits(raw)];
  }
  const words = normalized
    .split(' ')
    .map((word) => (/[.@_+]/.test(word) ? word : word.replace(/[^a-z0-9]/g, '')))
    .filter(Boolean);
  return [...new Set(words)];
}

/** The query word whose matches a search reads: the longest (the most telling), the last of equals. */
export function rangeWord(words: readonly string[]): string {
  return words.reduce((best, word) => (word.length >= best.length ? word : best), '');
}

/** The sort key of `sort=name`: last name, first name, then id so it is unique. */
export function nameSortKey(person: { firstName: string; lastName: string; id: string }): string {
  return `${normalizeText(person.lastName)}\u0001${normalizeText(person.firstName)}\u0001${person.id}`;
}

/**
 * The sort key of `sort=number` and `sort=newest`: the customer number, zero-padded so text
 * order is number order. Numbers are taken in creation order, so one key serves both.
 */
export function numberSortKey(person: { customerNumber: number }): string {
  return String(person.customerNumber).padStart(12, '0');
}
