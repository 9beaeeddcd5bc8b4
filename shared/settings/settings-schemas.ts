import * as z from '../schemas/zod';
import { Email } from '../schemas/common';
import { DEFAULT_TIME_ZONE, isTimeZone } from './local-time';
import { SenderText } from './sender';
import { lazySchema } from '../schemas/lazy-schema';

/** The fields a tenant may make required when a person is created. */
export const REQUIRABLE_FIELDS = [
  'phone',
  'birthDate',
  'partner',
  'specialInstructions',
  'shippingAddress',
  ...['company', 'line1', 'line2', 'city', 'region', 'postalCode', 'country', 'phone'].map(
    (field) => `billingAddress.${field}`,
  ),
  ...['company', 'line1', 'line2', 'city', 'region', 'postalCode', 'country', 'phone', 'email'].map(
    (field) => `shippingAddress.${field}`,
  ),
] as const;

/** `limits.maxOrderCents` when a winery has not set it: $100 000 (in cents). */
export const DEFAULT_MAX_ORDER_CENTS = 10_000_000;
/** The highest `limits.maxOrderCents` a winery may set ($10 000 000 000): far below any amount that loses a cent. */
const MAX_ORDER_CENTS_CEILING = 1_000_000_000_000;

/** A flag's key, as settings define it and people carry it (`flags`). */
export const FlagKey = /* @__PURE__ */ lazySchema(() => z.string().check(z.regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'must be a flag key: lowercase letters, digits, - and _')));

/** A winery-defined reason's key (what memberships store): like a flag key. */
export const ReasonKey = /* @__PURE__ */ lazySchema(() => z.string().check(z.regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'must be a reason key: lowercase letters, digits, - and _')));

function reasonList(min: number) {
  return z.array(z.strictObject({ key: ReasonKey, title: z.string().check(z.trim(), z.minLength(1), z.maxLength(80)) })).check(
    z.minLength(min),
    z.maxLength(30),
    z.refine((reasons) => new Set(reasons.map((r) => r.key)).size === reasons.length, 'must not repeat a reason key'),
  );
}

export type ClubReason = { key: string; title: string };

export const DEFAULT_CLUB_REASONS: { cancel: ClubReason[]; hold: ClubReason[] } = {
  cancel: [
    { key: 'price', title: 'Too expensive' },
    { key: 'too-much-wine', title: 'Too much wine' },
    { key: 'taste', title: 'Did not enjoy the wines' },
    { key: 'moving', title: 'Moving away' },
    { key: 'shipping', title: 'Shipping problems' },
    { key: 'other', title: 'Other' },
  ],
  hold: [
    { key: 'travel', title: 'Traveling' },
    { key: 'too-much-wine', title: 'Too much wine on hand' },
    { key: 'budget', title: 'Budget' },
    { key: 'weather', title: 'Shipping weather (heat or cold)' },
    { key: 'other', title: 'Other' },
  ],
};

export const DEFAULT_CLUB_SELF_SERVICE: {
  pause: { allowed: boolean; maxDaysPerYear: number };
  changeVariant: boolean;
  changeShipping: boolean;
  cancel: boolean;
} = {
  pause: { allowed: false, maxDaysPerYear: 90 },
  changeVariant: false,
  changeShipping: false,
  cancel: false,
};

/** The settings' fields, shared by the `PUT` body and the document `GET` answers. */
const SettingsFields = /* @__PURE__ */ lazySchema(() => ({
  /** The winery's name, shown in emails and on receipts. */
  wineryName: z.string().check(z.trim(), z.minLength(1), z.maxLength(120)),
  requiredFields: z.array(z.enum(REQUIRABLE_FIELDS)).check(
    z.maxLength(REQUIRABLE_FIELDS.length),
    z.refine((fields) => new Set(fields).size === fields.length, 'must not repeat a field'),
  ),
  flags: z.array(z.strictObject({ key: FlagKey, title: z.string().check(z.trim(), z.minLength(1), z.maxLength(80)) })).check(
    z.maxLength(100),
    z.refine((flags) => new Set(flags.map((f) => f.key)).size === flags.length, 'must not repeat a flag key'),
  ),
  features: z.strictObject({ cellar: z.boolean() }),
  ageVerification: z
    .strictObject({
      minimumAge: z.int().check(z.gte(18), z.lte(25)),
      provider: z.enum(['none', 'http']),
      /** HTTPS only: the call carries a person's identity; where it may go is checked again at call time. */
      endpoint: z.nullable(z.url({ protocol: /^https$/, error: 'must be an https:// URL' })),
      /**
       * Orders need the buyer verified (`ageVerification.status` `verified`). Defaults to true
       * (also when a client that predates the field leaves it out): selling wine to someone
       * unverified is the mistake to avoid, turning the check off is the admin's choice.
       */
      requiredForOrders: z.meta(z._default(z.boolean(), true), {
        description: 'Orders need the customer verified (`ageVerification.status` is `verified`). Default true.',
      }),
    })
    .check(
      z.refine((value) => value.provider !== 'http' || value.endpoint !== null, {
        message: 'is required when provider is http',
        path: ['endpoint'],
      }),
    ),
  email: z.strictObject({ from: z.nullable(SenderText), replyTo: z.nullable(Email) }),
  /**
   * Who hears about the winery's integrations (a webhook endpoint disabled after 5 days of
   * failures). Empty (the default, also for clients that predate the field): the reply-to address.
   */
  alertEmails: z.meta(z._default(z.array(Email).check(z.maxLength(10)), []), {
    description: "The winery's admins, emailed when a webhook endpoint is disabled after 5 days of failures. Empty: `email.replyTo`.",
  }),
  currency: z.string().check(z.regex(/^[A-Z]{3}$/, 'must be an ISO 4217 currency code')),
  /**
   * Where the winery is: emails and receipts show times in this zone. Defaults (also when a
   * client that predates the field leaves it out) to `DEFAULT_TIME_ZONE`.
   */
  timeZone: z.meta(
    z._default(
      z.string().check(z.maxLength(64), z.refine(isTimeZone, 'must be an IANA time zone name such as America/Los_Angeles')),
      DEFAULT_TIME_ZONE,
    ),
    {
      description: `The winery's IANA time zone (e.g. \`America/New_York\`): emails and receipts show times in it. Default \`${DEFAULT_TIME_ZONE}\`.`,
    },
  ),
  /**
   * Limits on money: an order worth more than `maxOrderCents` is refused (a typo of three zeros,
   * or a stolen session, costs at most that). Defaults (also for a client that predates the field)
   * to `DEFAULT_MAX_ORDER_CENTS`.
   */
  limits: z.meta(
    z._default(
      z.strictObject({
        maxOrderCents: z.meta(z.int().check(z.gte(1), z.lte(MAX_ORDER_CENTS_CEILING)), {
          description: 'The most an order may be worth (its total after the class discount, before applied credit), in minor units.',
        }),
      }),
      { maxOrderCents: DEFAULT_MAX_ORDER_CENTS },
    ),
    { description: `Limits on money. Default \`{ "maxOrderCents": ${DEFAULT_MAX_ORDER_CENTS} }\` ($100 000 in cents).` },
  ),
  /**
   * The winery's own reasons for cancelling a membership and for a hold (a pause): chosen by
   * key in the cancel and pause dialogs, stored by key, counted in each club's stats. Defaults
   * (also when a client that predates the field leaves it out): `DEFAULT_CLUB_REASONS`.
   */
  clubReasons: z.meta(
    z._default(z.strictObject({ cancel: reasonList(1), hold: reasonList(0) }), () => structuredClone(DEFAULT_CLUB_REASONS)),
    {
      description:
        'Reasons for cancelling (`cancel`, at least one) and for holds (`hold`), each `{ key, title }`: `POST …/cancel { reasonKey }` and `POST …/pause { reasonKey }` take a key of these. A key a winery removes stays on the memberships that hold it. Defaults to a common list.',
    },
  ),
  /**
   * What members may do themselves in the portal; all off by default (also when a client that
   * predates the field leaves it out). Beyond it the portal's club routes answer 403 `not-allowed`.
   */
  clubSelfService: z.meta(
    z._default(
      z.strictObject({
        pause: z.strictObject({
          allowed: z.boolean(),
          maxDaysPerYear: z.meta(z.int().check(z.gte(1), z.lte(366)), { description: 'Days a membership may be paused in a calendar year (UTC), all its pauses counted.' }),
        }),
        changeVariant: z.boolean(),
        changeShipping: z.boolean(),
        cancel: z.boolean(),
      }),
      () => structuredClone(DEFAULT_CLUB_SELF_SERVICE),
    ),
    {
      description:
        'What members may do with their memberships in the portal (all off by default): pause up to `maxDaysPerYear` days a calendar year, change variant, change shipping or pickup, cancel with a reason.',
    },
  ),
}));

/**
 * `PUT /v1/settings` takes the document `GET` returned: its read-only fields are accepted and
 * ignored, anything else unknown is an error.
 */
export const PutSettingsBody = /* @__PURE__ */ lazySchema(() => z.strictObject({
  ...SettingsFields,
  version: z.optional(z.unknown()),
  updatedAt: z.optional(z.unknown()),
}));
export type SettingsInput = Omit<z.infer<typeof PutSettingsBody>, 'version' | 'updatedAt'>;

export const Settings = /* @__PURE__ */ lazySchema(() => z.meta(z.object({ ...SettingsFields, version: z.int(), updatedAt: z.nullable(z.string()) }), { id: 'Settings' }));
export type Settings = z.infer<typeof Settings>;
export type ClubSelfService = Settings['clubSelfService'];
export type ClubReasons = Settings['clubReasons'];

export const DEFAULT_SETTINGS: SettingsInput = {
  wineryName: 'Our winery',
  requiredFields: [],
  flags: [],
  features: { cellar: false },
  ageVerification: { minimumAge: 21, provider: 'none', endpoint: null, requiredForOrders: true },
  email: { from: null, replyTo: null },
  alertEmails: [],
  currency: 'USD',
  timeZone: DEFAULT_TIME_ZONE,
  limits: { maxOrderCents: DEFAULT_MAX_ORDER_CENTS },
  clubReasons: DEFAULT_CLUB_REASONS,
  clubSelfService: DEFAULT_CLUB_SELF_SERVICE,
};
