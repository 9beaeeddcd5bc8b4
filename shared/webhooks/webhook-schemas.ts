import * as z from '../schemas/zod';
import { Id, Instant, listOf } from '../schemas/common';
import { Customer } from '../people/customer-schemas';
import { Membership } from '../clubs/club-schemas';
import { Order } from '../commerce/order-schemas';
import { Reservation } from '../commerce/reservation-schemas';
import { EmailLog } from '../email/email-schemas';
import { refusedUrl } from '../outbound/public-address';
import { endpointPolicy } from './endpoint-policy';
import { lazySchema } from '../schemas/lazy-schema';

/** The events an endpoint can subscribe to (`ping` is only sent by `POST /v1/webhooks/{id}/test`). */
export const SUBSCRIBABLE_EVENT_TYPES = [
  'customer.created',
  'customer.updated',
  'customer.merged',
  'customer.erased',
  'membership.created',
  'membership.paused',
  'membership.resumed',
  'membership.switched',
  'membership.cancelled',
  'order.placed',
  'order.cancelled',
  'reservation.created',
  'reservation.cancelled',
  'email.bounced',
] as const;
export const EVENT_TYPES = [...SUBSCRIBABLE_EVENT_TYPES, 'ping'] as const;
export type WebhookEventType = (typeof EVENT_TYPES)[number];
export type SubscribableEventType = (typeof SUBSCRIBABLE_EVENT_TYPES)[number];

const EventSelection = /* @__PURE__ */ lazySchema(() => z.meta(
  z.array(z.enum([...SUBSCRIBABLE_EVENT_TYPES, '*'])).check(
    z.minLength(1),
    z.maxLength(SUBSCRIBABLE_EVENT_TYPES.length),
    z.refine((events) => new Set(events).size === events.length, 'must not repeat an event type'),
    z.refine((events) => !events.includes('*') || events.length === 1, '"*" stands alone: it already means every event'),
  ),
  { description: 'The event types sent to this endpoint, or `["*"]` for all of them (also those added later).' },
));

/**
 * What a URL must be before any DNS: https (or locally http://127.0.0.1), no credentials in it.
 * Where its host resolves is checked when it is saved and again before every attempt.
 */
const EndpointUrl = /* @__PURE__ */ lazySchema(() => z.meta(
  z.string().check(
    z.trim(),
    z.maxLength(2048),
    z.superRefine((url, context) => {
      const refusal = refusedUrl(url, endpointPolicy());
      if (refusal) context.addIssue({ code: 'custom', message: refusal });
    }),
  ),
  {
    description:
      'Where events are POSTed: an `https://` URL whose host resolves to public addresses only (checked when saved and again before every attempt). ' +
      'Locally (`npm start`), `http://127.0.0.1:<port>/…` is allowed too.',
  },
));

const Description = /* @__PURE__ */ lazySchema(() => z.string().check(z.trim(), z.maxLength(200)));

export const WebhookPath = /* @__PURE__ */ lazySchema(() => z.strictObject({ webhookId: Id }));
export const DeliveryPath = /* @__PURE__ */ lazySchema(() => z.strictObject({ webhookId: Id, deliveryId: Id }));

export const CreateWebhookBody = /* @__PURE__ */ lazySchema(() => z.strictObject({
  url: EndpointUrl,
  events: EventSelection,
  description: z.optional(Description),
}));
export type CreateWebhookBody = z.infer<typeof CreateWebhookBody>;

export const UpdateWebhookBody = /* @__PURE__ */ lazySchema(() => z
  .strictObject({
    url: z.optional(EndpointUrl),
    events: z.optional(EventSelection),
    description: z.optional(z.nullable(Description)),
    status: z.meta(z.optional(z.enum(['enabled', 'disabled'])), {
      description: 'Disable to stop sending (events are not kept for it meanwhile); enable to send again, which also clears `disabledReason`.',
    }),
  })
  .check(z.refine((body) => Object.keys(body).length > 0, 'must change at least one field')));
export type UpdateWebhookBody = z.infer<typeof UpdateWebhookBody>;

export const Webhook = /* @__PURE__ */ lazySchema(() => z.meta(
  z.object({
    id: Id,
    url: z.string(),
    events: z.array(z.string()),
    description: z.nullable(z.string()),
    status: z.enum(['enabled', 'disabled']),
    disabledReason: z.meta(z.nullable(z.string()), {
      description: 'Why the endpoint is disabled: `by-staff`, or `failing` (every attempt failed for 5 days; the admins were emailed).',
    }),
    failingSince: z.meta(z.nullable(Instant), { description: 'The first failed attempt since the last success; null while deliveries succeed.' }),
    createdAt: Instant,
    updatedAt: Instant,
    version: z.int(),
  }),
  { id: 'Webhook' },
));
export type Webhook = z.infer<typeof Webhook>;

export const WebhookWithSecret = /* @__PURE__ */ lazySchema(() => z.meta(
  z.extend(Webhook, {
    secret: z.meta(z.string(), {
      description:
        'The signing secret, `whsec_` + base64 of 32 random bytes. Shown only in this response: store it now. ' +
        'After a rotation the previous secret keeps signing beside it for 24 hours.',
    }),
  }),
  { id: 'WebhookWithSecret' },
));

export const WebhookList = /* @__PURE__ */ lazySchema(() => z.meta(listOf(Webhook), { id: 'WebhookList' }));

export const Delivery = /* @__PURE__ */ lazySchema(() => z.meta(
  z.object({
    id: Id,
    eventId: z.meta(Id, { description: 'The event id: the `webhook-id` header of every attempt.' }),
    eventType: z.enum(EVENT_TYPES),
    status: z.meta(z.enum(['pending', 'succeeded', 'failed']), {
      description: 'pending (waiting for its next attempt), succeeded (a 2xx within 10 s), failed (retries ran out, or the endpoint was disabled).',
    }),
    attempts: z.int(),
    lastStatusCode: z.meta(z.nullable(z.int()), { description: 'The HTTP status of the last attempt, when it got one.' }),
    lastError: z.meta(z.nullable(z.string()), {
      description: "Why the last attempt failed, in our words (the endpoint's own answer is never shown).",
    }),
    nextAttemptAt: z.nullable(Instant),
    createdAt: Instant,
  }),
  { id: 'WebhookDelivery' },
));
export type Delivery = z.infer<typeof Delivery>;

export const DeliveryList = /* @__PURE__ */ lazySchema(() => z.meta(listOf(Delivery), { id: 'WebhookDeliveryList' }));

// ── What is sent ────────────────────────────────────────────────────────────────────────────

/** Resources that live under a person name the person too, which their API shape leaves to the path. */
const OfPerson = /* @__PURE__ */ lazySchema(() => ({ customerId: z.meta(Id, { description: 'The person it belongs to.' }) }));

const CustomerMerged = /* @__PURE__ */ lazySchema(() => z.meta(
  z.object({ id: Id, customerNumber: z.int(), mergedInto: z.meta(Id, { description: 'The person who absorbed this one.' }) }),
  { id: 'CustomerMergedData', description: 'The absorbed person: `GET /v1/customers/{id}` now answers 410 with `mergedInto`.' },
));
const CustomerErased = /* @__PURE__ */ lazySchema(() => z.meta(
  z.object({ id: Id, customerNumber: z.int(), erasedAt: Instant }),
  { id: 'CustomerErasedData', description: 'As `POST /v1/customers/{id}/erase` answers: no personal data.' },
));
const MembershipOfPerson = /* @__PURE__ */ lazySchema(() => z.meta(z.extend(Membership, OfPerson), { id: 'MembershipEventData' }));
const EmailLogOfPerson = /* @__PURE__ */ lazySchema(() => z.meta(z.extend(EmailLog, OfPerson), { id: 'EmailLogEventData' }));
const Ping = /* @__PURE__ */ lazySchema(() => z.meta(
  z.object({ webhookId: Id, url: z.string() }),
  { id: 'PingData', description: 'Sent by `POST /v1/webhooks/{id}/test`.' },
));

/** Each event type and the shape of its `data`. */
export const EVENT_DATA: Readonly<Record<WebhookEventType, { schema: z.ZodType; summary: string }>> = {
  'customer.created': { schema: Customer, summary: 'A person was created (by staff, an import, or the portal).' },
  'customer.updated': { schema: Customer, summary: 'A field of the person as the API shows it changed (not for password changes).' },
  'customer.merged': { schema: CustomerMerged, summary: 'The person was merged into another one.' },
  'customer.erased': { schema: CustomerErased, summary: "The person's personal data was erased." },
  'membership.created': { schema: MembershipOfPerson, summary: 'A person joined a club.' },
  'membership.paused': { schema: MembershipOfPerson, summary: 'A membership was paused (or its pause moved).' },
  'membership.resumed': { schema: MembershipOfPerson, summary: 'A paused membership is active again.' },
  'membership.switched': { schema: MembershipOfPerson, summary: 'A membership moved to another club.' },
  'membership.cancelled': { schema: MembershipOfPerson, summary: 'A membership was cancelled.' },
  'order.placed': { schema: Order, summary: 'An order was placed.' },
  'order.cancelled': { schema: Order, summary: 'An order was cancelled.' },
  'reservation.created': { schema: Reservation, summary: 'A reservation was made.' },
  'reservation.cancelled': { schema: Reservation, summary: 'A reservation was cancelled.' },
  'email.bounced': { schema: EmailLogOfPerson, summary: "An email to the person bounced (SES's bounce event)." },
  ping: { schema: Ping, summary: 'A test event.' },
};

/** The body of every delivery, whatever its type. */
export function eventEnvelope(type: WebhookEventType) {
  return z.meta(
    z.object({
      id: z.meta(Id, { description: 'The event id, also the `webhook-id` header: the same on every attempt. Use it to drop duplicates.' }),
      type: z.literal(type),
      createdAt: z.meta(Instant, { description: 'When the change happened.' }),
      data: EVENT_DATA[type].schema,
    }),
    { description: EVENT_DATA[type].summary },
  );
}

/** An event as stored and sent. */
export interface WebhookEvent {
  readonly id: string;
  readonly type: WebhookEventType;
  readonly createdAt: string;
  readonly data: unknown;
}
