import * as z from '../schemas/zod';
import { Email, Id, Instant, listOf } from '../schemas/common';
import { AddressFields, Address } from './customer-schemas';
import { lazySchema } from '../schemas/lazy-schema';


// Addresses ---------------------------------------------------------------------------------
export const CreateAddressBody = /* @__PURE__ */ lazySchema(() => z.extend(AddressFields, {
  kind: z.enum(['billing', 'shipping']),
  isDefault: z._default(z.boolean(), false),
}));
export type CreateAddressBody = z.infer<typeof CreateAddressBody>;
export const UpdateAddressBody = /* @__PURE__ */ lazySchema(() => z.partial(z.extend(AddressFields, { isDefault: z.literal(true) })));
export type UpdateAddressBody = z.infer<typeof UpdateAddressBody>;
export const AddressList = /* @__PURE__ */ lazySchema(() => z.meta(listOf(Address), { id: 'AddressList' }));

// Cards on file -----------------------------------------------------------------------------
const currentYear = new Date().getUTCFullYear();
/** The payment processor's token: stored to charge the card, never returned, redacted in the change history. */
const CardToken = /* @__PURE__ */ lazySchema(() => z.string().check(z.trim(), z.minLength(1), z.maxLength(512)));
export const CreateCardBody = /* @__PURE__ */ lazySchema(() => z.strictObject({
  processor: z.string().check(z.trim(), z.minLength(1), z.maxLength(40)),
  token: CardToken,
  brand: z.string().check(z.trim(), z.minLength(1), z.maxLength(40)),
  last4: z.string().check(z.regex(/^\d{4}$/, 'must be the last 4 digits')),
  expMonth: z.int().check(z.gte(1), z.lte(12)),
  expYear: z.int().check(z.gte(2000), z.lte(currentYear + 50)),
  cardholderName: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
  isDefault: z._default(z.boolean(), false),
}));
export type CreateCardBody = z.infer<typeof CreateCardBody>;
/** A renewed card keeps its place on file: the processor's new token comes with the new expiry. */
export const UpdateCardBody = /* @__PURE__ */ lazySchema(() => z.partial(z.strictObject({
  token: CardToken,
  expMonth: z.int().check(z.gte(1), z.lte(12)),
  expYear: z.int().check(z.gte(2000), z.lte(currentYear + 50)),
  cardholderName: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
  isDefault: z.literal(true),
})));
export type UpdateCardBody = z.infer<typeof UpdateCardBody>;
export const Card = /* @__PURE__ */ lazySchema(() => z.meta(
  z.object({
    id: Id,
    processor: z.string(),
    brand: z.string(),
    last4: z.string(),
    expMonth: z.int(),
    expYear: z.int(),
    cardholderName: z.string(),
    isDefault: z.boolean(),
    expired: z.meta(z.boolean(), { description: 'True once the expiry month has ended.' }),
    createdAt: Instant,
    version: z.int(),
  }),
  { id: 'Card', description: "A card on file: the processor's token is stored but never returned." },
));
export type Card = z.infer<typeof Card>;
export const CardList = /* @__PURE__ */ lazySchema(() => z.meta(listOf(Card), { id: 'CardList' }));

// Additional emails ---------------------------------------------------------------------------
export const CreateCustomerEmailBody = /* @__PURE__ */ lazySchema(() => z.strictObject({ email: Email, label: z.optional(z.string().check(z.trim(), z.maxLength(60))) }));
export const CustomerEmail = /* @__PURE__ */ lazySchema(() => z.meta(
  z.object({ id: Id, email: z.string(), label: z.nullable(z.string()), createdAt: Instant, version: z.int() }),
  { id: 'CustomerEmail' },
));
export type CustomerEmail = z.infer<typeof CustomerEmail>;
export const CustomerEmailList = /* @__PURE__ */ lazySchema(() => z.meta(listOf(CustomerEmail), { id: 'CustomerEmailList' }));

// Age verification ---------------------------------------------------------------
/**
 * A manual check is staff vouching for an ID they saw: without a note of what they checked it
 * would vouch for nothing, so the note is required (400 naming `note`).
 */
export const AgeVerificationBody = /* @__PURE__ */ lazySchema(() => z
  .strictObject({
    method: z.enum(['manual', 'electronic']),
    note: z.meta(z.optional(z.string().check(z.trim(), z.maxLength(500))), {
      description: 'What staff checked (e.g. the ID they saw). Required for `manual`; kept on the record.',
    }),
  })
  .check(z.superRefine((body, context) => {
    if (body.method === 'manual' && !body.note) {
      context.addIssue({ code: 'custom', path: ['note'], message: 'Write what you checked (e.g. the ID you saw): a manual check needs a note' });
    }
  })));
export type AgeVerificationBody = z.infer<typeof AgeVerificationBody>;
