import { doubleMetaphone } from 'double-metaphone';
import { distance } from 'fastest-levenshtein';
import { sameByNickname } from './nicknames';

/**
 * Who might be the same person, decided without comparing everyone with everyone (pure: no I/O).
 * Each person is filed under a few **blocking keys** (their emails, phones, postal code with the
 * sound of their last name, birth date with it, street address); only people who share a key
 * are compared, and a pair is scored from what they share:
 *
 * | reason          | holds when                                                                   | weight |
 * |-----------------|------------------------------------------------------------------------------|-------:|
 * | `email`         | an email of one is an email of the other (own or additional)                 | 0.9    |
 * | `name-birthdate`| the same name (nicknames and accents aside) and the same birth date         | 0.85   |
 * | `name-address`  | the same name and the same postal code                                      | 0.75   |
 * | `similar-name`  | names alike but not the same (a typo, a nickname) with a shared address or phone | 0.6 |
 * | `phone`         | the same phone number (a household's shared line scores low without a name)  | 0.5 / 0.25 |
 *
 * The score is 1 − Π(1 − weight): reasons add up without passing 1. Names compare on their
 * normalized form (no accents, case or punctuation); given names also through the nickname
 * table (Bob ~ Robert); last names by Double Metaphone and a Levenshtein distance of 1.
 */
export type Reason = 'email' | 'phone' | 'name-address' | 'name-birthdate' | 'similar-name';

export interface MatchFeatures {
  id: string;
  firstName: string;
  lastName: string;
  emails: string[];
  phones: string[];
  /** Postal codes of the person's addresses. */
  postalCodes: string[];
  /** `<postal code>|<first address line>` of each address that has both. */
  streets: string[];
  birthDate: string | null;
}

/** Lower case, no accents, letters and digits only. */
export function normalizeName(value: string): string {
  return value.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]/g, '');
}

export const normalizePhone = (phone: string | null | undefined): string | null => {
  const digits = (phone ?? '').replace(/\D/g, '');
  const national = digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
  return national.length >= 7 ? national : null;
};

export const normalizePostal = (postal: string | null | undefined): string | null => {
  const value = (postal ?? '').toUpperCase().replace(/[^A-Z0-9]/g, '');
  return value.length >= 3 ? value : null;
};

export const normalizeStreet = (line: string | null | undefined): string | null => {
  const value = normalizeName(line ?? '');
  return value.length >= 3 ? value : null;
};

/** The sound of a last name, so Smith and Smyth, Meyer and Maier share a key. */
export function nameSound(lastName: string): string {
  const normalized = normalizeName(lastName);
  return normalized ? doubleMetaphone(normalized)[0] || normalized : '';
}

/** The blocking key of an email. */
export const emailKey = (email: string) => `E#${email.toLowerCase()}`;

/** The keys a person is filed under: whoever shares one is compared with them. */
export function blockingKeys(person: MatchFeatures, options: { withEmail?: boolean } = {}): string[] {
  const sound = nameSound(person.lastName);
  const keys = new Set<string>();
  if (options.withEmail !== false) for (const email of person.emails) keys.add(emailKey(email));
  for (const phone of person.phones) keys.add(`P#${phone}`);
  if (sound) for (const postal of person.postalCodes) keys.add(`Z#${postal}#${sound}`);
  if (sound && person.birthDate) keys.add(`B#${person.birthDate}#${sound}`);
  for (const street of person.streets) keys.add(`A#${street}`);
  return [...keys];
}

const shares = (a: readonly string[], b: readonly string[]) => a.some((value) => b.includes(value));

function firstNamesAlike(a: string, b: string): boolean {
  if (!a || !b) return false;
  if (sameByNickname(a, b)) return true;
  return distance(a, b) <= (Math.min(a.length, b.length) >= 6 ? 2 : 1);
}

function lastNamesAlike(a: string, b: string): boolean {
  if (!a || !b) return false;
  if (a === b) return true;
  if (Math.min(a.length, b.length) >= 4 && distance(a, b) <= 1) return true;
  const [a1, a2] = doubleMetaphone(a);
  const [b1, b2] = doubleMetaphone(b);
  return a1 === b1 || a1 === b2 || a2 === b1;
}

/** How alike two names are: the same (nicknames, case and accents aside), alike, or not. */
export function nameLikeness(a: Pick<MatchFeatures, 'firstName' | 'lastName'>, b: Pick<MatchFeatures, 'firstName' | 'lastName'>): 'same' | 'alike' | 'different' {
  const [af, al, bf, bl] = [a.firstName, a.lastName, b.firstName, b.lastName].map(normalizeName) as [string, string, string, string];
  const sameFirst = af === bf || sameByNickname(af, bf);
  if (sameFirst && al === bl && af !== '' && al !== '') return af === bf ? 'same' : 'alike';
  return firstNamesAlike(af, bf) && lastNamesAlike(al, bl) ? 'alike' : 'different';
}

export interface PairScore {
  reasons: Reason[];
  score: number;
}

export function scorePair(a: MatchFeatures, b: MatchFeatures): PairScore {
  const reasons: Reason[] = [];
  const weights: number[] = [];
  const add = (reason: Reason, weight: number) => {
    reasons.push(reason);
    weights.push(weight);
  };
  const names = nameLikeness(a, b);
  const emailShared = shares(a.emails.map((e) => e.toLowerCase()), b.emails.map((e) => e.toLowerCase()));
  const phoneShared = shares(a.phones, b.phones);
  const postalShared = shares(a.postalCodes, b.postalCodes);
  const streetShared = shares(a.streets, b.streets);
  if (emailShared) add('email', 0.9);
  if (names === 'same' && a.birthDate && a.birthDate === b.birthDate) add('name-birthdate', 0.85);
  if (names === 'same' && postalShared) add('name-address', 0.75);
  if (names === 'alike' && (streetShared || phoneShared || postalShared)) add('similar-name', 0.6);
  if (phoneShared) add('phone', names === 'different' ? 0.25 : 0.5);
  const score = 1 - weights.reduce((rest, weight) => rest * (1 - weight), 1);
  return { reasons, score: Math.round(score * 1000) / 1000 };
}

/** The id of the pair of two people, the same whichever is named first. */
export function pairIdOf(a: string, b: string): string {
  return a < b ? `${a}-${b}` : `${b}-${a}`;
}
