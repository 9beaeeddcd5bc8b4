import { historyKeys } from '../history/keys';

/**
 * Every key the portal writes, declared once. Attempt budgets and password tokens have
 * partitions of their own under the tenant (`T#<tenant>#ATTEMPTS#…`, `T#<tenant>#PWTOKEN#…`), so
 * they never mix with a person's items; a staff portal session is a history item of the person
 * (`H#PSESSION#<id>`), so the change history records who opened it, and so is a request for a
 * reset email (`H#PWRESET#<id>`).
 */
export const portalKeys = {
  /** One budget per scope (`login-email`, …) and subject (an email, a client address, a person id), any case. */
  attempts: (tenantId: string, scope: string, subject: string) => ({
    pk: `T#${tenantId}#ATTEMPTS#${scope}#${subject.toLowerCase()}`,
    sk: 'ATTEMPTS',
  }),
  /** A one-time password token, by the SHA-256 of the raw token (the raw token is never stored). */
  passwordToken: (tenantId: string, tokenHash: string) => ({ pk: `T#${tenantId}#PWTOKEN#${tokenHash}`, sk: 'PWTOKEN' }),
  /** A portal session that staff opened for a person. */
  staffSession: (tenantId: string, customerId: string, sessionId: string) => historyKeys.item(tenantId, customerId, 'PSESSION', sessionId),
  /** A request for a password-reset email, under the person (`H#PWRESET#<id>`); the notifications consumer sends it. */
  resetRequest: (tenantId: string, customerId: string, requestId: string) => historyKeys.item(tenantId, customerId, 'PWRESET', requestId),
};
