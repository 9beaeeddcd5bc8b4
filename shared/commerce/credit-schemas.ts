import { z } from '../schemas/zod';
import { Actor, Id, Instant, Money } from '../schemas/common';
import { lazySchema } from '../schemas/lazy-schema';

/** The largest single credit or deduction: ten million in major units. */
const MAX_CREDIT_CENTS = 1_000_000_000;

export const CreateCreditBody = /* @__PURE__ */ lazySchema(() => z.strictObject({
  amountCents: Money.min(-MAX_CREDIT_CENTS)
    .max(MAX_CREDIT_CENTS)
    .refine((value) => value !== 0, 'must not be zero')
    .meta({ description: 'Positive adds credit, negative deducts it (never below a zero balance: 409).' }),
  reason: z.string().trim().min(1).max(500),
}));
export type CreateCreditBody = z.infer<typeof CreateCreditBody>;

export const CreditEntry = /* @__PURE__ */ lazySchema(() => z
  .object({
    id: Id,
    amountCents: Money,
    reason: z.string(),
    orderId: z.string().nullable().meta({ description: 'The order that used or returned this credit, if any.' }),
    createdAt: Instant,
    createdBy: Actor,
  })
  .meta({ id: 'CreditEntry', description: 'One entry of the stored-credit ledger.' }));
export type CreditEntry = z.infer<typeof CreditEntry>;

export const CreditLedger = /* @__PURE__ */ lazySchema(() => z
  .object({
    balanceCents: Money,
    items: z.array(CreditEntry),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'CreditLedger', description: 'The balance and the ledger, newest entry first.' }));
export type CreditLedger = z.infer<typeof CreditLedger>;
