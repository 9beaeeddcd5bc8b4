import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../errors';
import { dynamo, tableName } from './client';
import { expiresAfter, putNew } from './item-writes';
import { tenantKeys } from './keys';
import type { NamedWrite } from './transact';

/**
 * `Idempotency-Key`: the record is written in the same transaction as what it creates, with
 * `attribute_not_exists`, and holds the first response. A retry fails that condition, finds
 * the record and answers with the stored response; the same key with another body is a 409.
 * Records expire after a day.
 */
export interface IdempotencyRequest {
  readonly key: string;
  readonly fingerprint: string;
}

export const IDEMPOTENCY_WRITE = 'idempotency';
const TTL_SECONDS = 24 * 60 * 60;

export function idempotencyWrite(
  tenantId: string,
  scope: string,
  request: IdempotencyRequest,
  response: unknown,
): NamedWrite {
  return putNew(IDEMPOTENCY_WRITE, {
    ...tenantKeys.idempotency(tenantId, scope, request.key),
    type: 'idempotency',
    fingerprint: request.fingerprint,
    response,
    ...expiresAfter(TTL_SECONDS),
  });
}

const KEY_REUSED = new ConflictError('idempotency-key-reused', 'This Idempotency-Key was already used with another request body.');

/** The first response for this key, or a 409 when the key was used with another body. */
export async function replayResponse(tenantId: string, scope: string, request: IdempotencyRequest): Promise<unknown> {
  const stored = await storedResponse(tenantId, scope, request);
  if (!stored) throw KEY_REUSED;
  return stored.response;
}

/**
 * Whether this key already answered: its first response, nothing when the key is new, a 409
 * when it was used with another body. For work too big for one transaction (an import batch),
 * which looks first and records its response when done.
 */
export async function storedResponse(tenantId: string, scope: string, request: IdempotencyRequest): Promise<{ response: unknown } | undefined> {
  const result = await dynamo.send(
    new GetCommand({ TableName: tableName, Key: tenantKeys.idempotency(tenantId, scope, request.key), ConsistentRead: true }),
  );
  const record = result.Item;
  if (!record) return undefined;
  if (record.fingerprint !== request.fingerprint) throw KEY_REUSED;
  return { response: record.response };
}
