import { describe, expect, it } from '@jest/globals';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { ConflictError, StaleVersionError } from '../../shared/errors';
import { ConditionsFailedError, checkIfMatch, withLostRaceRetry } from '../../shared/db/transact';

/** The one lost-race policy, without DynamoDB: what a caller gets from each outcome. */
describe('Function: withLostRaceRetry', () => {
  const lost = () => new ConditionsFailedError(new Set(['profile']));
  const checkFailed = () => new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });

  it('reads and writes again after a lost race, and answers what the winning attempt wrote', async () => {
    let attempts = 0;
    const result = await withLostRaceRetry(async () => {
      attempts += 1;
      if (attempts < 3) throw attempts === 1 ? lost() : checkFailed();
      return 'written';
    });
    expect(result).toBe('written');
    expect(attempts).toBe(3);
  });

  it('gives up with 409 concurrent-update (never the raw condition failure) when it keeps losing', async () => {
    let attempts = 0;
    const outcome = withLostRaceRetry(async () => {
      attempts += 1;
      throw lost();
    });
    await expect(outcome).rejects.toBeInstanceOf(ConflictError);
    await expect(outcome).rejects.toMatchObject({ kind: 'conflict', slug: 'concurrent-update' });
    expect(attempts).toBe(5);
  });

  it('passes a domain answer through at once: a stale If-Match is a 412, not retried', async () => {
    let attempts = 0;
    const outcome = withLostRaceRetry(async () => {
      attempts += 1;
      checkIfMatch(3, 4);
    });
    await expect(outcome).rejects.toBeInstanceOf(StaleVersionError);
    expect(attempts).toBe(1);
  });
});

describe('Function: checkIfMatch', () => {
  it('is silent without If-Match and when it matches, a 412 otherwise', () => {
    expect(() => checkIfMatch(undefined, 7)).not.toThrow();
    expect(() => checkIfMatch(7, 7)).not.toThrow();
    expect(() => checkIfMatch(6, 7)).toThrow(StaleVersionError);
  });
});
