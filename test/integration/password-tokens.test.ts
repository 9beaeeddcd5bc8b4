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
    it('returns a 256-bit base64url token and stores only its hash, expiring in an hour', async () => {
      const before = Math.floor(Date.now() / 1000);
      const token = await issuePasswordToken(tenantId, 'C1', 'welcome');
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);

      const hash = createHash('sha256').update(token).digest('hex');
      const stored = await dynamo.send(new GetCommand({ TableName: tableName, Key: portalKeys.passwordToken(tenantId, hash) }));
      expect(stored.Item).toMatchObject({ customerId: 'C1', purpose: 'welcome', pk: `T#${tenantId}#PWTOKEN#${hash}` });
      expect(JSON.stringify(stored.Item)).not.toContain(token);
      expect(stored.Item!.expiresAt).toBeGreaterThanOrEqual(before + PASSWORD_TOKEN_TTL_SECONDS);
      expect(stored.Item!.expiresAt).toBeLessThanOrEqual(before + PASSWORD_TOKEN_TTL_SECONDS + 5);
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

    it('refuses a token after its hour, even before DynamoDB deletes it', async () => {
      const token = await issuePasswordToken(tenantId, 'C4', 'welcome');
      const restore = setClock(() => new Date(Date.now() + (PASSWORD_TOKEN_TTL_SECONDS + 1) * 1000));
      try {
        expect(await refusal(consumePasswordToken(tenantId, token))).toBe('expired');
      } finally {
        restore();
      }
    });

    it('still accepts a token a minute before its hour ends', async () => {
      const token = await issuePasswordToken(tenantId, 'C5', 'welcome');
      const restore = setClock(() => new Date(Date.now() + (PASSWORD_TOKEN_TTL_SECONDS - 60) * 1000));
      try {
        await expect(consumePasswordToken(tenantId, token)).resolves.toBe('C5');
      } finally {
        restore();
      }
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
