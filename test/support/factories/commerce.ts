import { expect } from '@jest/globals';
import { inflateSync } from 'node:zlib';
import type { Customer } from '../../../shared/people/customer-schemas';
import type { Order } from '../../../shared/commerce/order-schemas';
import { call, type Caller } from '../invoke';
import { createPerson, type PersonOverrides } from './people';

/**
 * Test data for orders and reservations, made through the API as staff would make it. Orders
 * need a verified adult where the winery requires one (`settings.ageVerification.requiredForOrders`,
 * default true), so `buyer` creates a person born in 1980 and verifies them by hand, as staff
 * who checked an ID would. Every helper asserts its request succeeded.
 */
export const ADULT_BIRTH_DATE = '1980-04-02';

export const oneBottle = [{ sku: 'CAB-2019', name: 'Cabernet Sauvignon 2019', quantity: 1, unitPriceCents: 4500 }];

/** A person whose age staff verified: they may order. */
export async function buyer(as: Caller, overrides: PersonOverrides = {}): Promise<Customer> {
  const person = await createPerson(as, { birthDate: ADULT_BIRTH_DATE, ...overrides });
  const verified = await call('POST', `/v1/customers/${person.id}/age-verification`, { as, body: { method: 'manual', note: 'ID checked' } });
  expect(verified.status).toBe(200);
  return verified.body as Customer;
}

/** Places a pickup order of one bottle (or what `overrides` say) and answers the 201 body. */
export async function placedOrder(as: Caller, customerId: string, overrides: Record<string, unknown> = {}): Promise<Order> {
  const placed = await call('POST', '/v1/orders', { as, body: { customerId, lines: oneBottle, fulfillment: 'pickup', ...overrides } });
  expect(placed.status).toBe(201);
  return placed.body as Order;
}

/** A portal token for the person, as staff open their portal (`POST …/portal-session`). */
export async function portalTokenOf(as: Caller, customerId: string): Promise<string> {
  const session = await call('POST', `/v1/customers/${customerId}/portal-session`, { as });
  expect(session.status).toBe(201);
  return session.body.token as string;
}

/** Call options that present a portal token, and nothing else. */
export const bearer = (token: string) => ({ as: null, headers: { authorization: `Bearer ${token}` } });

/** Changes some of the tenant's settings as an admin, keeping the rest. */
export async function changeSettings(as: Caller, change: (settings: Record<string, any>) => Record<string, unknown>): Promise<void> {
  const current = await call('GET', '/v1/settings', { as });
  expect(current.status).toBe(200);
  const saved = await call('PUT', '/v1/settings', { as, body: change(current.body) });
  expect(saved.status).toBe(200);
}

/**
 * The text a PDF shows: pdf-lib writes each drawn string into a Flate-compressed content
 * stream as `<hex> Tj`; this inflates every stream and decodes those strings, one per line.
 */
export function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const shown: string[] = [];
  for (const match of raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    let content: string;
    try {
      content = inflateSync(Buffer.from(match[1]!, 'latin1')).toString('latin1');
    } catch {
      continue;
    }
    for (const text of content.matchAll(/<([0-9A-Fa-f]*)>\s*Tj/g)) shown.push(Buffer.from(text[1]!, 'hex').toString('latin1'));
  }
  return shown.join('\n');
}
