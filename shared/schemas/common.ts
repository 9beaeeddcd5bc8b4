import * as z from './zod';
import { lazySchema } from './lazy-schema';

/** Opaque identifiers: ULIDs here, but clients must not rely on the format. */
export const Id = /* @__PURE__ */ lazySchema(() => z.string().check(z.minLength(1), z.maxLength(64), z.regex(/^[A-Za-z0-9_-]+$/, 'must be an id')));

/**
 * A tenant (winery) id: lower-case letters, digits and dashes. Keys are built as
 * `T#<tenant>#C#<person>`, so a tenant id with any other character (`#`) could reach into
 * another tenant's partitions.
 */
export const TenantId = /* @__PURE__ */ lazySchema(() => z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'must be 2-63 lower-case letters, digits or dashes, the first not a dash')));

/** `YYYY-MM-DD`, a real calendar date. */
export const IsoDate = /* @__PURE__ */ lazySchema(() => z.iso.date());

/** An ISO 8601 UTC instant. */
export const Instant = /* @__PURE__ */ lazySchema(() => z.iso.datetime());

export const Email = /* @__PURE__ */ lazySchema(() => z.meta(
  z.pipe(z.string().check(z.trim(), z.maxLength(254)), z.email()),
  { description: 'An email address; compared case-insensitively.' },
));

export const Money = /* @__PURE__ */ lazySchema(() => z.meta(z.int(), { description: 'An integer number of minor units (cents).' }));

/**
 * `?limit=&cursor=`: every list is bounded. `limit` is written in decimal digits only:
 * `Number()` (what `z.coerce` uses) also reads `0x10`, `1e1` and ` 5`, so the text is checked
 * before it becomes a number. The OpenAPI document shows the integer it stands for (zod leaves
 * out a default in front of a transform, hence the description).
 */
export const PageQuery = /* @__PURE__ */ lazySchema(() => z.strictObject({
  limit: z.meta(
    z._default(
      z.pipe(z.string().check(z.refine((text) => /^(?:[1-9]\d?|100)$/.test(text), 'must be a whole number from 1 to 100')), z.transform(Number)),
      25,
    ),
    { type: 'integer', minimum: 1, maximum: 100, description: 'Items per page, 1-100; 25 when absent.' },
  ),
  cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(2048))),
}));

export function listOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.nullable(z.string()) });
}

/** Who did it: stamped on every write and read back by the change history. */
export const Actor = /* @__PURE__ */ lazySchema(() => z.object({
  kind: z.enum(['staff', 'customer', 'system']),
  id: z.string(),
  name: z.nullable(z.string()),
  via: z.meta(z.optional(z.string()), { description: 'How a staff member made the change when not by hand, e.g. `import people.csv`.' }),
}));
export type Actor = z.infer<typeof Actor>;

export const Problem = /* @__PURE__ */ lazySchema(() => z.meta(
  z.object({
    type: z.string(),
    title: z.string(),
    status: z.int(),
    detail: z.optional(z.string()),
    errors: z.optional(z.array(z.object({ path: z.string(), message: z.string() }))),
  }),
  { id: 'Problem', description: 'RFC 9457 problem details.' },
));

/** ISO 3166-1 alpha-2 codes. */
const COUNTRY_CODES =
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
  'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR ' +
  'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO ' +
  'JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR ' +
  'MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO ' +
  'RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV ' +
  'TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW';
const countries = new Set(COUNTRY_CODES.split(' '));

export const CountryCode = /* @__PURE__ */ lazySchema(() => z.meta(
  z.string().check(z.trim(), z.toUpperCase(), z.refine((value) => countries.has(value), 'must be an ISO 3166-1 alpha-2 country code')),
  { description: 'ISO 3166-1 alpha-2 country code, e.g. US.' },
));
