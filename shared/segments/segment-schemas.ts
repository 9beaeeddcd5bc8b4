import * as z from '../schemas/zod';
import { CountryCode, Id, Instant } from '../schemas/common';
import { FlagKey } from '../settings/settings-schemas';
import { lazySchema } from '../schemas/lazy-schema';

/**
 * A segment: saved rules that pick people (`match: all` — every rule holds; `any` — at least
 * one), with the number of people it holds, counted live. Each field takes its own operators
 * and value; an unknown field or operator is a 400 that names it.
 */
const Days = /* @__PURE__ */ lazySchema(() => z.meta(z.int().check(z.gte(1), z.lte(36_500)), { description: 'A number of days (1–36500).' }));
const Amount = /* @__PURE__ */ lazySchema(() => z.int().check(z.gte(-1_000_000_000_000), z.lte(1_000_000_000_000)));

/** One rule shape: a field, the operators it takes, the value they compare with. */
function rule<F extends string, const O extends readonly [string, ...string[]], V extends z.ZodType>(field: F, ops: O, value: V, description: string) {
  return z.meta(
    z.strictObject({
      field: z.literal(field),
      op: z.enum(ops, { error: (issue) => `${JSON.stringify(issue.input)} is not an operator of ${field}: ${ops.join(' or ')}` }),
      value,
    }),
    { description },
  );
}

const ValueList = <V extends z.ZodType>(value: V) => z.array(value).check(z.minLength(1), z.maxLength(60));

/** A rule: one of the shapes below, told apart by `field`. */
export const SegmentRule = /* @__PURE__ */ lazySchema(() => {
  const rules = [
    rule('flag', ['has', 'hasNot'], FlagKey, 'People who hold (or do not hold) this flag.'),
    rule('classId', ['is', 'isNot'], Id, 'The effective class: their own, or the best of their clubs’.'),
    rule('clubId', ['memberOf', 'notMemberOf'], Id, 'An active or paused membership in the club.'),
    rule('region', ['in'], ValueList(z.string().check(z.trim(), z.minLength(1), z.maxLength(100))), "The default billing address's region (state), compared without case."),
    rule('country', ['in'], ValueList(CountryCode), "The default billing address's country."),
    rule('birthMonth', ['in'], ValueList(z.int().check(z.gte(1), z.lte(12))), 'The month of the birth date (1–12); people without one never match.'),
    rule('ageVerified', ['is'], z.boolean(), 'Whether their age was verified.'),
    rule('permissions.email', ['is'], z.boolean(), 'Whether they allow email.'),
    rule('permissions.sms', ['is'], z.boolean(), 'Whether they allow text messages.'),
    rule('permissions.phone', ['is'], z.boolean(), 'Whether they allow phone calls.'),
    rule('permissions.mail', ['is'], z.boolean(), 'Whether they allow mail.'),
    rule('createdAt', ['withinDays', 'notWithinDays'], Days, 'Created within the last `value` days (or not).'),
    rule(
      'lastOrderAt',
      ['withinDays', 'notWithinDays'],
      Days,
      'Placed an order within the last `value` days (or not: `notWithinDays` also matches people who never ordered).',
    ),
    rule('orderCount', ['gte', 'lte'], Amount, 'Placed orders, at least (gte) or at most (lte).'),
    rule('lifetimeValueCents', ['gte', 'lte'], Amount, 'The totals of placed orders added up, in cents.'),
    rule('creditBalanceCents', ['gte', 'lte'], Amount, 'The credit balance, in cents.'),
  ] as const;
  /** The fields a rule may name, in the order the console offers them. */
  const fields = rules.map((shape) => shape.shape.field.def.values[0]);
  return z.meta(
    z.discriminatedUnion('field', [...rules], {
      error: (issue) =>
        issue.code === 'invalid_union'
          ? `${JSON.stringify((issue.input as { field?: unknown } | undefined)?.field ?? null)} is not a field of segments: ${fields.join(', ')}`
          : undefined,
    }),
    { id: 'SegmentRule' },
  );
});
export type SegmentRule = z.infer<typeof SegmentRule>;

export const SegmentMatch = /* @__PURE__ */ lazySchema(() => z.meta(z.enum(['all', 'any']), { description: '`all`: every rule holds; `any`: at least one does.' }));

/** A tenant has at most this many segments: each person's change is weighed against all of them. */
export const MAX_SEGMENTS = 100;
export const MAX_RULES = 20;

const Rules = /* @__PURE__ */ lazySchema(() => z.array(SegmentRule).check(z.minLength(1), z.maxLength(MAX_RULES)));
const Name = /* @__PURE__ */ lazySchema(() => z.string().check(z.trim(), z.minLength(1), z.maxLength(100)));

export const SegmentDefinition = /* @__PURE__ */ lazySchema(() => z.strictObject({ match: SegmentMatch, rules: Rules }));
export type SegmentDefinition = z.infer<typeof SegmentDefinition>;

export const CreateSegmentBody = /* @__PURE__ */ lazySchema(() => z.strictObject({ name: Name, match: z._default(SegmentMatch, 'all'), rules: Rules }));
export type CreateSegmentBody = z.infer<typeof CreateSegmentBody>;

export const UpdateSegmentBody = /* @__PURE__ */ lazySchema(() => z.meta(
  z.partial(z.strictObject({ name: Name, match: SegmentMatch, rules: Rules })),
  { description: 'A change of `match` or `rules` counts the segment again in the background (`countedAt` is null until then).' },
));
export type UpdateSegmentBody = z.infer<typeof UpdateSegmentBody>;

export const Segment = /* @__PURE__ */ lazySchema(() => z.meta(
  z.object({
    id: Id,
    name: z.string(),
    match: SegmentMatch,
    rules: z.array(SegmentRule),
    count: z.meta(z.nullable(z.int()), {
      description:
        'The people the segment holds, kept live: a change to a person shows within seconds. Null while the segment is ' +
        'counted in the background, after it was created or its rules changed.',
    }),
    countedAt: z.meta(z.nullable(Instant), { description: 'When the background count of the current rules finished; null until then.' }),
    version: z.int(),
  }),
  { id: 'Segment' },
));
export type Segment = z.infer<typeof Segment>;

export const SegmentList = /* @__PURE__ */ lazySchema(() => z.meta(z.object({ items: z.array(Segment), nextCursor: z.nullable(z.string()) }), { id: 'SegmentList' }));

export const SegmentPath = /* @__PURE__ */ lazySchema(() => z.strictObject({ segmentId: Id }));

export const SegmentDryCount = /* @__PURE__ */ lazySchema(() => z.meta(
  z.object({
    count: z.meta(z.int(), { description: 'People the rules pick now.' }),
    people: z.meta(z.int(), { description: 'People they were weighed against: everyone in the winery, unless `complete` is false.' }),
    complete: z.meta(z.boolean(), {
      description: 'False when the winery is too big to weigh everyone within one request: `count` is of the first `people` only.',
    }),
  }),
  { id: 'SegmentDryCount' },
));
export type SegmentDryCount = z.infer<typeof SegmentDryCount>;

export const SegmentValues = /* @__PURE__ */ lazySchema(() => z.meta(
  z.object({
    regions: z.meta(z.array(z.string()), { description: "Regions of the people's default billing addresses, as first written, A to Z." }),
    countries: z.meta(z.array(z.string()), { description: "Countries of the people's default billing addresses, A to Z." }),
  }),
  { id: 'SegmentValues', description: 'What the console offers in the region and country pickers.' },
));
export type SegmentValues = z.infer<typeof SegmentValues>;
