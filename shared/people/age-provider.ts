import { lookup } from 'node:dns/promises';
import { request } from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { ProviderUnavailableError } from '../errors';
import { logger } from '../log';

/**
 * The electronic age-verification provider configured in settings: an HTTPS endpoint that takes
 * the person's identity and answers `{ status: "verified" | "failed" | "pending" }`. Each
 * attempt has a timeout; network errors, 429 and 5xx are retried a bounded number of times with
 * backoff; anything else, or running out of attempts, is a 502 for the caller.
 *
 * The endpoint is typed in by a tenant's admin, so it is not trusted: the call goes over HTTPS
 * only, to a host all of whose addresses are public (no loopback, private, link-local — the
 * instance metadata service —, CGNAT, unspecified, multicast or reserved address, nor an IPv6
 * form of one), and connects to the very address it checked, so a second DNS answer cannot
 * move it (DNS rebinding). Redirects are not followed. The 502 never tells what the target
 * answered or whether it exists (that would make this a port scanner); the reason is logged.
 */
export interface AgeCheckRequest {
  firstName: string;
  lastName: string;
  birthDate: string;
  email: string;
  address: { line1: string | null; city: string | null; region: string | null; postalCode: string | null; country: string | null } | null;
}

export type AgeCheckStatus = 'verified' | 'failed' | 'pending';

export class AgeProviderError extends ProviderUnavailableError {
  constructor() {
    super('age-verification-unavailable', 'Age verification unavailable', 'The age-verification provider could not be reached or gave no usable answer.');
  }
}

export interface AgeProviderOptions {
  timeoutMs?: number;
  attempts?: number;
  backoffMs?: number;
}

const NOT_PUBLIC = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network", unspecified
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, the instance metadata service
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 96], // unspecified, loopback, IPv4-compatible
  ['64:ff9b::', 96], // NAT64: an IPv4 address inside
  ['64:ff9b:1::', 48],
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local
  ['ff00::', 8], // multicast
] as const) {
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv6');
}

/** Whether an IP address is public. IPv4-mapped IPv6 (`::ffff:127.0.0.1`) is judged as its IPv4. */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  return !NOT_PUBLIC.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** The endpoint may not be called; not worth retrying. */
class RefusedTarget extends Error {}

/** The address to connect to: the host's first, once every address it has is public. */
export async function publicTarget(endpoint: string): Promise<{ url: URL; address: string; family: number }> {
  const url = new URL(endpoint);
  if (url.protocol !== 'https:') throw new RefusedTarget('not https');
  const addresses = await lookup(url.hostname.replace(/^\[(.*)\]$/, '$1'), { all: true, verbatim: true });
  const first = addresses[0];
  if (!first || addresses.some((a) => !isPublicAddress(a.address))) throw new RefusedTarget('not a public address');
  return { url, address: first.address, family: first.family };
}

const MAX_ANSWER_BYTES = 64 * 1024;

type Post = (target: { url: URL; address: string; family: number }, body: string, timeoutMs: number) => Promise<{ status: number; text: string }>;

/** POSTs over HTTPS to the checked address (the certificate is still checked against the host name). */
const httpsPost: Post = ({ url, address, family }, body, timeoutMs) =>
  new Promise((resolve, reject) => {
    const pinned: LookupFunction = (_host, options, callback) =>
      options.all ? callback(null, [{ address, family }]) : callback(null, address, family);
    const outgoing = request(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', 'content-length': Buffer.byteLength(body) },
        lookup: pinned,
        signal: AbortSignal.timeout(timeoutMs),
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_ANSWER_BYTES) outgoing.destroy(new Error('answer too large'));
          else chunks.push(chunk);
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });

/**
 * How a checked call reaches the network. Tests replace `post` to answer from a plain-HTTP server
 * on 127.0.0.1 (after the real address check of a public literal); nothing in configuration can.
 */
export const providerNetwork: { post: Post } = { post: httpsPost };

export async function checkAge(endpoint: string, request: AgeCheckRequest, options: AgeProviderOptions = {}): Promise<AgeCheckStatus> {
  const { timeoutMs = 5000, attempts = 3, backoffMs = 200 } = options;
  const fail = (reason: string): never => {
    logger.warn('age verification failed', { reason });
    throw new AgeProviderError();
  };
  let lastProblem = 'no attempt made';
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, backoffMs * 2 ** (attempt - 2)));
    let answer: { status: number; text: string };
    try {
      // Checked on every attempt, right before connecting to the address it found.
      answer = await providerNetwork.post(await publicTarget(endpoint), JSON.stringify(request), timeoutMs);
    } catch (error) {
      if (error instanceof RefusedTarget) fail(`endpoint refused: ${error.message}`);
      lastProblem = (error as Error).name;
      continue;
    }
    if (answer.status === 429 || answer.status >= 500) {
      lastProblem = `status ${answer.status}`;
      continue;
    }
    if (answer.status < 200 || answer.status >= 300) fail(`status ${answer.status}`);
    const status = (() => {
      try {
        return (JSON.parse(answer.text) as { status?: unknown } | null)?.status;
      } catch {
        return undefined;
      }
    })();
    if (status === 'verified' || status === 'failed' || status === 'pending') return status;
    fail('an answer without a known status');
  }
  return fail(`unavailable: ${lastProblem}`);
}
