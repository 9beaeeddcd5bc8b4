import { Webhook } from 'standardwebhooks';

/**
 * The Standard Webhooks headers of one attempt: `webhook-id` (the event id, the same on every
 * attempt), `webhook-timestamp` (Unix seconds, of this attempt) and `webhook-signature`, one
 * `v1,<base64 HMAC-SHA256>` of `<id>.<timestamp>.<body>` per signing secret, space-separated.
 * The `standardwebhooks` package signs, so the framing is exactly what its verifiers check.
 */
export function signedHeaders(eventId: string, at: Date, body: string, secrets: readonly string[]): Record<string, string> {
  return {
    'webhook-id': eventId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': secrets.map((secret) => new Webhook(secret).sign(eventId, at, body)).join(' '),
  };
}
