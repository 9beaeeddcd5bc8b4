import { describe, expect, it } from '@jest/globals';
import { MessageRejected, SendingPausedException, TooManyRequestsException } from '@aws-sdk/client-sesv2';
import { parseSesEvent } from '../../shared/email/delivery-events';
import { isTransientSesError } from '../../shared/email/ses-sender';

const tags = { tenantId: ['acme'], customerId: ['C1'], logId: ['L1'], 'ses:configuration-set': ['emails'] };
const mail = { timestamp: '2025-05-01T10:00:00.000Z', messageId: 'msg-1', source: 'cellar@acme.example', destination: ['ada@example.com'], tags };

describe('Function: parseSesEvent', () => {
  it('reads a delivery as delivered, for the log named by the tags', () => {
    const parsed = parseSesEvent(JSON.stringify({ eventType: 'Delivery', mail, delivery: { recipients: ['ada@example.com'] } }));
    expect(parsed).toEqual({
      ok: true,
      event: { tenantId: 'acme', customerId: 'C1', logId: 'L1', outcome: { status: 'delivered', messageId: 'msg-1' } },
    });
  });

  it('reads a bounce with its type and the bounced address for staff to see', () => {
    const parsed = parseSesEvent(
      JSON.stringify({
        eventType: 'Bounce',
        mail,
        bounce: {
          bounceType: 'Permanent',
          bounceSubType: 'General',
          bouncedRecipients: [{ emailAddress: 'ada@example.com', diagnosticCode: 'smtp; 550 5.1.1 user unknown' }],
        },
      }),
    );
    expect(parsed).toMatchObject({
      ok: true,
      event: { outcome: { status: 'bounced', detail: 'Permanent bounce (General): ada@example.com (smtp; 550 5.1.1 user unknown)' } },
    });
  });

  it('reads a complaint, also in the identity-notification form', () => {
    const parsed = parseSesEvent(
      JSON.stringify({ notificationType: 'Complaint', mail, complaint: { complaintFeedbackType: 'abuse', complainedRecipients: [{ emailAddress: 'ada@example.com' }] } }),
    );
    expect(parsed).toMatchObject({ ok: true, event: { outcome: { status: 'complained', detail: 'Marked as spam (abuse): ada@example.com' } } });
  });

  it('skips events that do not change a log, events without our tags, and junk', () => {
    expect(parseSesEvent(JSON.stringify({ eventType: 'Send', mail }))).toMatchObject({ ok: false });
    expect(parseSesEvent(JSON.stringify({ eventType: 'Open', mail }))).toMatchObject({ ok: false });
    expect(parseSesEvent(JSON.stringify({ eventType: 'Delivery', mail: { ...mail, tags: {} } }))).toMatchObject({ ok: false });
    expect(parseSesEvent('{"Type":"SubscriptionConfirmation"}')).toMatchObject({ ok: false });
    expect(parseSesEvent('not json')).toEqual({ ok: false, reason: 'not JSON' });
  });
});

describe('Function: isTransientSesError', () => {
  const meta = (httpStatusCode: number) => ({ $metadata: { httpStatusCode } });

  it('retries throttling and server errors', () => {
    expect(isTransientSesError(new TooManyRequestsException({ message: 'Maximum sending rate exceeded.', ...meta(429) }))).toBe(true);
    expect(isTransientSesError(Object.assign(new Error('Rate exceeded'), { name: 'Throttling' }))).toBe(true);
    expect(isTransientSesError(Object.assign(new Error('boom'), { name: 'InternalFailure', ...meta(500) }))).toBe(true);
    expect(isTransientSesError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))).toBe(true);
  });

  it('does not retry what SES refuses for good', () => {
    expect(isTransientSesError(new MessageRejected({ message: 'Email address is not verified.', ...meta(400) }))).toBe(false);
    expect(isTransientSesError(new SendingPausedException({ message: 'Sending paused', ...meta(400) }))).toBe(false);
    expect(isTransientSesError(new Error('something else'))).toBe(false);
  });
});
