import * as z from '../schemas/zod';
import { Actor, CountryCode, Email, Id, Instant, IsoDate, Money, PageQuery, listOf } from '../schemas/common';
import { FlagKey } from '../settings/settings-schemas';
import { now } from '../clock';
import { lazySchema } from '../schemas/lazy-schema';

const Name = /* @__PURE__ */ lazySchema(() => z.string().check(z.trim(), z.minLength(1), z.maxLength(100)));
const Text = (max: number) => z.string().check(z.trim(), z.maxLength(max));
const Phone = /* @__PURE__ */ lazySchema(() => z.string().check(
  z.trim(),
  z.minLength(3),
  z.maxLength(40),
  z.regex(/^[0-9+()./\s-]+(?:\s*(?:x|ext\.?)\s*\d+)?$/i, 'must be a phone number'),
));

/** The furthest any time zone is ahead of UTC (UTC+14, Kiribati). */
const FURTHEST_AHEAD_OF_UTC_MS = 14 * 60 * 60 * 1000;

/**
 * A birth date is in the past: one after today is a typing slip (`2031` for `1931`) that would
 * make age checks meaningless. "Today" is the latest date anywhere on Earth, so a person born
 * today in a zone ahead of UTC is never refused.
 */
const BirthDate = /* @__PURE__ */ lazySchema(() => z.meta(
  IsoDate.check(z.refine(
    (date) => date <= new Date(now().getTime() + FURTHEST_AHEAD_OF_UTC_MS).toISOString().slice(0, 10),
    'must not be in the future',
  )),
  { description: 'YYYY-MM-DD, not after today.' },
));

/** Address fields as sent by a client. Shared by the customer create body and the addresses routes. */
export const AddressFields = /* @__PURE__ */ lazySchema(() => z.strictObject({
  firstName: z.optional(Name),
  lastName: z.optional(Name),
  company: z.optional(Text(200)),
  line1: z.optional(Text(200)),
  line2: z.optional(Text(200)),
  city: z.optional(Text(100)),
  region: z.optional(Text(100)),
  postalCode: z.optional(Text(20)),
  country: z.optional(CountryCode),
  phone: z.optional(Phone),
  email: z.optional(Email),
}));

/** The billing address at creation names the account: first name, last name and email are required. */
export const BillingAddressInput = /* @__PURE__ */ lazySchema(() => z.extend(AddressFields, { firstName: Name, lastName: Name, email: Email }));
export const ShippingAddressInput = /* @__PURE__ */ lazySchema(() => z.extend(AddressFields, { firstName: Name, lastName: Name }));

export const Permissions = /* @__PURE__ */ lazySchema(() => z.strictObject({
  email: z.boolean(),
  sms: z.boolean(),
  phone: z.boolean(),
  mail: z.boolean(),
}));
export type Permissions = z.infer<typeof Permissions>;

const Flags = /* @__PURE__ */ lazySchema(() => z.array(FlagKey).check(
  z.maxLength(50),
  z.refine((keys) => new Set(keys).size === keys.length, 'must not repeat a flag'),
));

export const CreateCustomerBody = /* @__PURE__ */ lazySchema(() => z.strictObject({
  billingAddress: BillingAddressInput,
  shippingAddress: z.optional(ShippingAddressInput),
  phone: z.optional(Phone),
  birthDate: z.optional(BirthDate),
  partner: z.optional(Text(200)),
  flags: z.optional(Flags),
  permissions: z.optional(z.partial(Permissions)),
  customerClassId: z.optional(Id),
  specialInstructions: z.optional(Text(2000)),
  sendWelcomeEmail: z._default(z.boolean(), true),
}));
export type CreateCustomerBody = z.infer<typeof CreateCustomerBody>;

export const UpdateCustomerBody = /* @__PURE__ */ lazySchema(() => z.partial(z.strictObject({
  firstName: Name,
  lastName: Name,
  email: Email,
  phone: z.nullable(Phone),
  birthDate: z.nullable(BirthDate),
  partner: z.nullable(Text(200)),
  flags: Flags,
  permissions: z.partial(Permissions),
  customerClassId: z.nullable(Id),
  specialInstructions: z.nullable(Text(2000)),
  defaultBillingAddressId: Id,
  defaultShippingAddressId: z.nullable(Id),
})));
export type UpdateCustomerBody = z.infer<typeof UpdateCustomerBody>;

/** A change of a person's fields: what PATCH may change, and what only an import sets. */
export type CustomerChange = UpdateCustomerBody & { externalId?: string };

export const AgeVerification = /* @__PURE__ */ lazySchema(() => z.meta(
  z.object({
    status: z.enum(['unverified', 'pending', 'verified', 'failed']),
    method: z.nullable(z.enum(['manual', 'electronic'])),
    verifiedAt: z.nullable(Instant),
    verifiedBy: z.nullable(Actor),
    note: z.meta(z.nullable(z.string()), { description: 'What staff noted with the check (e.g. the ID they saw).' }),
    checkedAt: z.meta(z.nullable(Instant), {
      description:
        'When the last check was made: a manual one, or the last time the electronic provider was asked. A `pending` ' +
        'answer is asked again by posting `{ "method": "electronic" }` again.',
    }),
  }),
  {
    id: 'AgeVerification',
    description: 'Any change of the birth date resets it to `unverified` (the change history shows the reset).',
  },
));
export type AgeVerification = z.infer<typeof AgeVerification>;

/** What a person is worth: their placed orders (a cancelled order is taken back), kept from the stream. */
export const PersonStats = /* @__PURE__ */ lazySchema(() => z.meta(
  z.object({
    orderCount: z.meta(z.int(), { description: 'Placed orders; a cancelled order no longer counts.' }),
    lifetimeValueCents: z.meta(Money, { description: 'The totals of those orders added up (what was charged: after discount and applied credit).' }),
    firstOrderAt: z.meta(z.nullable(Instant), { description: 'When the first of those orders was placed; null without one.' }),
    lastOrderAt: z.meta(z.nullable(Instant), { description: 'When the latest of those orders was placed; null without one.' }),
  }),
  {
    id: 'PersonStats',
    description: 'Read-only. Kept by a stream consumer: an order placed or cancelled shows here within seconds.',
  },
));
export type PersonStats = z.infer<typeof PersonStats>;

export const Customer = /* @__PURE__ */ lazySchema(() => z.meta(
  z.object({
    id: Id,
    customerNumber: z.int(),
    externalId: z.meta(z.nullable(z.string()), { description: "The person's number in the system the winery imported them from (`POST /v1/customers/import`)." }),
    firstName: z.string(),
    lastName: z.string(),
    email: z.string(),
    phone: z.nullable(z.string()),
    birthDate: z.nullable(IsoDate),
    partner: z.nullable(z.string()),
    flags: z.array(z.string()),
    permissions: Permissions,
    customerClassId: z.nullable(z.string()),
    specialInstructions: z.nullable(z.string()),
    defaultBillingAddressId: z.nullable(z.string()),
    defaultShippingAddressId: z.nullable(z.string()),
    creditBalanceCents: Money,
    ageVerification: AgeVerification,
    needsAgeVerification: z.boolean(),
    effectiveClassId: z.nullable(z.string()),
    isClubMember: z.boolean(),
    stats: PersonStats,
    createdAt: Instant,
    updatedAt: Instant,
    version: z.int(),
  }),
  { id: 'Customer' },
));
export type Customer = z.infer<typeof Customer>;

export const Address = /* @__PURE__ */ lazySchema(() => z.meta(
  z.object({
    id: Id,
    kind: z.enum(['billing', 'shipping']),
    firstName: z.nullable(z.string()),
    lastName: z.nullable(z.string()),
    company: z.nullable(z.string()),
    line1: z.nullable(z.string()),
    line2: z.nullable(z.string()),
    city: z.nullable(z.string()),
    region: z.nullable(z.string()),
    postalCode: z.nullable(z.string()),
    country: z.nullable(z.string()),
    phone: z.nullable(z.string()),
    email: z.nullable(z.string()),
    isDefault: z.boolean(),
    version: z.int(),
  }),
  { id: 'Address' },
));
export type Address = z.infer<typeof Address>;



export const CustomerPath = /* @__PURE__ */ lazySchema(() => z.strictObject({ id: Id }));

/** The filters of the people list; they combine with AND. */
const PeopleFilter = /* @__PURE__ */ lazySchema(() => ({
  flag: z.meta(z.optional(FlagKey), { description: 'People with this flag.' }),
  classId: z.meta(z.optional(Id), { description: 'People whose own or effective class is this one.' }),
  clubId: z.meta(z.optional(Id), { description: 'People with an active or paused membership in this club.' }),
}));

export const CustomerSort = /* @__PURE__ */ lazySchema(() => z.meta(z.enum(['name', 'number', 'newest']), {
  description:
    'name: last name, then first name (the default); number: customer number, highest first; newest: creation, newest ' +
    'first (customer numbers are taken in creation order, so this is the order of number). A cursor is only valid for the sort that produced it.',
}));

/** A segment's people: listed (and exported) in its own order, on their own (segments have rules for the rest). */
export const SegmentFilter = /* @__PURE__ */ lazySchema(() => ({
  segmentId: z.meta(z.optional(Id), {
    description: "A segment's people (`/v1/segments`); it takes `sort`, `order`, `limit` and `cursor`, and neither `q` nor the other filters.",
  }),
}));

/** `segmentId` beside a search or another filter: each of those is named. */
export function aloneWithSegment(query: { segmentId?: string; q?: string; flag?: string; classId?: string; clubId?: string }, context: { addIssue: (issue: { code: 'custom'; path: string[]; message: string }) => void }) {
  if (query.segmentId === undefined) return;
  for (const name of ['q', 'flag', 'classId', 'clubId'] as const) {
    if (query[name] !== undefined) context.addIssue({ code: 'custom', path: [name], message: "does not combine with segmentId: a segment's rules say who is in it" });
  }
}
/** Each sort read the other way round: names Z to A, numbers lowest first (oldest first for `newest`). */
export const CustomerOrder = /* @__PURE__ */ lazySchema(() => z.meta(z.enum(['asc', 'desc']), {
  description:
    "The direction of `sort`: `asc` (A to Z, lowest number first) or `desc`. When absent, the sort's own: `asc` for name, " +
    '`desc` for number and newest. A cursor is only valid for the sort and the direction that produced it.',
}));

export const ListCustomersQuery = /* @__PURE__ */ lazySchema(() => z.extend(PageQuery, {
  q: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(100))),
  ...PeopleFilter,
  ...SegmentFilter,
  sort: z._default(CustomerSort, 'name'),
  order: z.optional(CustomerOrder),
}).check(z.superRefine(aloneWithSegment)));
export type ListCustomersQuery = z.infer<typeof ListCustomersQuery>;

/**
 * A person as lists show them: who they are, how to reach them, what the list filters on. The
 * rest (credit balance, addresses, versions…) is on `GET /v1/customers/{id}`. Lists are fed from
 * the stream, and a change of none of these fields costs them nothing.
 */
export const CustomerListItem = /* @__PURE__ */ lazySchema(() => z.meta(
  z.pick(Customer, {
    id: true,
    customerNumber: true,
    firstName: true,
    lastName: true,
    email: true,
    phone: true,
    flags: true,
    customerClassId: true,
    effectiveClassId: true,
    isClubMember: true,
    needsAgeVerification: true,
    stats: true,
    createdAt: true,
  }),
  { id: 'CustomerListItem' },
));
export type CustomerListItem = z.infer<typeof CustomerListItem>;

export const CustomerList = /* @__PURE__ */ lazySchema(() => z.meta(listOf(CustomerListItem), { id: 'CustomerList' }));

/** Counts are kept per filter, so at most one filter at a time. */
export const CustomerSummaryQuery = /* @__PURE__ */ lazySchema(() => z.strictObject(PeopleFilter).check(z.superRefine((query, context) => {
  const given = (['flag', 'classId', 'clubId'] as const).filter((name) => query[name] !== undefined);
  if (given.length < 2) return;
  for (const name of given) {
    context.addIssue({ code: 'custom', path: [name], message: 'counts take one filter at a time: flag, classId or clubId' });
  }
})));
export type CustomerSummaryQuery = z.infer<typeof CustomerSummaryQuery>;

export const CustomerSummary = /* @__PURE__ */ lazySchema(() => z.meta(z.object({ people: z.int(), clubMembers: z.int() }), { id: 'CustomerSummary' }));
