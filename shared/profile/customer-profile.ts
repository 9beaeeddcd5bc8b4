import { clubItemsOf, toCertificate, toMembership } from '../clubs/club-items';
import { toAddress, toCard, toCustomer, toCustomerEmail } from '../people/customer-items';
import { readProfilePage } from '../people/profile-page';

/**
 * `GET /v1/customers/{id}` and the member's `GET /portal/me`: the person with their addresses,
 * cards and emails, and their clubs' memberships and certificates, from one Query.
 */
export async function getCustomerProfile(tenantId: string, customerId: string) {
  const page = await readProfilePage(tenantId, customerId);
  const { memberships, certificates } = clubItemsOf(page);
  return {
    ...toCustomer(page.profile),
    addresses: page.addresses.map(toAddress),
    cards: page.cards.map(toCard),
    emails: page.emails.map(toCustomerEmail),
    memberships: memberships.map(toMembership),
    certificates: certificates.map((item) => toCertificate(item)),
  };
}
