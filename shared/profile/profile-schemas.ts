import * as z from '../schemas/zod';
import { Certificate } from '../clubs/certificate-schemas';
import { Membership } from '../clubs/club-schemas';
import { Address, Customer } from '../people/customer-schemas';
import { Card, CustomerEmail } from '../people/profile-schemas';
import { lazySchema } from '../schemas/lazy-schema';

/** The profile page in one call: the person with their bounded collections and their clubs'. */
export const CustomerProfile = /* @__PURE__ */ lazySchema(() => z.meta(
  z.extend(Customer, {
    addresses: z.array(Address),
    cards: z.array(Card),
    emails: z.array(CustomerEmail),
    memberships: z.array(Membership),
    certificates: z.array(Certificate),
  }),
  { id: 'CustomerProfile' },
));
