import { describe, expect, it } from '@jest/globals';
import { randomBytes, scryptSync } from 'node:crypto';
import { MAX_HASHING, MAX_WAITING_CHECKS, hashPassword, verifyPassword } from '../../shared/portal/password';
import { TooManyAttemptsError } from '../../shared/errors';

/**
 * The attack: 60 logins at once made every hash of a container wait its turn, so a good login
 * took 8 seconds. A container now hashes MAX_HASHING at once with MAX_WAITING_CHECKS checks in
 * line; further checks are refused at once with a 429 and Retry-After.
 */
// A cheap stored hash (the parameters travel in it), so the test measures admission, not scrypt.
const salt = randomBytes(16);
const cheapHash = ['scrypt', 1024, 8, 1, salt.toString('base64'), scryptSync('right', salt, 32, { N: 1024, r: 8, p: 1 }).toString('base64')].join('$');

describe('Module: password', () => {
  describe('Method: verifyPassword', () => {
    it('admits only as many concurrent checks as it hashes and queues, and refuses the rest at once', async () => {
      const order: string[] = [];
      const refusals: unknown[] = [];
      const checks = Array.from({ length: 60 }, () =>
        verifyPassword('wrong', cheapHash).then(
          (ok) => order.push(ok ? 'ok' : 'checked'),
          (error: unknown) => order.push('refused') && refusals.push(error),
        ),
      );
      await Promise.all(checks);
      const admitted = MAX_HASHING + MAX_WAITING_CHECKS;
      expect(refusals).toHaveLength(60 - admitted);
      for (const refusal of refusals) {
        expect(refusal).toBeInstanceOf(TooManyAttemptsError);
        expect((refusal as TooManyAttemptsError).retryAfterSeconds).toBeGreaterThan(0);
      }
      expect(order.filter((o) => o === 'checked')).toHaveLength(admitted);
      // Refused before any admitted check finished: nobody waited for a hash to be told no.
      expect(order.slice(0, 60 - admitted)).toEqual(Array(60 - admitted).fill('refused'));
      // The line empties: a check made afterwards is admitted and right.
      await expect(verifyPassword('right', cheapHash)).resolves.toBe(true);
    });
  });

  describe('Method: hashPassword', () => {
    it('waits its turn when the line of checks is full, never refused', async () => {
      const checks = Array.from({ length: MAX_HASHING + MAX_WAITING_CHECKS }, () => verifyPassword('wrong', cheapHash));
      const set = hashPassword('a password staff set');
      await expect(verifyPassword('one too many', cheapHash)).rejects.toBeInstanceOf(TooManyAttemptsError);
      await expect(set).resolves.toMatch(/^scrypt\$131072\$8\$1\$/);
      await Promise.all(checks);
    });
  });
});
