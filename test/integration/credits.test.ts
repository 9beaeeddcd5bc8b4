import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it, jest } from '@jest/globals';
import { dynamo } from '../../shared/db/client';
import { call, newTenant } from '../support/invoke';
import { createPerson } from '../support/factories/people';

const tenantId = newTenant('credits');
const staffer = { tenantId, role: 'staff' as const, sub: 'staff-7', name: 'Cora Cellar' };
const viewer = { tenantId, role: 'viewer' as const };
const outsider = { tenantId: newTenant('other'), role: 'admin' as const };

const credit = (customerId: string, amountCents: number, headers: Record<string, string> = {}, reason = 'Adjustment') =>
  call('POST', `/v1/customers/${customerId}/credits`, { as: staffer, body: { amountCents, reason }, headers });

type Ledger = { balanceCents: number; items: Array<{ id: string; amountCents: number }>; nextCursor: string | null };

/** Every page of the ledger, following the cursors. */
async function wholeLedger(customerId: string): Promise<Ledger> {
  const items: Ledger['items'] = [];
  let cursor: string | null = null;
  let balanceCents = NaN;
  do {
    const url: string = `/v1/customers/${customerId}/credits?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page = await call('GET', url, { as: viewer });
    expect(page.status).toBe(200);
    balanceCents = page.body.balanceCents;
    items.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  return { balanceCents, items, nextCursor: null };
}

describe('Stored credit', () => {
  it('adds and deducts, shows the balance with the ledger newest first, and on the profile', async () => {
    const person = await createPerson(staffer);
    const added = await credit(person.id, 2500, {}, 'Birthday');
    expect(added.status).toBe(201);
    expect(added.body).toEqual({
      id: expect.any(String),
      amountCents: 2500,
      reason: 'Birthday',
      orderId: null,
      createdAt: expect.any(String),
      createdBy: { kind: 'staff', id: 'staff-7', name: 'Cora Cellar' },
    });
    const deducted = await credit(person.id, -1000, {}, 'Used in the tasting room');
    expect(deducted.status).toBe(201);

    const ledger = await call('GET', `/v1/customers/${person.id}/credits`, { as: viewer });
    expect(ledger.status).toBe(200);
    expect(ledger.body.balanceCents).toBe(1500);
    expect(ledger.body.items.map((i: { amountCents: number }) => i.amountCents)).toEqual([-1000, 2500]);
    expect(ledger.body.nextCursor).toBeNull();

    const profile = await call('GET', `/v1/customers/${person.id}`, { as: viewer });
    expect(profile.body.creditBalanceCents).toBe(1500);
    expect(profile.body.version).toBe(3);

    const timeline = await call('GET', `/v1/customers/${person.id}/timeline`, { as: viewer });
    expect(timeline.body.items.slice(0, 2)).toEqual([
      { at: expect.any(String), type: 'credit', summary: 'Credit deducted: $10.00 (Used in the tasting room)', refId: deducted.body.id },
      { at: expect.any(String), type: 'credit', summary: 'Credit added: $25.00 (Birthday)', refId: added.body.id },
    ]);
  });

  it('refuses a deduction below zero with 409 and changes nothing', async () => {
    const person = await createPerson(staffer);
    await credit(person.id, 500);
    const refused = await credit(person.id, -501);
    expect(refused.status).toBe(409);
    expect(refused.headers['content-type']).toBe('application/problem+json');
    expect(refused.body.type).toMatch(/credit-balance-too-low$/);
    const ledger = await wholeLedger(person.id);
    expect(ledger.balanceCents).toBe(500);
    expect(ledger.items).toHaveLength(1);
  });

  it('lets exactly 5 of 100 concurrent deductions of 10 through a balance of 50; the rest are 409', async () => {
    const person = await createPerson(staffer);
    expect((await credit(person.id, 50)).status).toBe(201);
    const results = await Promise.all(Array.from({ length: 100 }, () => credit(person.id, -10)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(5);
    expect(statuses.filter((s) => s === 409)).toHaveLength(95);
    const ledger = await wholeLedger(person.id);
    expect(ledger.balanceCents).toBe(0);
    expect(ledger.items).toHaveLength(6);
    expect(ledger.items.reduce((sum, item) => sum + item.amountCents, 0)).toBe(ledger.balanceCents);
  });

  it('answers a 409, never a 500, when the balance keeps meeting transaction conflicts, and writes nothing', async () => {
    const person = await createPerson(staffer);
    await credit(person.id, 100);
    // DynamoDB Local serialises transactions; in AWS a busy balance can cancel them with TransactionConflict.
    const send = dynamo.send.bind(dynamo) as (command: unknown) => Promise<unknown>;
    const spy = jest.spyOn(dynamo, 'send').mockImplementation(((command: unknown) => {
      if (command instanceof TransactWriteCommand) {
        return Promise.reject(
          new TransactionCanceledException({
            message: 'Transaction cancelled',
            $metadata: {},
            CancellationReasons: [{ Code: 'TransactionConflict' }, { Code: 'None' }],
          }),
        );
      }
      return send(command);
    }) as never);
    try {
      const result = await credit(person.id, -10);
      expect(result.status).toBe(409);
      expect(result.body.type).toMatch(/concurrent-update$/);
      expect(spy.mock.calls.filter(([command]) => command instanceof TransactWriteCommand).length).toBeGreaterThan(5);
    } finally {
      spy.mockRestore();
    }
    const ledger = await wholeLedger(person.id);
    expect(ledger.balanceCents).toBe(100);
    expect(ledger.items).toHaveLength(1);
  });

  it('adds once when a POST is retried with the same Idempotency-Key; another body with that key is a 409', async () => {
    const person = await createPerson(staffer);
    const headers = { 'Idempotency-Key': 'gift-2024-0001' };
    const first = await credit(person.id, 1000, headers, 'Gift');
    const retry = await credit(person.id, 1000, headers, 'Gift');
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect((await credit(person.id, 2000, headers, 'Gift')).status).toBe(409);
    const ledger = await wholeLedger(person.id);
    expect(ledger.balanceCents).toBe(1000);
    expect(ledger.items.map((i) => i.id)).toEqual([first.body.id]);
  });

  it('pages the ledger with a cursor', async () => {
    const person = await createPerson(staffer);
    for (const amount of [100, 200, 300]) await credit(person.id, amount);
    const first = await call('GET', `/v1/customers/${person.id}/credits?limit=2`, { as: viewer });
    expect(first.body.items.map((i: { amountCents: number }) => i.amountCents)).toEqual([300, 200]);
    expect(first.body.balanceCents).toBe(600);
    const second = await call('GET', `/v1/customers/${person.id}/credits?limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`, { as: viewer });
    expect(second.body.items.map((i: { amountCents: number }) => i.amountCents)).toEqual([100]);
    expect(second.body.nextCursor).toBeNull();
  });

  it('refuses a zero or fractional amount, and a viewer', async () => {
    const person = await createPerson(staffer);
    const zero = await credit(person.id, 0);
    expect(zero.status).toBe(400);
    expect(zero.body.errors).toEqual([{ path: 'amountCents', message: expect.any(String) }]);
    expect((await credit(person.id, 10.5)).status).toBe(400);
    const byViewer = await call('POST', `/v1/customers/${person.id}/credits`, { as: viewer, body: { amountCents: 10, reason: 'x' } });
    expect(byViewer.status).toBe(403);
    expect((await wholeLedger(person.id)).items).toEqual([]);
  });

  it("is a 404 for an unknown person or another tenant's person, and writes nothing", async () => {
    const person = await createPerson(staffer);
    expect((await credit('01HZZZZZZZZZZZZZZZZZZZNOPE', 100)).status).toBe(404);
    const foreign = await Promise.all([
      call('GET', `/v1/customers/${person.id}/credits`, { as: outsider }),
      call('POST', `/v1/customers/${person.id}/credits`, { as: outsider, body: { amountCents: 100, reason: 'x' } }),
      call('POST', `/v1/customers/${person.id}/credits`, { as: outsider, body: { amountCents: -100, reason: 'x' } }),
    ]);
    expect(foreign.map((r) => r.status)).toEqual([404, 404, 404]);
    const ledger = await wholeLedger(person.id);
    expect(ledger).toMatchObject({ balanceCents: 0, items: [] });
  });
});
