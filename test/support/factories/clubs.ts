import { expect } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { call, type Caller } from '../invoke';
import { newPersonBody } from './people';

/**
 * Test data for the clubs aggregate, made through the API as staff would make it: a club with
 * its variants, a person, a membership. Every helper asserts its request succeeded, so a test
 * fails where the setup broke, not later.
 */
export interface TestClub {
  id: string;
  name: string;
  classId: string;
  discountPercent: number;
  variants: { id: string; name: string }[];
  version: number;
}

export interface TestMembership {
  id: string;
  clubId: string;
  clubName: string;
  variantId: string | null;
  variantName: string | null;
  status: string;
  pausedUntil: string | null;
  version: number;
}

export function clubsFactory(tenantId: string) {
  const admin: Caller = { tenantId, role: 'admin', sub: 'admin-1', name: 'Alice Admin' };
  const staffer: Caller = { tenantId, role: 'staff', sub: 'staff-2', name: 'Sam Staff' };

  async function club(overrides: { name?: string; discountPercent?: number; variants?: string[] } = {}): Promise<TestClub> {
    const body = {
      name: overrides.name ?? `Club ${randomUUID().slice(0, 6)}`,
      discountPercent: overrides.discountPercent ?? 10,
      variants: (overrides.variants ?? []).map((name) => ({ name })),
    };
    const created = await call('POST', '/v1/clubs', { as: admin, body });
    expect(created.status).toBe(201);
    return created.body as TestClub;
  }

  async function person(overrides: Record<string, unknown> = {}): Promise<{ id: string; email: string; firstName: string; lastName: string }> {
    const created = await call('POST', '/v1/customers', { as: staffer, body: newPersonBody(overrides) });
    expect(created.status).toBe(201);
    return created.body as { id: string; email: string; firstName: string; lastName: string };
  }

  /** Joins `customerId` to `club`, in the variant named `variant` (the club's first when it has variants and none is named). */
  async function join(customerId: string, club: TestClub, options: { variant?: string } = {}): Promise<TestMembership> {
    const variant = options.variant ? club.variants.find((v) => v.name === options.variant) : club.variants[0];
    const joined = await call('POST', `/v1/customers/${customerId}/memberships`, {
      as: staffer,
      body: { clubId: club.id, shippingPreference: 'ship', ...(variant ? { variantId: variant.id } : {}) },
    });
    expect(joined.status).toBe(201);
    return joined.body as TestMembership;
  }

  return { admin, staffer, club, person, join };
}
