import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { TooManyAttemptsError } from '../errors';
import { SCRYPT_COST } from './password-cost';

/**
 * Passwords: scrypt (N=2^17, r=8, p=1) with a random salt, compared in constant time. The
 * parameters are stored in the hash, so they can be raised later without breaking old hashes.
 *
 * Each hash costs ~128 MiB and a few hundred milliseconds of a core, and anyone can ask for one
 * (a login needs no account). So a container hashes at most MAX_HASHING at once, and the checks
 * waiting for a hash are admitted per client (a login's client address, a password change's
 * person): one client has at most MAX_CHECKS_PER_CLIENT checks in the container, hashing or
 * waiting, and past that its own further checks are refused at once (429 with Retry-After);
 * when a hash ends, the waiting client with the fewest hashes running goes next (the one that
 * waited longest among equals). So a flood from one address waits behind itself: while one
 * address floods, a good login from another waits for at most one running hash.
 * MAX_WAITING_CHECKS bounds the whole line, for a flood from many addresses at once. Setting a
 * password (staff, or a person who already proved who they are) always waits its turn: it is
 * never a stranger's request.
 */
const { N, r: R, p: P } = SCRYPT_COST;
const KEY_LENGTH = 32;
const MAX_MEMORY = 256 * 1024 * 1024;

export const MAX_HASHING = 2;
export const MAX_CHECKS_PER_CLIENT = 3;
export const MAX_WAITING_CHECKS = 16;
export const BUSY_RETRY_AFTER_SECONDS = 1;

/** Who asks for a hash, for fair admission: a client address, a person, or a password being set. */
type Asker = { kind: 'check'; client: string } | { kind: 'set' };
/** Sets share one line of their own; it is never refused. */
const SETTING = 'set';

/** Per asker: hashes running now, and the checks waiting (in arrival order). */
interface Line {
  hashing: number;
  waiting: Array<() => void>;
}
const lines = new Map<string, Line>();
/** Askers with checks waiting, the longest-waiting first. */
const turns: string[] = [];
let hashing = 0;
let waiting = 0;

const busy = (detail: string) => new TooManyAttemptsError(detail, BUSY_RETRY_AFTER_SECONDS);

/** A hashing slot: at once if one is free, else in the asker's line; a check past its client's share, or past a full line, is refused. */
async function slot(asker: Asker): Promise<string> {
  const key = asker.kind === 'set' ? SETTING : `check:${asker.client}`;
  const line = lines.get(key) ?? { hashing: 0, waiting: [] };
  if (asker.kind === 'check') {
    if (line.hashing + line.waiting.length >= MAX_CHECKS_PER_CLIENT) {
      throw busy('Too many password checks from your address at once. Try again in a moment.');
    }
    if (hashing >= MAX_HASHING && waiting >= MAX_WAITING_CHECKS) throw busy('The service is busy checking passwords. Try again in a moment.');
  }
  lines.set(key, line);
  if (hashing < MAX_HASHING) {
    hashing += 1;
    line.hashing += 1;
    return key;
  }
  if (line.waiting.length === 0) turns.push(key);
  waiting += 1;
  // The releasing hash hands its slot over, counted as this asker's.
  await new Promise<void>((resolve) => line.waiting.push(resolve));
  return key;
}

function release(key: string): void {
  const done = lines.get(key)!;
  done.hashing -= 1;
  if (done.hashing === 0 && done.waiting.length === 0) lines.delete(key);
  // The waiting asker with the fewest hashes running; among equals, the one waiting longest.
  let next = -1;
  for (let i = 0; i < turns.length; i += 1) {
    if (next === -1 || lines.get(turns[i]!)!.hashing < lines.get(turns[next]!)!.hashing) next = i;
  }
  if (next === -1) {
    hashing -= 1;
    return;
  }
  const [nextKey] = turns.splice(next, 1) as [string];
  const line = lines.get(nextKey)!;
  const resume = line.waiting.shift()!;
  if (line.waiting.length > 0) turns.push(nextKey);
  line.hashing += 1;
  waiting -= 1;
  resume();
}

async function derive(asker: Asker, password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  const key = await slot(asker);
  try {
    return await new Promise<Buffer>((resolve, reject) =>
      scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { N: n, r, p, maxmem: MAX_MEMORY }, (error, derived) =>
        error ? reject(error) : resolve(derived),
      ),
    );
  } finally {
    release(key);
  }
}

/** `scrypt$<N>$<r>$<p>$<salt b64>$<hash b64>` */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive({ kind: 'set' }, password, salt, N, R, P);
  return ['scrypt', N, R, P, salt.toString('base64'), key.toString('base64')].join('$');
}

/**
 * `client` is who asks, for fair admission: the client address of a login, the person of a
 * password change. Throws a 429 when that client already has its share of checks in the
 * container, or when the whole line is full.
 */
export async function verifyPassword(password: string, stored: string | undefined, client: string): Promise<boolean> {
  const asker: Asker = { kind: 'check', client };
  const parts = stored?.split('$');
  if (!parts || parts.length !== 6 || parts[0] !== 'scrypt') {
    // Spend the same time as a real check, so a missing account does not answer faster.
    await derive(asker, password, randomBytes(16), N, R, P);
    return false;
  }
  const [, n, r, p, salt, hash] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(hash, 'base64');
  const actual = await derive(asker, password, Buffer.from(salt, 'base64'), Number(n), Number(r), Number(p));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
