import { lookup } from 'node:dns/promises';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/**
 * Calls to addresses a tenant typed in (the age-verification provider, webhook endpoints): the
 * one place that decides where the service may connect. The target is not trusted: the call
 * goes over HTTPS only, to a host all of whose addresses are public (no loopback, private,
 * link-local — the instance metadata service —, CGNAT, unspecified, multicast or reserved
 * address, nor an IPv6 form of one), and connects to the very address it checked, so a second
 * DNS answer cannot move it (DNS rebinding). Redirects are never followed (Node's request does
 * not follow them), and an answer is read up to a bound. Callers check again before every
 * attempt: DNS can change between two calls.
 */

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

/** The target may not be called (not https, or an address that is not public); not worth retrying. */
export class RefusedTarget extends Error {
  override readonly name = 'RefusedTarget';
}

/** Where a checked call connects: the URL (for the Host header and TLS name) and the address checked. */
export interface CheckedTarget {
  readonly url: URL;
  readonly address: string;
  readonly family: number;
}

export interface TargetPolicy {
  /**
   * Plain `http://127.0.0.1` is allowed too: only where the whole service runs on one machine
   * (`npm start`, tests), where the receiver a developer points a webhook at is local.
   */
  readonly allowLoopbackHttp?: boolean;
}

/** The answer of a checked call, read up to `maxBytes` (the rest is never read). */
export interface OutboundAnswer {
  readonly status: number;
  readonly text: string;
}

export interface PostOptions {
  readonly headers?: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  /** Bytes of the answer read at most; past it the connection is closed and the answer is what was read. */
  readonly maxBytes?: number;
}

type Resolve = (host: string) => Promise<readonly { address: string; family: number }[]>;
type Post = (target: CheckedTarget, body: string, options: PostOptions) => Promise<OutboundAnswer>;

const MAX_ANSWER_BYTES = 64 * 1024;

/** POSTs to the checked address (over TLS the certificate is still checked against the host name). */
const pinnedPost: Post = ({ url, address, family }, body, { headers = {}, timeoutMs, maxBytes = MAX_ANSWER_BYTES }) =>
  new Promise((resolve, reject) => {
    const pinned: LookupFunction = (_host, options, callback) =>
      options.all ? callback(null, [{ address, family }]) : callback(null, address, family);
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const outgoing = request(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', ...headers, 'content-length': Buffer.byteLength(body) },
        lookup: pinned,
        signal: AbortSignal.timeout(timeoutMs),
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const done = () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') });
        response.on('data', (chunk: Buffer) => {
          if (size >= maxBytes) return;
          chunks.push(chunk.subarray(0, maxBytes - size));
          size += chunk.length;
          // Enough read: the rest is not wanted, and a target that streams forever must not hold the call.
          if (size >= maxBytes) {
            done();
            response.destroy();
          }
        });
        response.on('end', done);
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });

/**
 * How checked calls reach the network. Tests replace `resolve` (so a host name "resolves" to
 * the address the test wants, with no DNS) or `post` (to answer from a plain-HTTP server on
 * 127.0.0.1); nothing in configuration can.
 */
export const outboundNetwork: { resolve: Resolve; post: Post } = {
  resolve: (host) => lookup(host, { all: true, verbatim: true }),
  post: pinnedPost,
};

const isLoopbackHttp = (url: URL) => url.protocol === 'http:' && url.hostname === '127.0.0.1';

/**
 * Why a URL may never be called, whatever it resolves to (checked when it is saved), or
 * undefined. The address check itself needs DNS: `publicTarget`.
 */
export function refusedUrl(value: string, policy: TargetPolicy = {}): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be a URL';
  }
  if (policy.allowLoopbackHttp && isLoopbackHttp(url)) return undefined;
  if (url.protocol !== 'https:') return policy.allowLoopbackHttp ? 'must be an https:// URL (or, locally, http://127.0.0.1)' : 'must be an https:// URL';
  if (url.username || url.password) return 'must not carry a user name or password';
  return undefined;
}

/** The address to connect to: the host's first, once every address it has is public. */
export async function publicTarget(endpoint: string, policy: TargetPolicy = {}): Promise<CheckedTarget> {
  const refusal = refusedUrl(endpoint, policy);
  if (refusal) throw new RefusedTarget(refusal.includes('https') ? 'not https' : refusal);
  const url = new URL(endpoint);
  if (policy.allowLoopbackHttp && isLoopbackHttp(url)) return { url, address: '127.0.0.1', family: 4 };
  const addresses = await outboundNetwork.resolve(url.hostname.replace(/^\[(.*)\]$/, '$1'));
  const first = addresses[0];
  if (!first || addresses.some((a) => !isPublicAddress(a.address))) throw new RefusedTarget('not a public address');
  return { url, address: first.address, family: first.family };
}
