import { describe, expect, it } from '@jest/globals';
import { randomBytes, scryptSync } from 'node:crypto';
import { hashPassword, verifyPassword } from '../../shared/portal/password';
import { portalKeys } from '../../shared/portal/keys';
import { PortalTokenClaims, actorOf, generationOf, memberActor } from '../../shared/portal/token-claims';

/** The portal's pure rules: password hashing, its keys, what a token says and whose doing it is. No DynamoDB. */

// A stored hash with cheap parameters (they travel in the hash), so checks take milliseconds.
function cheapHash(password: string): string {
  const salt = randomBytes(16);
  return ['scrypt', 1024, 8, 1, salt.toString('base64'), scryptSync(password.normalize('NFKC'), salt, 32, { N: 1024, r: 8, p: 1 }).toString('base64')].join('$');
}

describe('Module: password', () => {
  describe('Method: hashPassword', () => {
    it('stores scrypt with its parameters and a random salt, never the password, and checks against it', async () => {
      const first = await hashPassword('correct horse battery staple');
      const second = await hashPassword('correct horse battery staple');
      expect(first).toMatch(/^scrypt\$131072\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
      expect(first).not.toContain('horse');
      expect(second).not.toBe(first);
      expect(await verifyPassword('correct horse battery staple', first, 'client-a')).toBe(true);
    }, 30_000);
  });

  describe('Method: verifyPassword', () => {
    it('accepts the right password and refuses any other, a case change included', async () => {
      const stored = cheapHash('Pinot Noir 2021');
      expect(await verifyPassword('Pinot Noir 2021', stored, 'client-a')).toBe(true);
      expect(await verifyPassword('pinot noir 2021', stored, 'client-a')).toBe(false);
      expect(await verifyPassword('Pinot Noir 2021 ', stored, 'client-a')).toBe(false);
    });

    it('compares passwords in Unicode normal form (NFKC), so a phone’s and a laptop’s keyboard agree', async () => {
      const stored = cheapHash('Ros\u00e9 cellar');
      expect(await verifyPassword('Rose\u0301 cellar', stored, 'client-a')).toBe(true);
    });

    it('refuses, without throwing, a person with no password or a hash it does not know', async () => {
      expect(await verifyPassword('anything', undefined, 'client-a')).toBe(false);
      expect(await verifyPassword('anything', 'bcrypt$2b$10$abc', 'client-a')).toBe(false);
      expect(await verifyPassword('anything', 'scrypt$1024$8$1$onlyfive', 'client-a')).toBe(false);
    }, 30_000);
  });
});

describe('Module: portal keys', () => {
  it('keeps attempt budgets per tenant, scope and subject, whatever the subject’s case', () => {
    expect(portalKeys.attempts('acme', 'login-email', 'Ada@Example.com')).toEqual(portalKeys.attempts('acme', 'login-email', 'ada@example.com'));
    expect(portalKeys.attempts('acme', 'login-email', 'ada@example.com').pk).toBe('T#acme#ATTEMPTS#login-email#ada@example.com');
    expect(portalKeys.attempts('acme', 'login-client', 'x').pk).not.toBe(portalKeys.attempts('other', 'login-client', 'x').pk);
    expect(portalKeys.attempts('acme', 'reset-email', 'x').pk).not.toBe(portalKeys.attempts('acme', 'login-email', 'x').pk);
  });

  it('puts password tokens and staff sessions under the tenant, a session in the person’s history', () => {
    expect(portalKeys.passwordToken('acme', 'ab12')).toEqual({ pk: 'T#acme#PWTOKEN#ab12', sk: 'PWTOKEN' });
    expect(portalKeys.staffSession('acme', 'C1', 'S1')).toEqual({ pk: 'T#acme#C#C1', sk: 'H#PSESSION#S1' });
  });
});

describe('Module: token-claims', () => {
  const login = { tid: 'acme', sub: 'C1', via: 'login', pwg: 2 } as const;
  const staffSession = { tid: 'acme', sub: 'C1', via: 'staff', pwg: 2, act: { sub: 'staff-7', name: 'Pat Staff' } } as const;

  describe('Schema: PortalTokenClaims', () => {
    it('reads a login’s and a staff session’s claims', () => {
      expect(PortalTokenClaims.parse({ ...login, iss: 'x', exp: 1 })).toEqual(login);
      expect(PortalTokenClaims.parse(staffSession)).toEqual(staffSession);
    });

    it('refuses a staff session that names no staff member, and a login that names one', () => {
      expect(PortalTokenClaims.safeParse({ ...staffSession, act: undefined }).success).toBe(false);
      expect(PortalTokenClaims.safeParse({ ...login, act: staffSession.act }).success).toBe(false);
    });

    it('refuses a malformed tenant, a missing person or a password generation that is not a count', () => {
      expect(PortalTokenClaims.safeParse({ ...login, tid: 'T#other' }).success).toBe(false);
      expect(PortalTokenClaims.safeParse({ ...login, sub: '' }).success).toBe(false);
      expect(PortalTokenClaims.safeParse({ ...login, pwg: '2' }).success).toBe(false);
    });
  });

  describe('Method: actorOf', () => {
    const person = { firstName: 'Ada', lastName: 'Lovelace' };

    it('names the member by their current name for their own changes', () => {
      expect(actorOf(login, person)).toEqual({ kind: 'customer', id: 'C1', name: 'Ada Lovelace' });
      expect(memberActor({ id: 'C1', ...person })).toEqual({ kind: 'customer', id: 'C1', name: 'Ada Lovelace' });
    });

    it('names the staff member for changes made through their session', () => {
      expect(actorOf(staffSession, person)).toEqual({ kind: 'staff', id: 'staff-7', name: 'Pat Staff' });
      expect(actorOf({ ...staffSession, act: { sub: 'staff-8', name: null } }, person)).toEqual({ kind: 'staff', id: 'staff-8', name: null });
    });
  });

  describe('Method: generationOf', () => {
    it('counts a person who never had a password set as generation 0', () => {
      expect(generationOf(undefined)).toBe(0);
      expect(generationOf({})).toBe(0);
      expect(generationOf({ passwordGeneration: 3 })).toBe(3);
    });
  });
});
