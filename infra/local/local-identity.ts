import { createHash, randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  SignJWT,
  calculateJwkThumbprint,
  decodeProtectedHeader,
  errors,
  exportJWK,
  generateKeyPair,
  importJWK,
  jwtVerify,
  type CryptoKey,
  type JWK,
  type JWTPayload,
} from 'jose';
import { ValidationError } from '../../shared/errors';
import { fieldErrors } from '../../shared/http/field-errors';
import { TenantId } from '../../shared/schemas/common';

/**
 * The local stand-in for the identity provider (Cognito in AWS) and for API Gateway's JWT
 * authorizer: it signs RS256 tokens shaped like Cognito ID tokens and verifies them the way the
 * authorizer does (key id, signature, `iss`, `aud` or `client_id`, `exp`, `nbf`, `iat`).
 *
 * The signing key is generated on first use. With `keyFile` it is kept there (so tokens survive
 * a restart of `npm start`); without, it lives only in this process (`--in-memory`).
 */

export const staffGroups = ['admin', 'staff', 'viewer'] as const;
export type StaffGroup = (typeof staffGroups)[number];

/** Defaults shaped like a Cognito user pool's issuer and an app client id. */
export const LOCAL_ISSUER = 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_local';
export const LOCAL_AUDIENCE = 'winery-people-local-client';

export interface LocalIdentityOptions {
  readonly issuer?: string;
  readonly audience?: string;
  /** Where the private key is kept between runs; omit to keep it in memory only. */
  readonly keyFile?: string;
}

/** Who the token is for, as `POST /local/token` takes it. */
export interface LocalTokenRequest {
  readonly tenantId: string;
  readonly sub?: string;
  readonly name?: string;
  readonly groups?: readonly StaffGroup[];
}

export interface SignOptions {
  /** Issue the token as if it were this time (tests of expiry). */
  readonly now?: Date;
  readonly expiresInSeconds?: number;
  /** Claims set last, over the defaults (tests of a wrong issuer or audience). */
  readonly extraClaims?: Readonly<JWTPayload>;
}

export type Verification =
  | { readonly ok: true; readonly payload: JWTPayload }
  /** `description` is what API Gateway puts in `www-authenticate`'s `error_description`. */
  | { readonly ok: false; readonly description: string };

export interface LocalIdentity {
  readonly issuer: string;
  readonly audience: string;
  /**
   * Signs a Cognito-like ID token: `sub`, `name`, `custom:tenantId`, `cognito:groups`, `token_use: id`, one hour.
   * Throws a 400 for a tenant id the API would refuse: like Cognito, it signs only well-formed tenants.
   */
  signToken(request: LocalTokenRequest, options?: SignOptions): Promise<string>;
  /** Verifies an `Authorization` header value as API Gateway's JWT authorizer does. */
  verifyAuthorization(header: string | undefined): Promise<Verification>;
}

interface KeyPair {
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly publicKey: CryptoKey;
}

async function loadOrCreateKey(keyFile: string | undefined): Promise<KeyPair> {
  let privateJwk: JWK;
  if (keyFile && existsSync(keyFile)) {
    privateJwk = JSON.parse(readFileSync(keyFile, 'utf8')) as JWK;
  } else {
    const generated = await generateKeyPair('RS256', { extractable: true });
    privateJwk = await exportJWK(generated.privateKey);
    if (keyFile) {
      mkdirSync(dirname(keyFile), { recursive: true });
      writeFileSync(keyFile, JSON.stringify(privateJwk), { mode: 0o600 });
      chmodSync(keyFile, 0o600);
    }
  }
  const publicJwk: JWK = { kty: privateJwk.kty, n: privateJwk.n, e: privateJwk.e };
  return {
    kid: await calculateJwkThumbprint(publicJwk),
    privateKey: (await importJWK(privateJwk, 'RS256')) as CryptoKey,
    publicKey: (await importJWK(publicJwk, 'RS256')) as CryptoKey,
  };
}

/** A stable, UUID-shaped subject per tenant, so "who wrote this" stays the same across tokens. */
function defaultSubject(tenantId: string): string {
  const hex = createHash('sha256').update(`local-staff:${tenantId}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

const failure = (description: string): Verification => ({ ok: false, description });

export async function createLocalIdentity(options: LocalIdentityOptions = {}): Promise<LocalIdentity> {
  const issuer = options.issuer ?? LOCAL_ISSUER;
  const audience = options.audience ?? LOCAL_AUDIENCE;
  const key = await loadOrCreateKey(options.keyFile);

  async function signToken(request: LocalTokenRequest, sign: SignOptions = {}): Promise<string> {
    const tenant = TenantId.safeParse(request.tenantId);
    if (!tenant.success) throw new ValidationError(fieldErrors(tenant.error, 'tenantId'));
    const issuedAt = Math.floor((sign.now ?? new Date()).getTime() / 1000);
    const sub = request.sub ?? defaultSubject(request.tenantId);
    const payload: JWTPayload = {
      sub,
      'cognito:groups': [...(request.groups ?? ['admin'])],
      iss: issuer,
      'cognito:username': sub,
      aud: audience,
      event_id: randomUUID(),
      token_use: 'id',
      auth_time: issuedAt,
      name: request.name ?? 'Local Staff',
      'custom:tenantId': request.tenantId,
      exp: issuedAt + (sign.expiresInSeconds ?? 3600),
      iat: issuedAt,
      jti: randomUUID(),
      ...sign.extraClaims,
    };
    return new SignJWT(payload).setProtectedHeader({ kid: key.kid, alg: 'RS256' }).sign(key.privateKey);
  }

  // Tokens already verified, until they expire: a front end sends the same token on every call,
  // and checking an RS256 signature each time would be the gateway's largest cost.
  const verified = new Map<string, JWTPayload>();

  async function verifyAuthorization(header: string | undefined): Promise<Verification> {
    // The identity source may hold the bare token or `Bearer <token>`.
    const token = header?.trim().replace(/^Bearer\s+/i, '');
    if (!token) return failure('no token in the Authorization header');
    const known = verified.get(token);
    if (known && typeof known.exp === 'number' && known.exp > Date.now() / 1000) return { ok: true, payload: known };
    verified.delete(token);
    try {
      if (decodeProtectedHeader(token).kid !== key.kid) return failure('the token was not signed by a known key');
      const { payload } = await jwtVerify(token, key.publicKey, { issuer, algorithms: ['RS256'], requiredClaims: ['exp'] });
      // API Gateway reads `client_id` only when `aud` is absent.
      const audiences = payload.aud !== undefined ? [payload.aud].flat() : [payload.client_id].filter((v) => typeof v === 'string');
      if (!audiences.includes(audience)) return failure('the token does not have a valid audience');
      if (typeof payload.iat === 'number' && payload.iat > Date.now() / 1000) return failure('the token was issued in the future');
      if (verified.size >= 1000) verified.delete(verified.keys().next().value!);
      verified.set(token, payload);
      return { ok: true, payload };
    } catch (error) {
      return failure(describeJoseError(error));
    }
  }

  return { issuer, audience, signToken, verifyAuthorization };
}

function describeJoseError(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'the token has expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'iss') return 'the token does not have a valid issuer';
    if (error.claim === 'nbf') return 'the token is not valid yet';
    return `the token has an invalid ${error.claim} claim`;
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'the token does not have a valid signature';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'the token is not signed with RS256';
  return 'the token is malformed';
}
