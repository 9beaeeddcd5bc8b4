import { describe, expect, it } from '@jest/globals';
import { randomBytes, scryptSync } from 'node:crypto';
import { MAX_CHECKS_PER_CLIENT, MAX_HASHING, MAX_WAITING_CHECKS, hashPassword, verifyPassword } from '../../shared/portal/password';
import { TooManyAttemptsError } from '../../shared/errors';

/**
 * The attacks: 60 logins at once made every hash of a container wait its turn, so a good login
 * took 8 seconds; then, with a bounded line, 60 logins from one address filled the line and a
 * member logging in from another address got "The service is busy checking passwords". A
 * container now hashes MAX_HASHING at once and admits checks per client: one client has at most
 * MAX_CHECKS_PER_CLIENT in the container, and the next hash goes to the waiting client with the
 * fewest running, so a flood waits behind itself.
 */
// Stored hashes are cheap (their parameters travel in them), so these tests measure admission, not scrypt.
function storedHash(password: string, n: number): string {
  const salt = randomBytes(16);
  return ['scrypt', n, 8, 1, salt.toString('base64'), scryptSync(password, salt, 32, { N: n, r: 8, p: 1 }).toString('base64')].join('$');
}
const cheapHash = storedHash('right', 1024);
// The flood's checks cost ~16 × a member's, so the order in which they end shows the order they were admitted.
const floodHash = storedHash('right', 16_384);

/** Checks started now; each outcome is pushed to `ended` as it settles. */
function checks(count: number, client: string, stored: string, ended: string[], label = client) {
  return Array.from({ length: count }, () =>
    verifyPassword('wrong', stored, client).then(
      () => ended.push(`${label} checked`),
      (error: unknown) => {
        expect(error).toBeInstanceOf(TooManyAttemptsError);
        expect((error as TooManyAttemptsError).retryAfterSeconds).toBeGreaterThan(0);
        ended.push(`${label} refused`);
      },
    ),
  );
}

describe('Module: password', () => {
  describe('Method: verifyPassword', () => {
    it('refuses a flood from one client past its share at once, and checks another client’s login next', async () => {
      const ended: string[] = [];
      const flood = checks(60, '127.0.0.41', floodHash, ended, 'flood');
      const member = verifyPassword('right', cheapHash, '127.0.0.42').then((ok) => ended.push(ok ? 'member ok' : 'member wrong'));
      await Promise.all([...flood, member]);

      const refused = 60 - MAX_CHECKS_PER_CLIENT;
      // Refused before any admitted check ended: nobody waited for a hash to be told no.
      expect(ended.slice(0, refused)).toEqual(Array(refused).fill('flood refused'));
      expect(ended.filter((e) => e === 'flood checked')).toHaveLength(MAX_CHECKS_PER_CLIENT);
      // The member was never refused, and was checked as soon as a hash ended: before the
      // flood's next check (admitted after it) could end.
      const checkedAt = ended.indexOf('member ok');
      expect(checkedAt).toBeGreaterThan(-1);
      const floodEnds = ended.map((e, i) => (e === 'flood checked' ? i : -1)).filter((i) => i >= 0);
      expect(checkedAt).toBeLessThan(floodEnds[MAX_HASHING]!);
    });

    it('bounds the whole line when many clients check at once, and empties it afterwards', async () => {
      const ended: string[] = [];
      const everyone = Array.from({ length: 40 }, (_, i) => checks(1, `10.0.0.${i}`, cheapHash, ended, 'client')).flat();
      await Promise.all(everyone);
      expect(ended.filter((e) => e === 'client checked')).toHaveLength(MAX_HASHING + MAX_WAITING_CHECKS);
      expect(ended.filter((e) => e === 'client refused')).toHaveLength(40 - MAX_HASHING - MAX_WAITING_CHECKS);
      // The line empties: a check made afterwards is admitted and right.
      await expect(verifyPassword('right', cheapHash, '10.0.0.1')).resolves.toBe(true);
    });
  });

  describe('Method: hashPassword', () => {
    it('waits its turn when the line of checks is full, never refused', async () => {
      const ended: string[] = [];
      const full = Array.from({ length: MAX_HASHING + MAX_WAITING_CHECKS }, (_, i) => checks(1, `10.1.0.${i}`, cheapHash, ended)).flat();
      const set = hashPassword('a password staff set');
      await expect(verifyPassword('one too many', cheapHash, '10.2.0.1')).rejects.toBeInstanceOf(TooManyAttemptsError);
      await expect(set).resolves.toMatch(/^scrypt\$131072\$8\$1\$/);
      await Promise.all(full);
      expect(ended.every((e) => e.endsWith('checked'))).toBe(true);
    });
  });
});
