import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { nowIso } from '../clock';
import { NotFoundError } from '../errors';
import { newId } from '../ids';
import type { Actor } from '../schemas/common';
import type { CreateCreditBody, CreditEntry, CreditLedger } from './credit-schemas';
import { dynamo, tableName } from '../db/client';
import { prefixCondition, queryPage, type PageRequest } from '../db/cursor';
import { assertCustomerExists } from '../people/customer-exists';
import { IDEMPOTENCY_WRITE, idempotencyWrite, replayResponse, type IdempotencyRequest } from '../db/idempotency';
import { firstStamp, type Stamped } from '../db/item-stamp';
import { allOf, fieldUpdateWrite, putNew, type UpdateParts } from '../db/item-writes';
import { customerPk } from '../db/keys';
import { customerKeys } from '../people/keys';
import { creditKeys } from './keys';
import { creditBalanceTooLow, creditSummary } from './credit-rules';
import { cachedSettings } from '../settings/settings-repository';
import { timelineFields, type TimelineEntry } from '../history/timeline';
import { ConditionsFailedError, transactWrite, type NamedWrite } from '../db/transact';

/**
 * Stored credit. The balance is `creditBalanceCents` on the person's profile item; every
 * change is one transaction of two writes: `SET creditBalanceCents = creditBalanceCents + :a`
 * on the profile (for a deduction conditioned on `creditBalanceCents >= :needed`, so the
 * balance never goes below zero however many requests race), and a new ledger entry
 * (`creditKeys`) written with `attribute_not_exists`. The balance is never read to compute
 * the next one, so no concurrent change is lost; the ledger always sums to the balance.
 */
/** Names of the writes in a credit transaction, to tell their failures apart. */
export const BALANCE_WRITE = 'balance';

export interface CreditItem extends Stamped {
  pk: string;
  sk: string;
  type: 'credit';
  tenantId: string;
  customerId: string;
  id: string;
  amountCents: number;
  reason: string;
  orderId: string | null;
  createdBy: Actor;
  timeline: TimelineEntry;
}

export function toCreditEntry(item: CreditItem): CreditEntry {
  return {
    id: item.id,
    amountCents: item.amountCents,
    reason: item.reason,
    orderId: item.orderId ?? null,
    createdAt: item.createdAt,
    createdBy: item.createdBy,
  };
}

export interface CreditChange {
  amountCents: number;
  reason: string;
  orderId?: string | null;
  /** The timeline line; defaults to "Credit added/deducted: <amount> (<reason>)". */
  summary?: string;
}

/**
 * The two writes that move a person's balance by `amountCents` and record it: put them in the
 * transaction of whatever uses the credit (an order), so both happen or neither. The balance
 * write also stamps the profile (`version`, `updatedAt`, `updatedBy`) for the change history,
 * and fails (named `balance`) when the person does not exist or would go below zero. `along`
 * is what else the same transaction changes on the profile (an order's statistics: a
 * transaction writes an item once), with its own condition.
 */
export function creditWrites(
  tenantId: string,
  customerId: string,
  change: CreditChange,
  currency: string,
  actor: Actor,
  at: string,
  along: UpdateParts = { fields: {} },
): { item: CreditItem; writes: NamedWrite[] } {
  const id = newId();
  const item: CreditItem = {
    ...creditKeys.item(tenantId, customerId, id),
    type: 'credit',
    tenantId,
    customerId,
    id,
    amountCents: change.amountCents,
    reason: change.reason,
    orderId: change.orderId ?? null,
    createdBy: actor,
    ...firstStamp(actor, at),
    ...timelineFields(tenantId, customerId, {
      at,
      type: 'credit',
      summary: change.summary ?? creditSummary(change.amountCents, change.reason, currency),
      refId: id,
    }),
  };
  const deduction = change.amountCents < 0;
  // ADD counts a missing balance as 0; a deduction only while the balance covers it.
  const balance = fieldUpdateWrite(BALANCE_WRITE, customerKeys.profile(tenantId, customerId), along.fields, actor, at, {
    add: { creditBalanceCents: change.amountCents, ...along.add },
    condition: allOf(deduction ? { expression: 'creditBalanceCents >= :needed', values: { ':needed': -change.amountCents } } : undefined, along.condition),
  });
  return { item, writes: [balance, putNew('ledger', item)] };
}

/**
 * `POST /v1/customers/{id}/credits`: adds (positive) or deducts (negative) stored credit.
 * One transaction: the balance update, the ledger entry and, with an `Idempotency-Key`, the
 * record that makes a retry answer the first response without moving the balance again.
 */
export async function changeCredit(
  tenantId: string,
  customerId: string,
  input: CreateCreditBody,
  actor: Actor,
  idempotency?: IdempotencyRequest,
): Promise<CreditEntry> {
  const scope = `credits:${customerId}`;
  const { currency } = await cachedSettings(tenantId);
  const { item, writes } = creditWrites(tenantId, customerId, input, currency, actor, nowIso());
  const entry = toCreditEntry(item);
  if (idempotency) writes.push(idempotencyWrite(tenantId, scope, idempotency, entry));
  try {
    await transactWrite(writes);
  } catch (error) {
    if (!(error instanceof ConditionsFailedError)) throw error;
    if (error.failed.has(IDEMPOTENCY_WRITE)) return (await replayResponse(tenantId, scope, idempotency!)) as CreditEntry;
    if (error.failed.has(BALANCE_WRITE)) {
      await assertCustomerExists(tenantId, customerId);
      throw creditBalanceTooLow('amountCents');
    }
    throw error;
  }
  return entry;
}

/**
 * `GET /v1/customers/{id}/credits`: the balance and one page of the ledger, newest first.
 * Two requests sent together (one round trip): a GetItem of the balance on the profile and a
 * Query of the ledger, both strongly consistent so the page agrees with the balance. A
 * one-request layout would need a second copy of the balance beside the ledger, written by
 * every credit change: more write capacity to save half a read unit.
 */
export async function getCreditLedger(
  tenantId: string,
  customerId: string,
  page: PageRequest,
): Promise<CreditLedger> {
  const [profile, ledger] = await Promise.all([
    dynamo.send(
      new GetCommand({
        TableName: tableName,
        Key: customerKeys.profile(tenantId, customerId),
        ProjectionExpression: 'creditBalanceCents',
        ConsistentRead: true,
      }),
    ),
    queryPage<CreditItem>(
      tenantId,
      `credits\n${customerId}`,
      {
        ...prefixCondition(customerPk(tenantId, customerId), creditKeys.prefix),
        ScanIndexForward: false,
        ConsistentRead: true,
      },
      page,
    ),
  ]);
  if (!profile.Item) throw new NotFoundError('customer');
  return {
    balanceCents: (profile.Item.creditBalanceCents as number | undefined) ?? 0,
    items: ledger.items.map(toCreditEntry),
    nextCursor: ledger.nextCursor,
  };
}
