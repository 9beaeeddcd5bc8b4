import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import {
  MessageRejected,
  SendEmailCommand,
  SESv2Client,
  TooManyRequestsException,
  type SendEmailCommandInput,
} from '@aws-sdk/client-sesv2';
import type { DynamoDBRecord, DynamoDBStreamEvent, SNSEvent } from 'aws-lambda';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import { randomUUID } from 'node:crypto';
import { freePort } from '../../infra/local/dynamodb-local';
import { startLocalSes, type LocalSes } from '../../infra/local/ses';
import { handler as sesEvents } from '../../functions/events/ses-events';
import { handler as notifications } from '../../functions/streams/notifications';
import { setClock } from '../../shared/clock';
import { consumePasswordToken } from '../../shared/portal/password-tokens';
import { call, eventually, newTenant } from '../support/invoke';
import { consumerRecords, tenantRecords } from '../support/streams';
import { newPersonBody } from '../support/factories/people';

/**
 * The notifications consumer, fed the records DynamoDB Local's stream really produced for a
 * tenant (filtered by the consumer table's own filter, as Lambda would), sending through the
 * local SES (aws-ses-v2-local) or, where SES must fail on purpose, a mocked SES client.
 */
const notificationRecords = (tenantId: string, expected: number) => consumerRecords('notifications', tenantId, expected);

const deliver = (records: DynamoDBRecord[]) => notifications({ Records: records } as DynamoDBStreamEvent);

interface StoredMail {
  messageId: string;
  from: string;
  replyTo: string[];
  destination: { to: string[] };
  subject: string;
  body: { text?: string; html?: string };
}

let ses: LocalSes;

async function mailTo(address: string): Promise<StoredMail[]> {
  const store = (await (await fetch(`${ses.url}/store`)).json()) as { emails: StoredMail[] };
  return store.emails.filter((mail) => mail.destination.to.includes(address));
}

const TOKEN_LINK = (tenantId: string, page: string) =>
  new RegExp(`http://127\\.0\\.0\\.1:3000/portal/${tenantId}/${page}\\?token=([A-Za-z0-9_-]{43})`);

beforeAll(async () => {
  ses = await startLocalSes({ port: await freePort() });
  process.env.SES_ENDPOINT = ses.url;
});

afterAll(async () => {
  await ses?.stop();
});

async function newWinery(label: string) {
  const tenantId = newTenant(label);
  const admin = { tenantId, role: 'admin' as const };
  const defaults = await call('GET', '/v1/settings', { as: admin });
  const saved = await call('PUT', '/v1/settings', {
    as: admin,
    body: {
      ...defaults.body,
      wineryName: 'Vine & Oak',
      email: { from: 'cellar@vineoak.example', replyTo: 'hello@vineoak.example' },
      // These people are not age-verified; the orders here are about their emails.
      ageVerification: { ...defaults.body.ageVerification, requiredForOrders: false },
    },
  });
  expect(saved.status).toBe(200);
  return { tenantId, admin, viewer: { tenantId, role: 'viewer' as const } };
}

describe('Consumer: notifications, against the local SES', () => {
  it('emails club joined, paused and cancelled, and the order placed, once each, to the person and their additional emails', async () => {
    // Prepare: a member who joins, pauses and cancels, and places an order, through the API.
    const { tenantId, admin } = await newWinery('club');
    const person = await call('POST', '/v1/customers', { as: admin, body: newPersonBody() });
    const { id, email } = person.body as { id: string; email: string };
    const partner = `partner.${randomUUID().slice(0, 6)}@example.com`;
    await call('POST', `/v1/customers/${id}/emails`, { as: admin, body: { email: partner } });
    const club = await call('POST', '/v1/clubs', { as: admin, body: { name: 'Barrel Club', discountPercent: 10 } });
    const joined = await call('POST', `/v1/customers/${id}/memberships`, { as: admin, body: { clubId: club.body.id, shippingPreference: 'ship' } });
    const membership = `/v1/customers/${id}/memberships/${joined.body.id}`;
    await call('POST', `${membership}/pause`, { as: admin, body: { until: '2099-02-01' } });
    await call('POST', `${membership}/cancel`, { as: admin, body: { reason: 'Moving' } });
    const order = await call('POST', '/v1/orders', {
      as: admin,
      body: { customerId: id, lines: [{ sku: 'CAB-19', name: 'Cabernet 2019', quantity: 3, unitPriceCents: 3333 }], fulfillment: 'pickup' },
    });
    expect(order.status).toBe(201);
    const records = await notificationRecords(tenantId, 4);

    // Act: the batch is delivered twice.
    expect((await deliver(records)).batchItemFailures).toEqual([]);
    expect((await deliver(records)).batchItemFailures).toEqual([]);

    // Assess: one email per change, to both addresses.
    const subjects = (await mailTo(email)).map((mail) => mail.subject).sort();
    expect(subjects).toHaveLength(4);
    expect(subjects.join('\n')).toMatch(/Barrel Club/);
    expect(subjects.some((subject) => /order/i.test(subject))).toBe(true);
    expect((await mailTo(partner)).map((mail) => mail.subject).sort()).toEqual(subjects);
    const orderMail = (await mailTo(email)).find((mail) => /order/i.test(mail.subject))!;
    expect(orderMail.body.text).toContain(`#${order.body.orderNumber}`);
    expect(orderMail.body.text).toContain('$99.99');
  });

  it('emails a welcome with a one-time set-password link to the account address only, once', async () => {
    // Prepare
    const { tenantId, admin, viewer } = await newWinery('welcome');
    const created = await call('POST', '/v1/customers', { as: admin, body: newPersonBody({ sendWelcomeEmail: true }) });
    expect(created.status).toBe(201);
    const { id, email } = created.body as { id: string; email: string };
    const partner = `partner.${randomUUID().slice(0, 6)}@example.com`;
    expect((await call('POST', `/v1/customers/${id}/emails`, { as: admin, body: { email: partner, label: 'Partner' } })).status).toBe(201);
    const records = await notificationRecords(tenantId, 1);

    // Act
    const result = await deliver(records);

    // Assess: one message, to the account's own address (a password link never goes to the partner), from the winery
    expect(records).toHaveLength(1);
    expect(result.batchItemFailures).toEqual([]);
    const mails = await mailTo(email);
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail).toMatchObject({
      from: '"Vine & Oak" <cellar@vineoak.example>',
      replyTo: ['hello@vineoak.example'],
      subject: 'Welcome to Vine & Oak',
      destination: { to: [email] },
    });
    expect(mail.body.html).toContain('Vine &amp; Oak');
    expect(await mailTo(partner)).toHaveLength(0);

    // The link sets a password once.
    const token = TOKEN_LINK(tenantId, 'set-password').exec(mail.body.text ?? '')?.[1];
    expect(token).toBeDefined();
    expect(mail.body.html).toContain(`set-password?token=${token}`);
    await expect(consumePasswordToken(tenantId, token!)).resolves.toBe(id);
    await expect(consumePasswordToken(tenantId, token!)).rejects.toMatchObject({ reason: 'used' });

    // Staff see the email in the log and on the timeline.
    const logs = await call('GET', `/v1/customers/${id}/email-logs`, { as: viewer });
    expect(logs.status).toBe(200);
    expect(logs.body).toEqual({
      items: [
        {
          id: expect.any(String),
          template: 'welcome',
          subject: 'Welcome to Vine & Oak',
          to: [email],
          status: 'sent',
          messageId: mail.messageId,
          error: null,
          createdAt: expect.any(String),
          updatedAt: expect.any(String),
        },
      ],
      nextCursor: null,
    });
    const timeline = await call('GET', `/v1/customers/${id}/timeline`, { as: viewer });
    expect(timeline.body.items).toContainEqual(
      expect.objectContaining({ type: 'email', summary: 'Welcome to Vine & Oak', refId: logs.body.items[0].id }),
    );

    // The same batch delivered again sends nothing and logs nothing new.
    const replay = await deliver(records);
    expect(replay.batchItemFailures).toEqual([]);
    expect(await mailTo(email)).toHaveLength(1);
    const after = await call('GET', `/v1/customers/${id}/email-logs`, { as: viewer });
    expect(after.body.items).toEqual(logs.body.items);
  });

  it('sends from the sender the winery wrote with a name, and the welcome link still sets a password 6 days later, not 8', async () => {
    const { tenantId, admin } = await newWinery('sender');
    const settings = (await call('GET', '/v1/settings', { as: admin })).body;
    const refused = await call('PUT', '/v1/settings', { as: admin, body: { ...settings, email: { from: 'Vine & Oak <not an address>', replyTo: null } } });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([{ path: 'email.from', message: expect.stringMatching(/a name with one/) }]);
    const saved = await call('PUT', '/v1/settings', { as: admin, body: { ...settings, email: { from: 'Vine & Oak Cellars <cellar@vineoak.example>', replyTo: null } } });
    expect(saved.status).toBe(200);
    expect((await call('GET', '/v1/settings', { as: admin })).body.email).toEqual({ from: 'Vine & Oak Cellars <cellar@vineoak.example>', replyTo: null });

    const ada = (await call('POST', '/v1/customers', { as: admin, body: newPersonBody({ sendWelcomeEmail: true }) })).body as { id: string; email: string };
    const grace = (await call('POST', '/v1/customers', { as: admin, body: newPersonBody({ sendWelcomeEmail: true }) })).body as { id: string; email: string };
    expect((await deliver(await notificationRecords(tenantId, 2))).batchItemFailures).toEqual([]);

    const [mail] = await mailTo(ada.email);
    expect(mail).toMatchObject({ from: '"Vine & Oak Cellars" <cellar@vineoak.example>', subject: 'Welcome to Vine & Oak' });
    expect(mail!.body.text).toContain('within 7 days');
    const linkOf = async (email: string) => TOKEN_LINK(tenantId, 'set-password').exec((await mailTo(email))[0]!.body.text ?? '')![1]!;
    const setPassword = async (token: string, daysLater: number) => {
      const restore = setClock(() => new Date(Date.now() + daysLater * 24 * 60 * 60 * 1000));
      try {
        return (await call('POST', `/portal/${tenantId}/password-reset/confirm`, { as: null, body: { token, newPassword: 'a long secret 1' } })).status;
      } finally {
        restore();
      }
    };
    expect(await setPassword(await linkOf(ada.email), 6)).toBe(204);
    expect(await setPassword(await linkOf(grace.email), 8)).toBe(400);
  });

  it('emails a reset link when staff ask for a reset without a new password', async () => {
    const { tenantId, admin } = await newWinery('reset');
    const created = await call('POST', '/v1/customers', { as: admin, body: newPersonBody() });
    const { id, email } = created.body as { id: string; email: string };
    expect((await call('POST', `/v1/customers/${id}/password`, { as: admin })).status).toBe(204);

    const result = await deliver(await notificationRecords(tenantId, 1));

    expect(result.batchItemFailures).toEqual([]);
    const mails = await mailTo(email);
    expect(mails.map((m) => m.subject)).toEqual(['Reset your Vine & Oak password']);
    const token = TOKEN_LINK(tenantId, 'reset-password').exec(mails[0]!.body.text ?? '')?.[1];
    await expect(consumePasswordToken(tenantId, token!)).resolves.toBe(id);
    await expect(consumePasswordToken(tenantId, token!)).rejects.toMatchObject({ reason: 'used' });
  });

  it('wakes only for changes that mean an email: not for a person created without a welcome, nor for edits', async () => {
    const { tenantId, admin } = await newWinery('filter');
    const quiet = await call('POST', '/v1/customers', { as: admin, body: newPersonBody({ sendWelcomeEmail: false }) });
    const welcomed = await call('POST', '/v1/customers', { as: admin, body: newPersonBody({ sendWelcomeEmail: true }) });
    await call('PATCH', `/v1/customers/${welcomed.body.id}`, { as: admin, body: { phone: '707-555-0100' } });
    await call('PATCH', `/v1/customers/${quiet.body.id}`, { as: admin, body: { phone: '707-555-0101' } });
    // Wait until the last write is on the stream, then look at what the filter lets through.
    await eventually(async () =>
      (await tenantRecords(tenantId)).some((r) => r.eventName === 'MODIFY' && r.dynamodb?.NewImage?.phone?.S === '707-555-0101'),
    );

    const records = await notificationRecords(tenantId, 1);

    expect(records.map((r) => [r.eventName, r.dynamodb?.NewImage?.id?.S])).toEqual([['INSERT', welcomed.body.id]]);
  });
});

describe('Consumer: notifications, when SES fails', () => {
  let sesMock: AwsClientStub<SESv2Client>;
  const throttled = () =>
    new TooManyRequestsException({ message: 'Maximum sending rate exceeded.', $metadata: { httpStatusCode: 429 } });

  beforeEach(() => {
    sesMock = mockClient(SESv2Client);
  });
  afterEach(() => {
    sesMock.restore();
  });

  const sends = () => sesMock.commandCalls(SendEmailCommand);

  async function welcomedPerson(label: string) {
    const winery = await newWinery(label);
    const created = await call('POST', '/v1/customers', { as: winery.admin, body: newPersonBody({ sendWelcomeEmail: true }) });
    const records = await notificationRecords(winery.tenantId, 1);
    return { ...winery, id: created.body.id as string, email: created.body.email as string, records };
  }

  const logsOf = async (viewer: { tenantId: string; role: 'viewer' }, id: string) =>
    (await call('GET', `/v1/customers/${id}/email-logs`, { as: viewer })).body.items as Record<string, unknown>[];

  it('rides out throttling and ends sent, with exactly one successful send', async () => {
    const { viewer, id, records } = await welcomedPerson('throttle');
    sesMock.on(SendEmailCommand).rejectsOnce(throttled()).rejectsOnce(throttled()).resolves({ MessageId: 'ses-message-1' });

    const result = await deliver(records);

    expect(result.batchItemFailures).toEqual([]);
    expect(sends()).toHaveLength(3);
    expect(await logsOf(viewer, id)).toEqual([expect.objectContaining({ status: 'sent', messageId: 'ses-message-1', error: null })]);
  });

  it('reports a record SES keeps throttling, without holding up the rest of the batch, and sends it on the retry', async () => {
    const first = await welcomedPerson('throttle-a');
    const second = await welcomedPerson('throttle-b');
    const batch = [...first.records, ...second.records];
    sesMock.on(SendEmailCommand).resolves({ MessageId: 'ses-second' });
    sesMock.on(SendEmailCommand, { Destination: { ToAddresses: [first.email] } }).rejects(throttled());

    const result = await deliver(batch);

    expect(result.batchItemFailures).toEqual([{ itemIdentifier: first.records[0]!.dynamodb!.SequenceNumber }]);
    expect(await logsOf(first.viewer, first.id)).toEqual([
      expect.objectContaining({ status: 'queued', messageId: null, error: expect.stringContaining('TooManyRequestsException') }),
    ]);
    expect(await logsOf(second.viewer, second.id)).toEqual([expect.objectContaining({ status: 'sent', messageId: 'ses-second' })]);
    const sendsToSecond = () => sends().filter((c) => (c.args[0].input as SendEmailCommandInput).Destination?.ToAddresses?.includes(second.email));
    expect(sendsToSecond()).toHaveLength(1);

    // Lambda retries from the failed record on; SES has calmed down.
    sesMock.reset();
    sesMock.on(SendEmailCommand).resolves({ MessageId: 'ses-first' });
    const retry = await deliver(batch);

    expect(retry.batchItemFailures).toEqual([]);
    expect(await logsOf(first.viewer, first.id)).toEqual([expect.objectContaining({ status: 'sent', messageId: 'ses-first', error: null })]);
    expect(sends()).toHaveLength(1); // only the first person's email; the second was not sent again
  });

  it('ends failed on a permanent SES error, does not report the record, and never retries it', async () => {
    const { viewer, id, records } = await welcomedPerson('rejected');
    sesMock.on(SendEmailCommand).rejects(
      new MessageRejected({
        message: 'Email address is not verified. The following identities failed the check in region US-EAST-1: cellar@vineoak.example',
        $metadata: { httpStatusCode: 400 },
      }),
    );

    const result = await deliver(records);
    const replay = await deliver(records);

    expect(result.batchItemFailures).toEqual([]);
    expect(replay.batchItemFailures).toEqual([]);
    expect(sends()).toHaveLength(1);
    expect(await logsOf(viewer, id)).toEqual([
      expect.objectContaining({ status: 'failed', messageId: null, error: expect.stringMatching(/^MessageRejected: Email address is not verified/) }),
    ]);
  });

  it('turns a sent email into bounced when SES reports a bounce, and a late delivery does not undo it', async () => {
    const { viewer, id, email, records } = await welcomedPerson('bounce');
    sesMock.on(SendEmailCommand).resolves({ MessageId: 'ses-bounce-1' });
    await deliver(records);
    const sent = sends()[0]!.args[0].input as SendEmailCommandInput;
    expect(await logsOf(viewer, id)).toEqual([expect.objectContaining({ status: 'sent' })]);

    await sesEvents(snsEvent(sesEvent(sent, 'ses-bounce-1', 'Bounce', {
      bounce: { bounceType: 'Permanent', bounceSubType: 'General', bouncedRecipients: [{ emailAddress: email }] },
    })));
    await sesEvents(snsEvent(sesEvent(sent, 'ses-bounce-1', 'Delivery', { delivery: { recipients: [email] } })));

    expect(await logsOf(viewer, id)).toEqual([
      expect.objectContaining({ status: 'bounced', messageId: 'ses-bounce-1', error: `Permanent bounce (General): ${email}` }),
    ]);
  });
});

/** The SES event-publishing message SES would send for a message we sent, tags included. */
function sesEvent(sent: SendEmailCommandInput, messageId: string, eventType: string, detail: Record<string, unknown>) {
  const tags = Object.fromEntries((sent.EmailTags ?? []).map((tag) => [tag.Name!, [tag.Value!]]));
  return {
    eventType,
    mail: {
      timestamp: new Date().toISOString(),
      source: sent.FromEmailAddress,
      messageId,
      destination: sent.Destination?.ToAddresses ?? [],
      tags: { ...tags, 'ses:configuration-set': ['winery-emails'] },
    },
    ...detail,
  };
}

function snsEvent(message: object): SNSEvent {
  return {
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: 'arn:aws:sns:us-east-1:123456789012:ses-events:sub',
        Sns: {
          Type: 'Notification',
          MessageId: randomUUID(),
          TopicArn: 'arn:aws:sns:us-east-1:123456789012:ses-events',
          Subject: null as unknown as string,
          Message: JSON.stringify(message),
          Timestamp: new Date().toISOString(),
          SignatureVersion: '1',
          Signature: 'test',
          SigningCertUrl: 'https://sns.us-east-1.amazonaws.com/cert.pem',
          UnsubscribeUrl: 'https://sns.us-east-1.amazonaws.com/unsubscribe',
          MessageAttributes: {},
        },
      },
    ],
  };
}
