import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { now } from '../clock';
import { TooManyAttemptsError } from '../errors';
import { dynamo, tableName } from '../db/client';
import { portalKeys } from './keys';

/**
 * Attempt budgets: how many times one subject (an email, a client address, a person) may try
 * something within a window that opens with its first attempt. An attempt is counted *before*
 * the work it guards, by one conditional update that only counts while under the limit: a check
 * and a count made apart let concurrent attempts all pass the check before any was counted.
 * An attempt that succeeds is taken back (`forgiveAttempt`), so only failures use the budget.
 * One item per subject and scope, which expires by itself after its window.
 */
export interface AttemptLimit {
  /** Part of the key, so the budgets of different things never mix. */
  readonly scope: string;
  readonly max: number;
  readonly windowMs: number;
  /** The 429's detail. */
  readonly detail: string;
}

const FIFTEEN_MINUTES = 15 * 60 * 1000;

/** The contract: 429 after 5 failures for one email within 15 minutes. */
export const LOGIN_PER_EMAIL: AttemptLimit = {
  scope: 'login-email',
  max: 5,
  windowMs: FIFTEEN_MINUTES,
  detail: 'Too many failed logins for this email. Try again later or reset the password.',
};

/**
 * One client trying one password on many emails never trips the per-email limit. Higher than
 * per email, because people behind one address (a tasting room's wifi, a carrier's NAT) share it.
 */
export const LOGIN_PER_CLIENT: AttemptLimit = {
  scope: 'login-client',
  max: 20,
  windowMs: FIFTEEN_MINUTES,
  detail: 'Too many failed logins from this address. Try again later.',
};

/** A stolen portal token must not become a password oracle through `POST /portal/me/password`. */
export const PASSWORD_CHANGE_PER_PERSON: AttemptLimit = {
  scope: 'password-change',
  max: 5,
  windowMs: FIFTEEN_MINUTES,
  detail: 'Too many wrong current passwords. Try again later or reset the password.',
};

/** Reset emails per address: enough for a lost email, not enough to flood an inbox. */
export const RESET_PER_EMAIL: AttemptLimit = {
  scope: 'reset-email',
  max: 3,
  windowMs: 60 * 60 * 1000,
  detail: 'Too many password reset requests for this email.',
};

/** A counted attempt, to take back if it succeeds. */
export interface Attempt {
  readonly key: { pk: string; sk: string };
  readonly windowStart: number;
}

export type AttemptOutcome = { allowed: true; attempt: Attempt } | { allowed: false; retryAfterSeconds: number };

/** Opening a window can race another opener or an expiry; a few rounds always settle it. */
const MAX_ROUNDS = 5;

/** Counts one attempt if the subject is under its limit; otherwise says how long until the window ends. */
export async function takeAttempt(tenantId: string, limit: AttemptLimit, subject: string): Promise<AttemptOutcome> {
  const key = portalKeys.attempts(tenantId, limit.scope, subject);
  for (let round = 1; ; round += 1) {
    const at = now().getTime();
    const cutoff = at - limit.windowMs;
    try {
      // Count into the open window, only while under the limit.
      const counted = await dynamo.send(
        new UpdateCommand({
          TableName: tableName,
          Key: key,
          UpdateExpression: 'ADD attempts :one',
          ConditionExpression: 'windowStart > :cutoff AND attempts < :max',
          ExpressionAttributeValues: { ':one': 1, ':cutoff': cutoff, ':max': limit.max },
          ReturnValues: 'ALL_NEW',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return { allowed: true, attempt: { key, windowStart: counted.Attributes!.windowStart as number } };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const current = error.Item ? (unmarshall(error.Item) as { windowStart: number }) : undefined;
      if (current && current.windowStart > cutoff) {
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((current.windowStart + limit.windowMs - at) / 1000)) };
      }
    }
    // No open window: open one. Of two openers at once one wins, and the other counts into its window.
    try {
      await dynamo.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...key, type: 'attempts', attempts: 1, windowStart: at, expiresAt: Math.ceil((at + limit.windowMs) / 1000) + 60 },
          ConditionExpression: 'attribute_not_exists(pk) OR windowStart <= :cutoff',
          ExpressionAttributeValues: { ':cutoff': cutoff },
        }),
      );
      return { allowed: true, attempt: { key, windowStart: at } };
    } catch (raced) {
      if (!(raced instanceof ConditionalCheckFailedException) || round >= MAX_ROUNDS) throw raced;
    }
  }
}

/** `takeAttempt`, or a 429 whose `Retry-After` is the time left in the subject's window. */
export async function requireAttempt(tenantId: string, limit: AttemptLimit, subject: string): Promise<Attempt> {
  const outcome = await takeAttempt(tenantId, limit, subject);
  if (!outcome.allowed) throw new TooManyAttemptsError(limit.detail, outcome.retryAfterSeconds);
  return outcome.attempt;
}

/** Takes back an attempt that succeeded, in the window it was counted in (a newer window owes it nothing). */
export async function forgiveAttempt(attempt: Attempt): Promise<void> {
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: tableName,
        Key: attempt.key,
        UpdateExpression: 'ADD attempts :minusOne',
        ConditionExpression: 'windowStart = :windowStart AND attempts > :zero',
        ExpressionAttributeValues: { ':minusOne': -1, ':windowStart': attempt.windowStart, ':zero': 0 },
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}
