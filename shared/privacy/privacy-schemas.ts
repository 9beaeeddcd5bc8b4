import * as z from '../schemas/zod';
import { Actor, Instant } from '../schemas/common';
import { Address, Customer } from '../people/customer-schemas';
import { Card, CustomerEmail } from '../people/profile-schemas';
import { Change, Note, TimelineEntry } from '../history/history-schemas';
import { Membership } from '../clubs/club-schemas';
import { Certificate } from '../clubs/certificate-schemas';
import { CreditEntry } from '../commerce/credit-schemas';
import { Order } from '../commerce/order-schemas';
import { Reservation } from '../commerce/reservation-schemas';
import { CellarItem } from '../commerce/cellar-schemas';
import { EmailLog } from '../email/email-schemas';
import { lazySchema } from '../schemas/lazy-schema';

/** `GET /v1/customers/{id}/privacy-export`: everything held about the person, as the API shows each kind. */
export const PrivacyExport = /* @__PURE__ */ lazySchema(() => z.meta(
  z.object({
    exportedAt: Instant,
    exportedBy: Actor,
    customer: Customer,
    addresses: z.array(Address),
    cards: z.meta(z.array(Card), { description: 'Cards on file, without the processor tokens.' }),
    emails: z.array(CustomerEmail),
    notes: z.array(Note),
    memberships: z.array(Membership),
    certificates: z.array(Certificate),
    credits: z.array(CreditEntry),
    orders: z.array(Order),
    reservations: z.array(Reservation),
    cellar: z.array(CellarItem),
    emailLogs: z.array(EmailLog),
    timeline: z.array(TimelineEntry),
    changes: z.array(Change),
  }),
  { id: 'PrivacyExport' },
));
export type PrivacyExport = z.infer<typeof PrivacyExport>;

export const EraseBody = /* @__PURE__ */ lazySchema(() => z.strictObject({
  reason: z.meta(z.string().check(z.trim(), z.minLength(1), z.maxLength(500)), {
    description: 'Why (e.g. the request under CCPA or GDPR); kept with the erased record.',
  }),
}));

export const EraseResult = /* @__PURE__ */ lazySchema(() => z.meta(z.object({ id: z.string(), customerNumber: z.int(), erasedAt: Instant }), { id: 'Erased' }));
export type EraseResult = z.infer<typeof EraseResult>;
