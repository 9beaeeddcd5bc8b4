import { describe, expect, it } from '@jest/globals';
import type { StreamChange } from '../../shared/streams/stream-handler';
import { webhookEventOf } from '../../shared/webhooks/webhook-events';
import { disabledByFailures } from '../../shared/webhooks/endpoint-alert';
import { parseAttemptMessage } from '../../shared/webhooks/delivery-queue';
import { compileFilters } from '../../infra/local/stream-filter';
import { consumers } from '../../shared/streams/consumers';
import { marshall } from '@aws-sdk/util-dynamodb';
import { DELIVERY_STAGES, RETRY_WAITS_SECONDS, stageFor, waitAfter } from '../../shared/webhooks/delivery-schedule';

const stamp = { version: 2, createdAt: '2026-11-02T17:00:00.000Z', updatedAt: '2026-11-02T17:05:00.000Z', updatedBy: { kind: 'staff', id: 'u1', name: 'Dana' } };
const customer = {
  pk: 'T#w1#C#c1', sk: 'P#PROFILE', type: 'customer', tenantId: 'w1', id: 'c1', customerNumber: 1000, firstName: 'Ada', lastName: 'Lovelace',
  email: 'ada@example.com', phone: null, birthDate: null, partner: null, flags: [], permissions: { email: false, sms: false, phone: false, mail: false },
  customerClassId: null, effectiveClassId: null, clubIds: [], specialInstructions: null, defaultBillingAddressId: null, defaultShippingAddressId: null,
  creditBalanceCents: 0, ageVerification: { status: 'unverified', method: null, verifiedAt: null, verifiedBy: null }, sendWelcomeEmail: false, ...stamp,
};
const membership = {
  pk: 'T#w1#C#c1', sk: 'P#M#m1', type: 'membership', tenantId: 'w1', customerId: 'c1', id: 'm1', clubId: 'k1', classId: 'cl1', clubName: 'Barrel',
  variantId: null, variantName: null, ownerId: null, status: 'active', shippingPreference: 'ship', pickupLocation: null, pausedUntil: null,
  joinedAt: '2026-11-02T17:00:00.000Z', cancelledAt: null, cancelReason: null, ...stamp,
};

const change = (eventName: StreamChange['eventName'], newItem: object | undefined, oldItem?: object): StreamChange => ({
  eventId: 'record-1',
  eventName,
  newItem: newItem as Record<string, unknown> | undefined,
  oldItem: oldItem as Record<string, unknown> | undefined,
});
const typeOf = (c: StreamChange) => webhookEventOf(c)?.event.type;

describe('Module: webhook-events', () => {
  describe('Method: webhookEventOf', () => {
    it('gives a created person the customer as the API shows it, without the password hash or keys', () => {
      const found = webhookEventOf(change('INSERT', { ...customer, version: 1, passwordHash: 'scrypt$secret' }))!;
      expect(found.tenantId).toBe('w1');
      expect(found.event).toMatchObject({ type: 'customer.created', createdAt: stamp.updatedAt, data: { id: 'c1', customerNumber: 1000, needsAgeVerification: true } });
      expect(JSON.stringify(found.event.data)).not.toMatch(/scrypt|passwordHash|"pk"|clubIds/);
    });

    it('gives the same event id to every delivery of one stream record, and another to another record', () => {
      const once = webhookEventOf(change('INSERT', customer))!.event.id;
      expect(webhookEventOf(change('INSERT', customer))!.event.id).toBe(once);
      expect(webhookEventOf({ ...change('INSERT', customer), eventId: 'record-2' })!.event.id).not.toBe(once);
    });

    it('sends customer.updated only when what the API shows changed', () => {
      expect(typeOf(change('MODIFY', { ...customer, phone: '707-555-0100', version: 3 }, customer))).toBe('customer.updated');
      expect(typeOf(change('MODIFY', { ...customer, passwordHash: 'new', passwordGeneration: 2, version: 3 }, customer))).toBeUndefined();
      expect(typeOf(change('MODIFY', { ...customer, clubIds: [], version: 3, updatedAt: '2026-11-03T00:00:00.000Z' }, customer))).toBeUndefined();
    });

    it('sends customer.merged and customer.erased instead of updated, with no personal data', () => {
      const word = { pk: 'T#w1#C#c1', sk: 'P#MERGED', type: 'merged-customer', tenantId: 'w1', customerId: 'c1', customerNumber: 1000, mergedInto: 'c2', mergeId: 'g1', ...stamp };
      const merged = webhookEventOf(change('INSERT', word))!.event;
      expect(merged).toEqual(expect.objectContaining({ type: 'customer.merged', data: { id: 'c1', customerNumber: 1000, mergedInto: 'c2' } }));
      const erased = webhookEventOf(change('MODIFY', { ...customer, firstName: 'Erased', erasedAt: '2026-11-04T00:00:00.000Z' }, customer))!.event;
      expect(erased).toEqual(expect.objectContaining({ type: 'customer.erased', data: { id: 'c1', customerNumber: 1000, erasedAt: '2026-11-04T00:00:00.000Z' } }));
    });

    it('sends nothing for what a merge or its undo moved to the other person (placed once, created once)', () => {
      expect(typeOf(change('INSERT', { ...customer, movedBy: 'g1' }))).toBeUndefined();
      expect(typeOf(change('INSERT', { ...membership, pk: 'T#w1#C#c2', customerId: 'c2', movedBy: 'g1' }))).toBeUndefined();
    });

    it.each([
      ['a join', 'INSERT', membership, undefined, 'membership.created'],
      ['a pause', 'MODIFY', { ...membership, status: 'paused', pausedUntil: '2027-01-01' }, membership, 'membership.paused'],
      ['a pause moved', 'MODIFY', { ...membership, status: 'paused', pausedUntil: '2027-02-01' }, { ...membership, status: 'paused', pausedUntil: '2027-01-01' }, 'membership.paused'],
      ['a resume', 'MODIFY', membership, { ...membership, status: 'paused', pausedUntil: '2027-01-01' }, 'membership.resumed'],
      ['a switch', 'MODIFY', { ...membership, clubId: 'k2', clubName: 'Reserve' }, membership, 'membership.switched'],
      ['a cancellation', 'MODIFY', { ...membership, status: 'cancelled', cancelledAt: '2026-12-01T00:00:00.000Z' }, membership, 'membership.cancelled'],
      ['a club renamed', 'MODIFY', { ...membership, clubName: 'Barrel Club' }, membership, undefined],
    ] as const)('turns %s into its event', (_what, eventName, after, before, expected) => {
      const found = webhookEventOf(change(eventName, after, before));
      expect(found?.event.type).toBe(expected);
      if (found) expect(found.event.data).toMatchObject({ id: 'm1', customerId: 'c1' });
    });

    it('sends orders and reservations when placed and when cancelled, and a bounce of an email log', () => {
      const order = { type: 'order', tenantId: 'w1', customerId: 'c1', id: 'c1-o1', status: 'placed', lines: [], ...stamp };
      expect(typeOf(change('INSERT', order))).toBe('order.placed');
      expect(typeOf(change('MODIFY', { ...order, status: 'cancelled' }, order))).toBe('order.cancelled');
      expect(typeOf(change('MODIFY', { ...order, note: 'x' }, order))).toBeUndefined();
      const reservation = { type: 'reservation', tenantId: 'w1', customerId: 'c1', id: 'c1-r1', status: 'booked', ...stamp };
      expect(typeOf(change('INSERT', reservation))).toBe('reservation.created');
      expect(typeOf(change('MODIFY', { ...reservation, status: 'cancelled' }, reservation))).toBe('reservation.cancelled');
      const log = { type: 'email-log', tenantId: 'w1', customerId: 'c1', id: 'e1', status: 'sent', to: ['a@example.com'], ...stamp };
      expect(webhookEventOf(change('MODIFY', { ...log, status: 'bounced' }, log))?.event).toMatchObject({ type: 'email.bounced', data: { id: 'e1', customerId: 'c1', status: 'bounced' } });
      expect(typeOf(change('MODIFY', { ...log, status: 'delivered' }, log))).toBeUndefined();
    });

    it('means nothing for a removed item or an item of another kind', () => {
      expect(webhookEventOf(change('REMOVE', undefined, customer))).toBeUndefined();
      expect(webhookEventOf(change('INSERT', { type: 'note', tenantId: 'w1', id: 'n1', ...stamp }))).toBeUndefined();
    });
  });
});

describe('Module: delivery-schedule', () => {
  it('retries at growing intervals for about three days', () => {
    const total = RETRY_WAITS_SECONDS.reduce((sum, wait) => sum + wait, 0);
    expect(total / 86_400).toBeGreaterThan(2.8);
    expect(total / 86_400).toBeLessThan(3.2);
    RETRY_WAITS_SECONDS.slice(1).forEach((wait, i) => expect(wait).toBeGreaterThanOrEqual(RETRY_WAITS_SECONDS[i]!));
    expect(waitAfter(1)).toBe(30);
    expect(waitAfter(RETRY_WAITS_SECONDS.length + 1)).toBeUndefined();
    // A retry by hand starts a new round at the attempt count it was asked at.
    expect(waitAfter(12, 11)).toBe(30);
  });

  it('sends a wait through the longest stage that fits, carrying the rest beyond 15 minutes', () => {
    expect(stageFor(0)).toEqual({ stage: DELIVERY_STAGES[0], leftSeconds: 0 });
    expect(stageFor(30).stage.name).toBe('30s');
    expect(stageFor(600)).toMatchObject({ stage: { name: '10m' }, leftSeconds: 0 });
    expect(stageFor(24 * 3600)).toMatchObject({ stage: { name: '15m' }, leftSeconds: 24 * 3600 - 900 });
    for (const stage of DELIVERY_STAGES) expect(stage.delaySeconds).toBeLessThanOrEqual(900);
  });
});

describe('Module: endpoint-alert', () => {
  const endpoint = {
    pk: 'T#w1#WEBHOOK', sk: 'W#e1', type: 'webhook', tenantId: 'w1', id: 'e1', url: 'https://hooks.example.com/in', events: ['*'], description: null,
    status: 'enabled', disabledReason: null, failingSince: '2026-10-28T09:00:00.000Z', secrets: [], ...stamp,
  };
  const failing = { ...endpoint, status: 'disabled', disabledReason: 'failing' };
  const byStaff = { ...endpoint, status: 'disabled', disabledReason: 'by-staff' };
  const notificationsWake = compileFilters(consumers.find((consumer) => consumer.name === 'notifications')!.filters);
  const record = (c: StreamChange) => ({
    eventName: c.eventName,
    dynamodb: { NewImage: c.newItem && marshall(c.newItem), OldImage: c.oldItem && marshall(c.oldItem) },
  });

  it('alerts the admins of an endpoint the sender disabled for failing, and of nothing else', () => {
    const disabling = change('MODIFY', failing, endpoint);
    expect(disabledByFailures(disabling)).toMatchObject({ id: 'e1', failingSince: '2026-10-28T09:00:00.000Z' });
    expect(notificationsWake(record(disabling))).toBe(true);
    for (const other of [change('MODIFY', byStaff, endpoint), change('MODIFY', failing, byStaff), change('MODIFY', { ...failing, description: 'x' }, failing), change('INSERT', endpoint)]) {
      expect(disabledByFailures(other)).toBeUndefined();
      expect(notificationsWake(record(other))).toBe(false);
    }
  });
});

describe('Module: delivery-queue', () => {
  it('reads an attempt message, and refuses one naming every bad field (the sender reports it, the queue retries it, the DLQ keeps it)', () => {
    const message = { tenantId: 'w1', webhookId: 'e1', deliveryId: 'd1', attempt: 2, waitSeconds: 0 };
    expect(parseAttemptMessage(JSON.stringify({ ...message, extra: 'ignored' }))).toEqual(message);
    expect(() => parseAttemptMessage(JSON.stringify({ ...message, tenantId: '', attempt: 0, waitSeconds: 1.5 }))).toThrow('Attempt message with bad tenantId, attempt, waitSeconds.');
    expect(() => parseAttemptMessage(JSON.stringify({ webhookId: 'e1' }))).toThrow(/tenantId, deliveryId, attempt, waitSeconds/);
    expect(() => parseAttemptMessage('null')).toThrow('An attempt message is an object.');
    expect(() => parseAttemptMessage('{')).toThrow(SyntaxError);
  });
});
