import { expect } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { Customer } from '../../../shared/people/customer-schemas';
import { call, type Caller } from '../invoke';

/**
 * Test data for people: the one place that knows what a valid create body looks like. Each
 * body gets an email of its own, so tests in one tenant never collide on it.
 */
export interface PersonOverrides {
  /** Fields of the create body beside the billing address (`phone`, `birthDate`, `flags`…). */
  [field: string]: unknown;
  /** Merged into the default billing address (`{ email: … }` to choose the email). */
  billingAddress?: Record<string, unknown>;
}

export function newPersonBody(overrides: PersonOverrides = {}) {
  const { billingAddress, ...rest } = overrides;
  const n = randomUUID().slice(0, 8);
  return {
    billingAddress: { firstName: 'Ada', lastName: 'Lovelace', email: `ada.${n}@example.com`, ...billingAddress },
    sendWelcomeEmail: false,
    ...rest,
  };
}

/** Creates a person through the API as `as` (an admin of a tenant by default) and answers the 201 body. */
export async function createPerson(as: Caller | string, overrides: PersonOverrides = {}): Promise<Customer> {
  const caller = typeof as === 'string' ? { tenantId: as, role: 'admin' as const } : as;
  const created = await call('POST', '/v1/customers', { as: caller, body: newPersonBody(overrides) });
  expect(created.status).toBe(201);
  return created.body as Customer;
}
