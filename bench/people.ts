/**
 * Deterministic, realistic-looking people: common names drawn with a long-tailed (Zipf-like)
 * frequency, so search partitions have the skew a real winery's list has ("m" and "smith"
 * are big, "quintero" small). Person `i` is the same in every tenant, so the small tenant is
 * the first slice of the big one and their search partitions are alike in shape.
 */
const FIRST_NAMES = (
  'James Mary John Patricia Robert Jennifer Michael Linda William Elizabeth David Barbara Richard Susan Joseph Jessica ' +
  'Thomas Sarah Charles Karen Christopher Nancy Daniel Lisa Matthew Margaret Anthony Betty Mark Sandra Donald Ashley ' +
  'Steven Kimberly Paul Emily Andrew Donna Joshua Michelle Kenneth Carol Kevin Amanda Brian Dorothy George Melissa ' +
  'Timothy Deborah Ronald Stephanie Edward Rebecca Jason Sharon Jeffrey Laura Ryan Cynthia Jacob Kathleen Gary Amy ' +
  'Nicholas Angela Eric Shirley Jonathan Anna Stephen Brenda Larry Pamela Justin Emma Scott Nicole Brandon Helen ' +
  'Benjamin Samantha Samuel Katherine Gregory Christine Alexander Debra Frank Rachel Patrick Carolyn Raymond Janet ' +
  'Jack Catherine Dennis Maria Jerry Heather Tyler Diane Aaron Ruth Jose Julie Adam Olivia Nathan Joyce Henry Virginia ' +
  'Zoë José Renée Chloé Søren Björn Ana-Lucía Mary-Kate Jean-Luc'
).split(' ');

const LAST_NAMES = (
  'Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez Wilson Anderson ' +
  'Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark Ramirez Lewis Robinson Walker ' +
  'Young Allen King Wright Scott Torres Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell ' +
  'Carter Roberts Gomez Phillips Evans Turner Diaz Parker Cruz Edwards Collins Reyes Stewart Morris Morales Murphy ' +
  'Cook Rogers Gutierrez Ortiz Morgan Cooper Peterson Bailey Reed Kelly Howard Ramos Kim Cox Ward Richardson Watson ' +
  'Brooks Chavez Wood James Bennett Gray Mendoza Ruiz Hughes Price Alvarez Castillo Sanders Patel Myers Long Ross ' +
  'Foster Jimenez Powell Jenkins Perry Russell Sullivan Bell Coleman Butler Henderson Barnes Gonzales Fisher ' +
  "Vasquez Simmons Romero Jordan Patterson Alexander Hamilton Graham Reynolds Griffin Wallace Moreno West Cole " +
  "Hayes Bryant Herrera Gibson Ellis Tran Medina Aguilar Stevens Murray Ford Castro Marshall Owens Harrison " +
  "O'Brien McAllister Van-der-Berg Quintero Delacroix Müller Łukasiewicz Nakamura Okonkwo Haraldsdóttir"
).split(' ');

const DOMAINS = ['gmail.com', 'yahoo.com', 'outlook.com', 'icloud.com', 'hotmail.com', 'aol.com', 'napavalley.net', 'wine.club'];
const AREA_CODES = ['707', '415', '510', '916', '503', '206', '212', '310', '617', '312'];

export interface GeneratedPerson {
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
  readonly phone: string | null;
  readonly flags: string[];
  readonly customerClassId: string | null;
  readonly city: string;
  readonly hasShipping: boolean;
}

/** mulberry32: small, fast, good enough to spread names. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Zipf-like choice: rank r is drawn with weight 1/(r+4). */
function zipf<T>(values: readonly T[]): (u: number) => T {
  const weights = values.map((_, rank) => 1 / (rank + 4));
  const total = weights.reduce((a, b) => a + b, 0);
  const cumulative: number[] = [];
  weights.reduce((sum, weight, index) => (cumulative[index] = sum + weight / total), 0);
  return (u) => {
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) < u) lo = mid + 1;
      else hi = mid;
    }
    return values[lo] as T;
  };
}

const pickFirst = zipf(FIRST_NAMES);
const pickLast = zipf(LAST_NAMES);
const CITIES = ['Napa', 'Sonoma', 'Healdsburg', 'San Francisco', 'Oakland', 'Portland', 'Seattle', 'New York', 'Chicago', 'Boston'];

const slug = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

export function generatePerson(index: number): GeneratedPerson {
  const next = random(0x9e3779b9 ^ (index * 2654435761));
  const firstName = pickFirst(next());
  const lastName = pickLast(next());
  const first = slug(firstName);
  const last = slug(lastName);
  const style = next();
  const local =
    style < 0.45 ? `${first}.${last}` : style < 0.7 ? `${first[0]}${last}` : style < 0.85 ? `${last}.${first}` : `${first}${index % 97}`;
  const email = `${local}${index}@${DOMAINS[Math.floor(next() * DOMAINS.length)]}`;
  const phone =
    next() < 0.7
      ? `+1 (${AREA_CODES[Math.floor(next() * AREA_CODES.length)]}) ${String(200 + Math.floor(next() * 800))}-${String(Math.floor(next() * 10_000)).padStart(4, '0')}`
      : null;
  const flagRoll = next();
  const flags = flagRoll < 0.12 ? ['vip'] : flagRoll < 0.17 ? ['trade'] : flagRoll < 0.19 ? ['vip', 'allocation'] : [];
  const classRoll = next();
  const customerClassId = classRoll < 0.25 ? 'class-gold' : classRoll < 0.35 ? 'class-trade' : null;
  return {
    firstName,
    lastName,
    email,
    phone,
    flags,
    customerClassId,
    city: CITIES[Math.floor(next() * CITIES.length)] as string,
    hasShipping: next() < 0.3,
  };
}
