import * as z from '../schemas/zod';
import { Actor, Id, Instant, Money } from '../schemas/common';
import { lazySchema } from '../schemas/lazy-schema';

/** The largest single credit or deduction: ten million in major units. */
const MAX_CREDIT_CENTS = 1_000_000_000;

export const CreateCreditBody = /* @__PURE__ */ lazySchema(() => z.strictObject({
  amountCents: z.meta(
    Money.check(z.gte(-MAX_CREDIT_CENTS), z.lte(MAX_CREDIT_CENTS), z.refine((value) => value !== 0, 'must not be zero')),
    { description: 'Positive adds credit, negative deducts it (never below a zero balance: 409).' },
  ),
  reason: z.string().check(z.trim(), z.minLength(1), z.maxLength(500)),
}));
export type CreateCreditBody = z.infer<typeof CreateCreditBody>;

export const CreditEntry = /* @__PURE__ */ lazySchema(() => z.meta(
  z.object({
    id: Id,
    amountCents: Money,
    reason: z.string(),
    orderId: z.meta(z.nullable(z.string()), { description: 'The order that used or returned this credit, if any.' }),
    createdAt: Instant,
    createdBy: Actor,
  }),
  { id: 'CreditEntry', description: 'One entry of the stored-credit ledger.' },
));
export type CreditEntry = z.infer<typeof CreditEntry>;

export const CreditLedger = /* @__PURE__ */ lazySchema(() => z.meta(
  z.object({ balanceCents: Money, items: z.array(CreditEntry), nextCursor: z.nullable(z.string()) }),
  { id: 'CreditLedger', description: 'The balance and the ledger, newest entry first.' },
));
export type CreditLedger = z.infer<typeof CreditLedger>;
