import { describe, expect, it } from '@jest/globals';
import { categoryOf, decideEmail, decideEmails, planRecipients } from '../../shared/email/decide';
import { TEMPLATE_NAMES } from '../../shared/email/templates';
import type { StreamChange } from '../../shared/streams/stream-handler';

const tenantId = 't-1';
const customerId = 'C1';
const at = '2025-05-01T10:00:00.000Z';

function change(eventName: StreamChange['eventName'], newItem?: Record<string, unknown>, oldItem?: Record<string, unknown>): StreamChange {
  return { eventId: 'e-1', eventName, newItem, oldItem };
}

const person = (overrides: Record<string, unknown> = {}) => ({
  pk: `T#${tenantId}#C#${customerId}`,
  sk: 'P#PROFILE',
  type: 'customer',
  tenantId,
  id: customerId,
  email: 'ada@example.com',
  sendWelcomeEmail: true,
  updatedAt: at,
  ...overrides,
});

const membership = (status: string, overrides: Record<string, unknown> = {}) => ({
  pk: `T#${tenantId}#C#${customerId}`,
  sk: 'P#M#M1',
  type: 'membership',
  tenantId,
  customerId,
  id: 'M1',
  clubId: 'club-1',
  clubName: 'Reserve Club',
  status,
  pausedUntil: null,
  updatedAt: at,
  ...overrides,
});

describe('Function: decideEmail', () => {
  it('sends a welcome email with a set-password token when a person is created with sendWelcomeEmail', () => {
    expect(decideEmail(change('INSERT', person()))).toEqual({
      template: 'welcome',
      tenantId,
      customerId,
      changedAt: at,
      data: {},
      passwordToken: 'welcome',
    });
  });

  it('sends no welcome email when staff turned it off, nor when the person is later changed', () => {
    expect(decideEmail(change('INSERT', person({ sendWelcomeEmail: false })))).toBeUndefined();
    expect(decideEmail(change('MODIFY', person(), person({ phone: '1' })))).toBeUndefined();
    expect(decideEmail(change('REMOVE', undefined, person()))).toBeUndefined();
  });

  it('sends a reset email with a reset token for a password-reset request', () => {
    const request = {
      pk: `T#${tenantId}#C#${customerId}`,
      sk: 'H#PWRESET#R1',
      type: 'password-reset-request',
      tenantId,
      customerId,
      id: 'R1',
      createdAt: at,
    };
    expect(decideEmail(change('INSERT', request))).toMatchObject({ template: 'password-reset', passwordToken: 'reset', customerId, changedAt: at });
    // TTL deleting the request later is not a new request.
    expect(decideEmail(change('REMOVE', undefined, request))).toBeUndefined();
  });

  it.each([
    ['INSERT', undefined, 'active', 'club-joined'],
    ['MODIFY', 'active', 'paused', 'club-paused'],
    ['MODIFY', 'paused', 'active', 'club-resumed'],
    ['MODIFY', 'active', 'cancelled', 'club-cancelled'],
    ['MODIFY', 'paused', 'cancelled', 'club-cancelled'],
  ] as const)('on a membership %s %s → %s sends %s', (eventName, before, after, template) => {
    const intent = decideEmail(change(eventName, membership(after, { pausedUntil: '2025-09-01' }), before ? membership(before) : undefined));
    expect(intent?.template).toBe(template);
    expect(intent?.data).toMatchObject({ clubName: 'Reserve Club' });
  });

  it('carries the pause date into the paused email', () => {
    const intent = decideEmail(change('MODIFY', membership('paused', { pausedUntil: '2025-09-01' }), membership('active')));
    expect(intent?.data).toEqual({ clubName: 'Reserve Club', pausedUntil: '2025-09-01' });
  });

  it('sends nothing when a membership changes nothing the member is told of', () => {
    expect(decideEmail(change('MODIFY', membership('active', { ownerId: 'staff-2' }), membership('active')))).toBeUndefined();
    expect(decideEmail(change('MODIFY', membership('active', { variantName: 'Reds (renamed)' }), membership('active')))).toBeUndefined();
    expect(decideEmail(change('MODIFY', membership('cancelled', { cancelReason: 'x' }), membership('cancelled')))).toBeUndefined();
  });

  it('tells the member of a changed variant, shipping or pickup', () => {
    const intent = decideEmail(change('MODIFY', membership('active', { variantId: 'v2', variantName: 'Reds', shippingPreference: 'pickup', pickupLocation: 'Tasting room' }), membership('active')));
    expect(intent).toMatchObject({ template: 'club-membership-changed', data: { variantName: 'Reds', shippingPreference: 'pickup', pickupLocation: 'Tasting room' } });
  });

  it('tells the member of a pause booked for later, and of a booked pause dropped', () => {
    const booked = membership('active', { scheduledPause: { from: '2025-09-01', until: '2025-10-01' } });
    expect(decideEmail(change('MODIFY', booked, membership('active', { scheduledPause: null })))).toMatchObject({
      template: 'club-pause-scheduled',
      data: { clubName: 'Reserve Club', from: '2025-09-01', until: '2025-10-01' },
    });
    expect(decideEmail(change('MODIFY', membership('active', { scheduledPause: null }), booked))).toMatchObject({ template: 'club-pause-unscheduled', data: { from: '2025-09-01' } });
    // The booked pause starting is the ordinary paused email.
    expect(decideEmail(change('MODIFY', membership('paused', { pausedUntil: '2025-10-01', scheduledPause: null }), booked))?.template).toBe('club-paused');
  });

  describe('a gift membership', () => {
    const gift = { giverId: 'G1', giverName: 'Grace Hopper', recipientName: 'Ada Lovelace', message: 'Enjoy!', endsOn: '2026-03-31', reminderSentOn: null };

    it('at its start: club-gift-received to the member, club-gift-given to the giver', () => {
      expect(decideEmails(change('INSERT', membership('active', { gift })))).toEqual([
        expect.objectContaining({ template: 'club-gift-received', customerId, data: { clubName: 'Reserve Club', giverName: 'Grace Hopper', message: 'Enjoy!', endsOn: '2026-03-31' } }),
        expect.objectContaining({ template: 'club-gift-given', customerId: 'G1', tenantId, data: { clubName: 'Reserve Club', recipientName: 'Ada Lovelace', endsOn: '2026-03-31' } }),
      ]);
    });

    it('14 days before its end: a reminder to both, once', () => {
      const reminded = membership('active', { gift: { ...gift, reminderSentOn: '2026-03-17' } });
      expect(decideEmails(change('MODIFY', reminded, membership('active', { gift }))).map((i) => [i.template, i.customerId])).toEqual([
        ['club-gift-ending', customerId],
        ['club-gift-ending-giver', 'G1'],
      ]);
      expect(decideEmails(change('MODIFY', { ...reminded, pickupLocation: null }, reminded))).toEqual([]);
    });

    it('moved by a merge: no email to anyone', () => {
      expect(decideEmails(change('INSERT', membership('active', { gift, movedBy: 'merge-1' })))).toEqual([]);
    });

    it('at its end: club-gift-ended to the member', () => {
      const ended = membership('cancelled', { gift, cancelReasonKey: 'gift-ended' });
      expect(decideEmails(change('MODIFY', ended, membership('active', { gift }))).map((i) => i.template)).toEqual(['club-gift-ended']);
    });
  });

  it('sends order-placed and reservation-made for new orders and reservations only', () => {
    const order = {
      pk: `T#${tenantId}#C#${customerId}`,
      sk: 'H#ORDER#O1',
      type: 'order',
      tenantId,
      customerId,
      orderNumber: 1004,
      totalCents: 12_950,
      lines: [{ sku: 'CAB-21', name: 'Cabernet 2021', quantity: 2, unitPriceCents: 6475 }],
      updatedAt: at,
    };
    expect(decideEmail(change('INSERT', order))).toMatchObject({
      template: 'order-placed',
      data: { orderNumber: 1004, totalCents: 12_950, lines: [{ name: 'Cabernet 2021', quantity: 2 }] },
    });
    expect(decideEmail(change('MODIFY', { ...order, status: 'cancelled' }, order))).toBeUndefined();

    const reservation = { type: 'reservation', tenantId, customerId, experience: 'Cellar tour', startsAt: at, partySize: 4, updatedAt: at };
    expect(decideEmail(change('INSERT', reservation))).toMatchObject({
      template: 'reservation-made',
      data: { experience: 'Cellar tour', startsAt: at, partySize: 4 },
    });
  });

  it('finds the tenant and person from the partition key when the item does not name them', () => {
    const intent = decideEmail(change('INSERT', { pk: 'T#acme#C#P9', sk: 'P#M#M2', type: 'membership', status: 'active' }));
    expect(intent).toMatchObject({ tenantId: 'acme', customerId: 'P9', template: 'club-joined', data: { clubName: null } });
  });

  it('ignores items it has no email for', () => {
    expect(decideEmail(change('INSERT', { type: 'note', tenantId, customerId }))).toBeUndefined();
    expect(decideEmail(change('INSERT', { type: 'order' }))).toBeUndefined();
  });
});

describe('Function: planRecipients', () => {
  const withoutConsent = { email: 'ada@example.com', permissions: { email: false } };
  const withConsent = { email: 'ada@example.com', permissions: { email: true } };

  it('does not send a marketing email without permissions.email', () => {
    expect(planRecipients('marketing', withoutConsent, ['partner@example.com'])).toEqual({ send: false, reason: 'no-permission' });
    expect(planRecipients('marketing', { email: 'ada@example.com' }, [])).toEqual({ send: false, reason: 'no-permission' });
  });

  it('sends a marketing email once the person agreed', () => {
    expect(planRecipients('marketing', withConsent, [])).toEqual({ send: true, to: ['ada@example.com'] });
  });

  it('always sends system emails, to the person and their additional emails, each address once', () => {
    expect(
      planRecipients('system', withoutConsent, ['partner@example.com', 'ADA@example.com', null, ' partner@example.com ']),
    ).toEqual({ send: true, to: ['ada@example.com', 'partner@example.com'] });
  });

  it('sends nothing when the person has no address at all', () => {
    expect(planRecipients('system', { email: null }, [])).toEqual({ send: false, reason: 'no-address' });
  });

  it('treats every email the platform sends today as a system email', () => {
    expect(TEMPLATE_NAMES.map(categoryOf)).toEqual(TEMPLATE_NAMES.map(() => 'system'));
  });
});
