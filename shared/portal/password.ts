import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { TooManyAttemptsError } from '../errors';
import { SCRYPT_COST } from './password-cost';

/**
 * Passwords: scrypt (N=2^17, r=8, p=1) with a random salt, compared in constant time. The
 * parameters are stored in the hash, so they can be raised later without breaking old hashes.
 *
 * Each hash costs ~128 MiB and a few hundred milliseconds of a core, and anyone can ask for one
 * (a login needs no account). So a container hashes at most MAX_HASHING at once; checks wait
 * in a short line and, past it, are refused at once (429 with Retry-After) instead of piling up
 * until every request, a good login included, takes seconds. Setting a password (staff, or a
 * person who already proved who they are) always waits its turn: it is never a stranger's request.
 */
const { N, r: R, p: P } = SCRYPT_COST;
const KEY_LENGTH = 32;
const MAX_MEMORY = 256 * 1024 * 1024;

export const MAX_HASHING = 2;
export const MAX_WAITING_CHECKS = 8;
export const BUSY_RETRY_AFTER_SECONDS = 1;

let hashing = 0;
const waiting: Array<() => void> = [];

/** A hashing slot: at once if one is free, else in line; a check finding the line full is refused. */
async function slot(kind: 'set' | 'check'): Promise<void> {
  if (hashing < MAX_HASHING) {
    hashing += 1;
    return;
  }
  if (kind === 'check' && waiting.length >= MAX_WAITING_CHECKS) {
    throw new TooManyAttemptsError('The service is busy checking passwords. Try again in a moment.', BUSY_RETRY_AFTER_SECONDS);
  }
  // The releasing hash hands its slot over, so `hashing` stays counted.
  await new Promise<void>((resolve) => waiting.push(resolve));
}

function release(): void {
  const next = waiting.shift();
  if (next) next();
  else hashing -= 1;
}

async function derive(kind: 'set' | 'check', password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  await slot(kind);
  try {
    return await new Promise<Buffer>((resolve, reject) =>
      scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { N: n, r, p, maxmem: MAX_MEMORY }, (error, key) =>
        error ? reject(error) : resolve(key),
      ),
    );
  } finally {
    release();
  }
}

/** `scrypt$<N>$<r>$<p>$<salt b64>$<hash b64>` */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive('set', password, salt, N, R, P);
  return ['scrypt', N, R, P, salt.toString('base64'), key.toString('base64')].join('$');
}

/** Throws a 429 when the container is already checking as many passwords as it will queue. */
export async function verifyPassword(password: string, stored: string | undefined): Promise<boolean> {
  const parts = stored?.split('$');
  if (!parts || parts.length !== 6 || parts[0] !== 'scrypt') {
    // Spend the same time as a real check, so a missing account does not answer faster.
    await derive('check', password, randomBytes(16), N, R, P);
    return false;
  }
  const [, n, r, p, salt, hash] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(hash, 'base64');
  const actual = await derive('check', password, Buffer.from(salt, 'base64'), Number(n), Number(r), Number(p));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
