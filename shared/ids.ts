import { createHash } from 'node:crypto';
import { encodeTime, monotonicFactory } from 'ulid';
import { now } from './clock';

/** The one id generator: ULIDs, sortable by creation time (the one clock's) and monotonic within a container. */
const ulid = monotonicFactory();

export function newId(at: number = now().getTime()): string {
  return ulid(at);
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * An id that the same inputs always give: a ULID whose time is `at` (so such ids still sort by
 * when their thing happened) and whose remaining 80 bits are a hash of `parts`. What a stream
 * record causes is keyed by it, so a redelivered record finds what it made the first time
 * instead of making it again. An `at` that is not an instant gives time 0 (the id stays stable,
 * it just sorts first).
 */
export function derivedId(at: string | undefined, ...parts: readonly string[]): string {
  const parsed = at ? Date.parse(at) : Number.NaN;
  const time = encodeTime(Number.isNaN(parsed) ? 0 : parsed, 10);
  const digest = createHash('sha256').update(parts.join('\n')).digest();
  let random = '';
  for (let i = 0; i < 16; i += 1) random += CROCKFORD[digest[i]! & 31];
  return time + random;
}
