import { z } from '../schemas/zod';
import { Actor, CountryCode, Email, Id, Instant, IsoDate, Money, PageQuery, listOf } from '../schemas/common';
import { FlagKey } from '../settings/settings-schemas';
import { now } from '../clock';
import { lazySchema } from '../schemas/lazy-schema';

const Name = /* @__PURE__ */ lazySchema(() => z.string().trim().min(1).max(100));
const Text = (max: number) => z.string().trim().max(max);
const Phone = /* @__PURE__ */ lazySchema(() => z
  .string()
  .trim()
  .min(3)
  .max(40)
  .regex(/^[0-9+()./\s-]+(?:\s*(?:x|ext\.?)\s*\d+)?$/i, 'must be a phone number'));

/** The furthest any time zone is ahead of UTC (UTC+14, Kiribati). */
const FURTHEST_AHEAD_OF_UTC_MS = 14 * 60 * 60 * 1000;

/**
 * A birth date is in the past: one after today is a typing slip (`2031` for `1931`) that would
 * make age checks meaningless. "Today" is the latest date anywhere on Earth, so a person born
 * today in a zone ahead of UTC is never refused.
 */
const BirthDate = /* @__PURE__ */ lazySchema(() => IsoDate.refine(
  (date) => date <= new Date(now().getTime() + FURTHEST_AHEAD_OF_UTC_MS).toISOString().slice(0, 10),
  'must not be in the future',
).meta({ description: 'YYYY-MM-DD, not after today.' }));

/** Address fields as sent by a client. Shared by the customer create body and the addresses routes. */
export const AddressFields = /* @__PURE__ */ lazySchema(() => z.strictObject({
  firstName: Name.optional(),
  lastName: Name.optional(),
  company: Text(200).optional(),
  line1: Text(200).optional(),
  line2: Text(200).optional(),
  city: Text(100).optional(),
  region: Text(100).optional(),
  postalCode: Text(20).optional(),
  country: CountryCode.optional(),
  phone: Phone.optional(),
  email: Email.optional(),
}));

/** The billing address at creation names the account: first name, last name and email are required. */
export const BillingAddressInput = /* @__PURE__ */ lazySchema(() => AddressFields.extend({ firstName: Name, lastName: Name, email: Email }));
export const ShippingAddressInput = /* @__PURE__ */ lazySchema(() => AddressFields.extend({ firstName: Name, lastName: Name }));

export const Permissions = /* @__PURE__ */ lazySchema(() => z.strictObject({
  email: z.boolean(),
  sms: z.boolean(),
  phone: z.boolean(),
  mail: z.boolean(),
}));
export type Permissions = z.infer<typeof Permissions>;

const Flags = /* @__PURE__ */ lazySchema(() => z
  .array(FlagKey)
  .max(50)
  .refine((keys) => new Set(keys).size === keys.length, 'must not repeat a flag'));

export const CreateCustomerBody = /* @__PURE__ */ lazySchema(() => z.strictObject({
  billingAddress: BillingAddressInput,
  shippingAddress: ShippingAddressInput.optional(),
  phone: Phone.optional(),
  birthDate: BirthDate.optional(),
  partner: Text(200).optional(),
  flags: Flags.optional(),
  permissions: Permissions.partial().strict().optional(),
  customerClassId: Id.optional(),
  specialInstructions: Text(2000).optional(),
  sendWelcomeEmail: z.boolean().default(true),
}));
export type CreateCustomerBody = z.infer<typeof CreateCustomerBody>;

export const UpdateCustomerBody = /* @__PURE__ */ lazySchema(() => z
  .strictObject({
    firstName: Name,
    lastName: Name,
    email: Email,
    phone: Phone.nullable(),
    birthDate: BirthDate.nullable(),
    partner: Text(200).nullable(),
    flags: Flags,
    permissions: Permissions.partial().strict(),
    customerClassId: Id.nullable(),
    specialInstructions: Text(2000).nullable(),
    defaultBillingAddressId: Id,
    defaultShippingAddressId: Id.nullable(),
  })
  .partial());
export type UpdateCustomerBody = z.infer<typeof UpdateCustomerBody>;

/** A change of a person's fields: what PATCH may change, and what only an import sets. */
export type CustomerChange = UpdateCustomerBody & { externalId?: string };

export const AgeVerification = /* @__PURE__ */ lazySchema(() => z
  .object({
    status: z.enum(['unverified', 'pending', 'verified', 'failed']),
    method: z.enum(['manual', 'electronic']).nullable(),
    verifiedAt: Instant.nullable(),
    verifiedBy: Actor.nullable(),
    note: z.string().nullable().meta({ description: 'What staff noted with the check (e.g. the ID they saw).' }),
    checkedAt: Instant.nullable().meta({
      description:
        'When the last check was made: a manual one, or the last time the electronic provider was asked. A `pending` ' +
        'answer is asked again by posting `{ "method": "electronic" }` again.',
    }),
  })
  .meta({
    id: 'AgeVerification',
    description: 'Any change of the birth date resets it to `unverified` (the change history shows the reset).',
  }));
export type AgeVerification = z.infer<typeof AgeVerification>;

/** What a person is worth: their placed orders (a cancelled order is taken back), kept from the stream. */
export const PersonStats = /* @__PURE__ */ lazySchema(() => z
  .object({
    orderCount: z.int().meta({ description: 'Placed orders; a cancelled order no longer counts.' }),
    lifetimeValueCents: Money.meta({ description: 'The totals of those orders added up (what was charged: after discount and applied credit).' }),
    firstOrderAt: Instant.nullable().meta({ description: 'When the first of those orders was placed; null without one.' }),
    lastOrderAt: Instant.nullable().meta({ description: 'When the latest of those orders was placed; null without one.' }),
  })
  .meta({
    id: 'PersonStats',
    description: 'Read-only. Kept by a stream consumer: an order placed or cancelled shows here within seconds.',
  }));
export type PersonStats = z.infer<typeof PersonStats>;

export const Customer = /* @__PURE__ */ lazySchema(() => z
  .object({
    id: Id,
    customerNumber: z.int(),
    externalId: z.string().nullable().meta({ description: "The person's number in the system the winery imported them from (`POST /v1/customers/import`)." }),
    firstName: z.string(),
    lastName: z.string(),
    email: z.string(),
    phone: z.string().nullable(),
    birthDate: IsoDate.nullable(),
    partner: z.string().nullable(),
    flags: z.array(z.string()),
    permissions: Permissions,
    customerClassId: z.string().nullable(),
    specialInstructions: z.string().nullable(),
    defaultBillingAddressId: z.string().nullable(),
    defaultShippingAddressId: z.string().nullable(),
    creditBalanceCents: Money,
    ageVerification: AgeVerification,
    needsAgeVerification: z.boolean(),
    effectiveClassId: z.string().nullable(),
    isClubMember: z.boolean(),
    stats: PersonStats,
    createdAt: Instant,
    updatedAt: Instant,
    version: z.int(),
  })
  .meta({ id: 'Customer' }));
export type Customer = z.infer<typeof Customer>;

export const Address = /* @__PURE__ */ lazySchema(() => z
  .object({
    id: Id,
    kind: z.enum(['billing', 'shipping']),
    firstName: z.string().nullable(),
    lastName: z.string().nullable(),
    company: z.string().nullable(),
    line1: z.string().nullable(),
    line2: z.string().nullable(),
    city: z.string().nullable(),
    region: z.string().nullable(),
    postalCode: z.string().nullable(),
    country: z.string().nullable(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    isDefault: z.boolean(),
    version: z.int(),
  })
  .meta({ id: 'Address' }));
export type Address = z.infer<typeof Address>;



export const CustomerPath = /* @__PURE__ */ lazySchema(() => z.strictObject({ id: Id }));

/** The filters of the people list; they combine with AND. */
const PeopleFilter = /* @__PURE__ */ lazySchema(() => ({
  flag: FlagKey.optional().meta({ description: 'People with this flag.' }),
  classId: Id.optional().meta({ description: 'People whose own or effective class is this one.' }),
  clubId: Id.optional().meta({ description: 'People with an active or paused membership in this club.' }),
}));

export const CustomerSort = /* @__PURE__ */ lazySchema(() => z.enum(['name', 'number', 'newest']).meta({
  description:
    'name: last name, then first name (the default); number: customer number, highest first; newest: creation, newest ' +
    'first (customer numbers are taken in creation order, so this is the order of number). A cursor is only valid for the sort that produced it.',
}));

/** A segment's people: listed (and exported) in its own order, on their own (segments have rules for the rest). */
export const SegmentFilter = /* @__PURE__ */ lazySchema(() => ({
  segmentId: Id.optional().meta({
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
export const CustomerOrder = /* @__PURE__ */ lazySchema(() => z.enum(['asc', 'desc']).meta({
  description:
    "The direction of `sort`: `asc` (A to Z, lowest number first) or `desc`. When absent, the sort's own: `asc` for name, " +
    '`desc` for number and newest. A cursor is only valid for the sort and the direction that produced it.',
}));

export const ListCustomersQuery = /* @__PURE__ */ lazySchema(() => PageQuery.extend({
  q: z.string().trim().min(1).max(100).optional(),
  ...PeopleFilter,
  ...SegmentFilter,
  sort: CustomerSort.default('name'),
  order: CustomerOrder.optional(),
}).superRefine(aloneWithSegment));
export type ListCustomersQuery = z.infer<typeof ListCustomersQuery>;

/**
 * A person as lists show them: who they are, how to reach them, what the list filters on. The
 * rest (credit balance, addresses, versions…) is on `GET /v1/customers/{id}`. Lists are fed from
 * the stream, and a change of none of these fields costs them nothing.
 */
export const CustomerListItem = /* @__PURE__ */ lazySchema(() => Customer.pick({
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
}).meta({ id: 'CustomerListItem' }));
export type CustomerListItem = z.infer<typeof CustomerListItem>;

export const CustomerList = /* @__PURE__ */ lazySchema(() => listOf(CustomerListItem).meta({ id: 'CustomerList' }));

/** Counts are kept per filter, so at most one filter at a time. */
export const CustomerSummaryQuery = /* @__PURE__ */ lazySchema(() => z.strictObject(PeopleFilter).superRefine((query, context) => {
  const given = (['flag', 'classId', 'clubId'] as const).filter((name) => query[name] !== undefined);
  if (given.length < 2) return;
  for (const name of given) {
    context.addIssue({ code: 'custom', path: [name], message: 'counts take one filter at a time: flag, classId or clubId' });
  }
}));
export type CustomerSummaryQuery = z.infer<typeof CustomerSummaryQuery>;

export const CustomerSummary = /* @__PURE__ */ lazySchema(() => z
  .object({ people: z.int(), clubMembers: z.int() })
  .meta({ id: 'CustomerSummary' }));
