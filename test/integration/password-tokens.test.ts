import { describe, expect, it } from '@jest/globals';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { createHash } from 'node:crypto';
import { setClock } from '../../shared/clock';
import { dynamo, tableName } from '../../shared/db/client';
import {
  PASSWORD_TOKEN_TTL_SECONDS,
  PasswordTokenError,
  consumePasswordToken,
  issuePasswordToken,
} from '../../shared/portal/password-tokens';
import { portalKeys } from '../../shared/portal/keys';
import { newTenant } from '../support/invoke';

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PasswordTokenError);
  return (error as PasswordTokenError).reason;
}

describe('Module: password-tokens', () => {
  const tenantId = newTenant('pwtoken');

  describe('Method: issuePasswordToken', () => {
    it('returns a 256-bit base64url token and stores only its hash: a welcome link expires in 7 days, a reset link in an hour', async () => {
      const before = Math.floor(Date.now() / 1000);
      const token = await issuePasswordToken(tenantId, 'C1', 'welcome');
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);

      const hash = createHash('sha256').update(token).digest('hex');
      const stored = await dynamo.send(new GetCommand({ TableName: tableName, Key: portalKeys.passwordToken(tenantId, hash) }));
      expect(stored.Item).toMatchObject({ customerId: 'C1', purpose: 'welcome', pk: `T#${tenantId}#PWTOKEN#${hash}` });
      expect(JSON.stringify(stored.Item)).not.toContain(token);
      const WEEK = 7 * 24 * 60 * 60;
      expect(stored.Item!.expiresAt).toBeGreaterThanOrEqual(before + WEEK);
      expect(stored.Item!.expiresAt).toBeLessThanOrEqual(before + WEEK + 5);

      const reset = await issuePasswordToken(tenantId, 'C1', 'reset');
      const resetHash = createHash('sha256').update(reset).digest('hex');
      const resetItem = await dynamo.send(new GetCommand({ TableName: tableName, Key: portalKeys.passwordToken(tenantId, resetHash) }));
      expect(resetItem.Item!.expiresAt).toBeGreaterThanOrEqual(before + 3600);
      expect(resetItem.Item!.expiresAt).toBeLessThanOrEqual(before + 3600 + 5);
    });
  });

  describe('Method: consumePasswordToken', () => {
    it('accepts a token once and refuses it the second time', async () => {
      const token = await issuePasswordToken(tenantId, 'C2', 'reset');
      await expect(consumePasswordToken(tenantId, token)).resolves.toBe('C2');
      expect(await refusal(consumePasswordToken(tenantId, token))).toBe('used');
    });

    it('lets exactly one of 10 concurrent uses of a token through', async () => {
      const token = await issuePasswordToken(tenantId, 'C3', 'reset');
      const results = await Promise.allSettled(Array.from({ length: 10 }, () => consumePasswordToken(tenantId, token)));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const reasons = results.flatMap((r) => (r.status === 'rejected' ? [(r.reason as PasswordTokenError).reason] : []));
      expect(reasons).toEqual(Array(9).fill('used'));
    });

    /** Uses `token` as if `seconds` had passed since it was issued. */
    async function useAfter(token: string, seconds: number) {
      const restore = setClock(() => new Date(Date.now() + seconds * 1000));
      try {
        return await consumePasswordToken(tenantId, token);
      } finally {
        restore();
      }
    }

    it.each([
      ['reset', 'an hour', PASSWORD_TOKEN_TTL_SECONDS.reset],
      ['welcome', '7 days', PASSWORD_TOKEN_TTL_SECONDS.welcome],
    ] as const)('refuses a %s link after %s, even before DynamoDB deletes it, and takes one a minute before', async (purpose, _, ttl) => {
      expect(ttl).toBe(purpose === 'reset' ? 3600 : 604_800);
      const late = await issuePasswordToken(tenantId, 'C4', purpose);
      expect(await refusal(useAfter(late, ttl + 1))).toBe('expired');
      const inTime = await issuePasswordToken(tenantId, 'C5', purpose);
      await expect(useAfter(inTime, ttl - 60)).resolves.toBe('C5');
    });

    it('refuses a reset link a day later, when a welcome link of the same age still works', async () => {
      const reset = await issuePasswordToken(tenantId, 'C7', 'reset');
      const welcome = await issuePasswordToken(tenantId, 'C7', 'welcome');
      expect(await refusal(useAfter(reset, 24 * 60 * 60))).toBe('expired');
      await expect(useAfter(welcome, 24 * 60 * 60)).resolves.toBe('C7');
    });

    it('does not know another tenant’s token, nor a made-up one', async () => {
      const token = await issuePasswordToken(tenantId, 'C6', 'reset');
      expect(await refusal(consumePasswordToken(newTenant('other'), token))).toBe('unknown');
      expect(await refusal(consumePasswordToken(tenantId, 'A'.repeat(43)))).toBe('unknown');
      expect(await refusal(consumePasswordToken(tenantId, 'not a token'))).toBe('unknown');
      // The real owner can still use it: the failed attempts did not spend it.
      await expect(consumePasswordToken(tenantId, token)).resolves.toBe('C6');
    });
  });
});
