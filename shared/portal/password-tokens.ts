import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { createHash, randomBytes } from 'node:crypto';
import { now } from '../clock';
import { dynamo, tableName } from '../db/client';
import { portalKeys } from './keys';

/**
 * One-time password tokens: the welcome email's "set your password" link and the reset link.
 * The raw token (32 random bytes, base64url) exists only in the email; the table keeps its
 * SHA-256, under a tenant-scoped key, so a leaked table or backup holds no usable link, and a
 * token of one tenant is unknown in another. A token works once (a conditional update marks it
 * used, so two concurrent confirms cannot both win) and within its lifetime (an explicit check;
 * the `expiresAt` TTL only cleans up, DynamoDB deletes late).
 */
export type PasswordTokenPurpose = 'welcome' | 'reset';

/**
 * How long a link works. A welcome link waits for a new member to read the email (the contract:
 * 7 days); a reset link answers someone asking right now, so it lasts an hour and a leaked or
 * forwarded one is soon worthless.
 */
export const PASSWORD_TOKEN_TTL_SECONDS: Readonly<Record<PasswordTokenPurpose, number>> = {
  welcome: 7 * 24 * 60 * 60,
  reset: 60 * 60,
};

/** Why a token was refused. The portal answers the same to all three; the reason is for logs and tests. */
export type PasswordTokenProblem = 'unknown' | 'used' | 'expired';

export class PasswordTokenError extends Error {
  constructor(readonly reason: PasswordTokenProblem) {
    super(
      reason === 'unknown'
        ? 'The password link is not valid.'
        : reason === 'used'
          ? 'The password link has already been used.'
          : 'The password link has expired.',
    );
    this.name = 'PasswordTokenError';
  }
}

const RAW_TOKEN = /^[A-Za-z0-9_-]{43}$/;

function hashToken(rawToken: string): string {
  return createHash('sha256').update(rawToken, 'utf8').digest('hex');
}

const epochSeconds = (date: Date) => Math.floor(date.getTime() / 1000);

/** Issues a token for a person; returns the raw token, which is never stored. */
export async function issuePasswordToken(
  tenantId: string,
  customerId: string,
  purpose: PasswordTokenPurpose,
): Promise<string> {
  const rawToken = randomBytes(32).toString('base64url');
  const issuedAt = now();
  await dynamo.send(
    new PutCommand({
      TableName: tableName,
      Item: {
        ...portalKeys.passwordToken(tenantId, hashToken(rawToken)),
        type: 'password-token',
        tenantId,
        customerId,
        purpose,
        createdAt: issuedAt.toISOString(),
        expiresAt: epochSeconds(issuedAt) + PASSWORD_TOKEN_TTL_SECONDS[purpose],
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
  return rawToken;
}

/**
 * Uses a token: marks it used if it is unused and unexpired, in one conditional update, and
 * returns the person it belongs to. Throws `PasswordTokenError` for an unknown, used or
 * expired token.
 */
export async function consumePasswordToken(tenantId: string, rawToken: string): Promise<string> {
  if (!RAW_TOKEN.test(rawToken)) throw new PasswordTokenError('unknown');
  const key = portalKeys.passwordToken(tenantId, hashToken(rawToken));
  const at = now();
  try {
    const result = await dynamo.send(
      new UpdateCommand({
        TableName: tableName,
        Key: key,
        UpdateExpression: 'SET usedAt = :usedAt',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(usedAt) AND expiresAt > :now',
        ExpressionAttributeValues: { ':usedAt': at.toISOString(), ':now': epochSeconds(at) },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return result.Attributes!.customerId as string;
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    // Only to name the reason; the decision was the conditional update's.
    const current = await dynamo.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
    if (!current.Item) throw new PasswordTokenError('unknown');
    if (current.Item.usedAt) throw new PasswordTokenError('used');
    throw new PasswordTokenError('expired');
  }
}
