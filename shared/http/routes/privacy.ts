import { CustomerPath } from '../../people/customer-schemas';
import { EraseBody, EraseResult, PrivacyExport } from '../../privacy/privacy-schemas';
import { staff, type RouteSpec } from '../route-spec';

const tag = 'Privacy';

export const privacyRoutes = {
  exportPersonalData: {
    method: 'GET', path: '/v1/customers/{id}/privacy-export', fn: 'privacy', tag, access: staff('admin'), status: 200,
    summary:
      'Everything held about the person, as JSON (a CCPA/GDPR access request): profile, addresses, cards without ' +
      'tokens, additional emails, notes, memberships, certificates, credits, orders, reservations, cellar, email logs, ' +
      'timeline and change history. Recorded in the change history (`privacy-export` created).',
    params: CustomerPath, response: PrivacyExport,
  },
  erasePerson: {
    method: 'POST', path: '/v1/customers/{id}/erase', fn: 'privacy', tag, access: staff('admin'), status: 200,
    summary:
      'Erase the person’s personal data (a CCPA/GDPR deletion request). `If-Match` is required (400 without it, 412 ' +
      'when stale). Names, emails, phones, addresses, birth date, partner, notes, cards, additional emails, the ' +
      'recipients and subjects of email logs, the personal values in the change history, search entries and the ' +
      'portal password go; orders with their amounts and credits stay, under the name `Erased customer #<number>`. ' +
      'Live memberships are cancelled with reason `erased`. No former name, email or phone finds anything; the email ' +
      'may be used again. Not undoable. Interrupted, it is finished by sending it again; once done, it answers the same.',
    params: CustomerPath, body: EraseBody, response: EraseResult, conditional: true,
  },
} as const satisfies Record<string, RouteSpec>;
