import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { secret } from '../secrets';

/**
 * Signing secrets are symmetric: to sign, the service must hold them. The table holds them only
 * sealed (AES-256-GCM under a service key, `WEBHOOK_SECRET_KEY`, bound to the tenant and the
 * endpoint as associated data), so a copy of the table, a stream image or a backup shows no
 * secret, and a sealed secret moved to another endpoint does not open.
 */
let keyPromise: Promise<Buffer> | undefined;

function sealingKey(): Promise<Buffer> {
  keyPromise ??= secret('WEBHOOK_SECRET_KEY').then((value) => Buffer.from(hkdfSync('sha256', value, 'winery-people', 'webhook-secret-v1', 32)));
  return keyPromise;
}

const associatedData = (tenantId: string, webhookId: string) => Buffer.from(`${tenantId}\n${webhookId}`, 'utf8');

/** A new signing secret as the Standard Webhooks specification writes it: `whsec_` + base64 of 32 random bytes. */
export function newSigningSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

export async function sealSecret(tenantId: string, webhookId: string, plain: string): Promise<string> {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', await sealingKey(), iv);
  cipher.setAAD(associatedData(tenantId, webhookId));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

export async function openSecret(tenantId: string, webhookId: string, sealed: string): Promise<string> {
  const raw = Buffer.from(sealed, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', await sealingKey(), raw.subarray(0, 12));
  decipher.setAAD(associatedData(tenantId, webhookId));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}
