import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { setClock } from '../../shared/clock';
import { dynamo, tableName } from '../../shared/db/client';
import { outboundNetwork } from '../../shared/outbound/public-address';
import { claimAttempt } from '../../shared/webhooks/delivery-repository';
import { freePort } from '../../infra/local/dynamodb-local';
import { startLocalQueues, type LocalQueues } from '../../infra/local/queues';
import { startLocalSes, type LocalSes } from '../../infra/local/ses';
import { call, eventually, newTenant } from '../support/invoke';
import { deliver, tenantRecords } from '../support/streams';
import { newPersonBody } from '../support/factories/people';

/**
 * Webhooks end to end, in-process: changes made through the API, the records DynamoDB Local's
 * stream really produced fed to the outbox consumer, the local delivery queues handing attempts
 * to the sender, and a real HTTP receiver on 127.0.0.1 that verifies each signature with the
 * Standard Webhooks package. Nothing connects anywhere but 127.0.0.1: where a test needs a host
 * name, the resolver is stubbed.
 */
interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

type Behaviour = number | 'hang';

let receiver: Server;
let receiverUrl: string;
const received: Received[] = [];
const behaviours: Behaviour[] = [];
let queues: LocalQueues;
let ses: LocalSes;

beforeAll(async () => {
  // Locally a webhook may point at http://127.0.0.1 (the contract's local allowance).
  process.env.LOCAL_STACK = '1';
  receiver = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body });
      const behaviour = behaviours.shift() ?? 200;
      if (behaviour === 'hang') return; // never answers: the sender gives up after 10 s
      response.writeHead(behaviour, { 'content-type': 'text/plain' }).end(behaviour >= 300 ? 'internal stack trace of the receiver' : 'ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
  queues = await startLocalQueues({ run: false });
  Object.assign(process.env, queues.environment);
  ses = await startLocalSes({ port: await freePort() });
  process.env.SES_ENDPOINT = ses.url;
});

afterAll(async () => {
  receiver.closeAllConnections();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
  await queues?.stop();
  await ses?.stop();
});

afterEach(() => {
  received.length = 0;
  behaviours.length = 0;
});

async function newWinery(label: string) {
  const tenantId = newTenant(label);
  return { tenantId, admin: { tenantId, role: 'admin' as const, name: 'Dana Admin' } };
}

async function addEndpoint(admin: { tenantId: string; role: 'admin' }, body: Record<string, unknown> = {}) {
  const created = await call('POST', '/v1/webhooks', { as: admin, body: { url: receiverUrl, events: ['*'], ...body } });
  expect(created.status).toBe(201);
  return created.body as { id: string; secret: string; version: number };
}

/** Delivery items of a tenant that the stream has shown (their INSERT records). */
async function deliveryInserts(tenantId: string) {
  return (await tenantRecords(tenantId)).filter(
    (record) => record.eventName === 'INSERT' && record.dynamodb?.NewImage?.type?.S === 'webhook-delivery',
  );
}

/**
 * What happens in AWS within a second: the outbox consumer turns the tenant's changes into
 * deliveries, sees those deliveries in the stream and queues them; the sender makes the attempts.
 */
async function flush(tenantId: string, expectedDeliveries: number) {
  expect((await deliver('webhook-outbox', tenantId)).batchItemFailures).toEqual([]);
  await eventually(async () => (await deliveryInserts(tenantId)).length >= expectedDeliveries);
  expect((await deliver('webhook-outbox', tenantId)).batchItemFailures).toEqual([]);
  await queues.drain();
}

async function deliveries(admin: { tenantId: string; role: 'admin' }, webhookId: string) {
  const list = await call('GET', `/v1/webhooks/${webhookId}/deliveries`, { as: admin });
  expect(list.status).toBe(200);
  return list.body.items as {
    id: string;
    eventId: string;
    eventType: string;
    status: string;
    attempts: number;
    lastStatusCode: number | null;
    lastError: string | null;
    nextAttemptAt: string | null;
  }[];
}

const headersOf = (request: Received) => ({
  'webhook-id': String(request.headers['webhook-id']),
  'webhook-timestamp': String(request.headers['webhook-timestamp']),
  'webhook-signature': String(request.headers['webhook-signature']),
});

describe('Webhooks: delivery', () => {
  it('posts each event signed the Standard Webhooks way, with the resource as the API shows it', async () => {
    const { tenantId, admin } = await newWinery('wh-sign');
    const endpoint = await addEndpoint(admin);
    expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const person = await call('POST', '/v1/customers', { as: admin, body: newPersonBody() });

    await flush(tenantId, 1);

    expect(received).toHaveLength(1);
    const [request] = received;
    // The receiver's own check: the package integrators use verifies the signature and the timestamp.
    const payload = new StandardWebhook(endpoint.secret).verify(request!.body, headersOf(request!)) as Record<string, unknown>;
    expect(payload).toEqual({ id: request!.headers['webhook-id'], type: 'customer.created', createdAt: person.body.createdAt, data: person.body });
    expect(request!.headers['content-type']).toBe('application/json');
    expect(await deliveries(admin, endpoint.id)).toEqual([
      expect.objectContaining({ eventId: request!.headers['webhook-id'], eventType: 'customer.created', status: 'succeeded', attempts: 1, lastStatusCode: 200, lastError: null }),
    ]);
  });

  it('retries after a 500 with the same webhook-id, and the log says what happened without the answer', async () => {
    const { tenantId, admin } = await newWinery('wh-500');
    const endpoint = await addEndpoint(admin, { events: ['order.placed', 'customer.created'] });
    behaviours.push(500);
    await call('POST', '/v1/customers', { as: admin, body: newPersonBody() });
    await flush(tenantId, 1);

    const [waiting] = await deliveries(admin, endpoint.id);
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: 500, lastError: 'The endpoint answered 500.' });
    expect(JSON.stringify(waiting)).not.toContain('stack trace');
    const waitMs = Date.parse(waiting!.nextAttemptAt!) - Date.now();
    expect(waitMs).toBeGreaterThan(20_000);
    expect(waitMs).toBeLessThanOrEqual(30_000);

    // Nothing is due yet; 31 s from now the retry is.
    expect(await queues.releaseDue(new Date().toISOString())).toEqual({ sent: 0 });
    expect(await queues.releaseDue(new Date(Date.now() + 31_000).toISOString())).toEqual({ sent: 1 });

    expect(received).toHaveLength(2);
    expect(received[1]!.headers['webhook-id']).toBe(received[0]!.headers['webhook-id']);
    expect(() => new StandardWebhook(endpoint.secret).verify(received[1]!.body, headersOf(received[1]!))).not.toThrow();
    expect(await deliveries(admin, endpoint.id)).toEqual([expect.objectContaining({ status: 'succeeded', attempts: 2, lastStatusCode: 200, nextAttemptAt: null })]);
  });

  it('retries after a receiver that does not answer within 10 s', async () => {
    const { tenantId, admin } = await newWinery('wh-timeout');
    const endpoint = await addEndpoint(admin);
    behaviours.push('hang');
    await call('POST', '/v1/customers', { as: admin, body: newPersonBody() });
    await flush(tenantId, 1);

    expect(await deliveries(admin, endpoint.id)).toEqual([
      expect.objectContaining({ status: 'pending', attempts: 1, lastStatusCode: null, lastError: 'No answer within 10 s.' }),
    ]);
    expect((await queues.releaseDue(new Date(Date.now() + 31_000).toISOString())).sent).toBe(1);
    expect(received.map((request) => request.headers['webhook-id'])).toEqual([received[0]!.headers['webhook-id'], received[0]!.headers['webhook-id']]);
    expect(await deliveries(admin, endpoint.id)).toEqual([expect.objectContaining({ status: 'succeeded', attempts: 2 })]);
  }, 40_000);

  it('tries again an attempt whose sender stopped after claiming it, when SQS shows the message again', async () => {
    const { tenantId, admin } = await newWinery('wh-crash');
    const endpoint = await addEndpoint(admin);
    expect((await call('POST', `/v1/webhooks/${endpoint.id}/test`, { as: admin })).status).toBe(202);
    const [delivery] = await deliveries(admin, endpoint.id);
    // A sender claimed attempt 1 two minutes ago and died before sending or recording it.
    const crashed = await claimAttempt({ tenantId, webhookId: endpoint.id, deliveryId: delivery!.id }, 1, new Date(Date.now() - 120_000));
    expect('claimed' in crashed).toBe(true);

    // Its message comes back (here: the outbox queues attempt 1, as SQS shows it again after the visibility timeout).
    await eventually(async () => (await deliveryInserts(tenantId)).length >= 1);
    expect((await deliver('webhook-outbox', tenantId)).batchItemFailures).toEqual([]);
    await queues.drain();
    expect(received).toHaveLength(0);
    expect(await deliveries(admin, endpoint.id)).toEqual([
      expect.objectContaining({ status: 'pending', attempts: 1, lastError: 'The attempt did not finish; it is tried again.', nextAttemptAt: expect.any(String) }),
    ]);
    expect(await queues.releaseDue(new Date(Date.now() + 31_000).toISOString())).toEqual({ sent: 1 });
    expect(received).toHaveLength(1);
    expect(await deliveries(admin, endpoint.id)).toEqual([expect.objectContaining({ status: 'succeeded', attempts: 2 })]);
  });

  it('sends an event once per endpoint however often its stream record is delivered', async () => {
    const { tenantId, admin } = await newWinery('wh-once');
    const first = await addEndpoint(admin);
    const second = await addEndpoint(admin, { events: ['membership.created'] });
    await call('POST', '/v1/customers', { as: admin, body: newPersonBody() });

    await flush(tenantId, 1);
    // The same records again, twice, and the queue drained again: nothing more is sent.
    await flush(tenantId, 1);
    await flush(tenantId, 1);

    expect(received).toHaveLength(1);
    expect(await deliveries(admin, first.id)).toHaveLength(1);
    expect(await deliveries(admin, second.id)).toEqual([]);
  });

  it('maps memberships, orders and reservations to their events with the resource as the API shows it', async () => {
    const { tenantId, admin } = await newWinery('wh-kinds');
    const settings = await call('GET', '/v1/settings', { as: admin });
    await call('PUT', '/v1/settings', { as: admin, body: { ...settings.body, ageVerification: { ...settings.body.ageVerification, requiredForOrders: false } } });
    const person = await call('POST', '/v1/customers', { as: admin, body: newPersonBody() });
    const endpoint = await addEndpoint(admin, { events: ['membership.created', 'membership.paused', 'membership.cancelled', 'order.placed', 'order.cancelled'] });
    const club = await call('POST', '/v1/clubs', { as: admin, body: { name: 'Barrel Club', discountPercent: 10 } });
    const joined = await call('POST', `/v1/customers/${person.body.id}/memberships`, { as: admin, body: { clubId: club.body.id, shippingPreference: 'ship' } });
    const membership = `/v1/customers/${person.body.id}/memberships/${joined.body.id}`;
    await call('POST', `${membership}/pause`, { as: admin, body: { until: '2099-02-01' } });
    const cancelled = await call('POST', `${membership}/cancel`, { as: admin, body: { reason: 'Moving' } });
    const order = await call('POST', '/v1/orders', {
      as: admin,
      body: { customerId: person.body.id, lines: [{ sku: 'CAB-19', name: 'Cabernet 2019', quantity: 1, unitPriceCents: 3000 }], fulfillment: 'pickup' },
    });
    expect(order.status).toBe(201);

    await flush(tenantId, 4);

    const events = received.map((request) => JSON.parse(request.body) as { type: string; data: Record<string, unknown> });
    expect(events.map((event) => event.type).sort()).toEqual(['membership.cancelled', 'membership.created', 'membership.paused', 'order.placed']);
    expect(events.find((event) => event.type === 'membership.cancelled')!.data).toEqual({ ...cancelled.body, customerId: person.body.id });
    expect(events.find((event) => event.type === 'order.placed')!.data).toEqual(order.body);
    expect(await deliveries(admin, endpoint.id)).toHaveLength(4);
  });
});

describe('Webhooks: secrets', () => {
  it('shows the secret only on create and rotation, and signs with both secrets for 24 hours after a rotation', async () => {
    const { tenantId, admin } = await newWinery('wh-rotate');
    const endpoint = await addEndpoint(admin);
    const read = await call('GET', `/v1/webhooks/${endpoint.id}`, { as: admin });
    const list = await call('GET', '/v1/webhooks', { as: admin });
    expect(JSON.stringify([read.body, list.body])).not.toContain('whsec_');
    expect(JSON.stringify([read.body, list.body])).not.toContain(endpoint.secret.slice(6, 20));

    // The table holds the secret only sealed: a copy of the table (or of its stream) signs nothing.
    const stored = await dynamo.send(new GetCommand({ TableName: tableName, Key: { pk: `T#${tenantId}`, sk: `WEBHOOK#${endpoint.id}` } }));
    expect(stored.Item).toBeDefined();
    expect(JSON.stringify(stored.Item)).not.toContain(endpoint.secret.slice(6));
    expect(JSON.stringify(stored.Item)).not.toContain('whsec_');

    const rotated = await call('POST', `/v1/webhooks/${endpoint.id}/rotate-secret`, { as: admin });
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(endpoint.secret);

    expect((await call('POST', `/v1/webhooks/${endpoint.id}/test`, { as: admin })).status).toBe(202);
    await flush(tenantId, 1);
    const ping = received[0]!;
    expect(JSON.parse(ping.body)).toMatchObject({ type: 'ping', data: { webhookId: endpoint.id, url: receiverUrl } });
    expect(String(ping.headers['webhook-signature']).split(' ')).toHaveLength(2);
    // A receiver that still has the old secret, and one that has the new one, both accept it.
    expect(() => new StandardWebhook(endpoint.secret).verify(ping.body, headersOf(ping))).not.toThrow();
    expect(() => new StandardWebhook(rotated.body.secret).verify(ping.body, headersOf(ping))).not.toThrow();

    // 25 hours later only the new secret signs.
    const later = Date.now() + 25 * 60 * 60 * 1000;
    const restore = setClock(() => new Date(later));
    try {
      expect((await call('POST', `/v1/webhooks/${endpoint.id}/test`, { as: admin })).status).toBe(202);
      await flush(tenantId, 2);
    } finally {
      restore();
    }
    const next = received[1]!;
    const signatures = String(next.headers['webhook-signature']).split(' ');
    const timestamp = new Date(Number(next.headers['webhook-timestamp']) * 1000);
    const id = String(next.headers['webhook-id']);
    expect(signatures).toEqual([new StandardWebhook(rotated.body.secret).sign(id, timestamp, next.body)]);
    expect(signatures).not.toContain(new StandardWebhook(endpoint.secret).sign(id, timestamp, next.body));
  });
});

describe('Webhooks: where they may go', () => {
  const realResolve = outboundNetwork.resolve;
  const realPost = outboundNetwork.post;
  const answers = new Map<string, string>();
  const connections: string[] = [];
  beforeAll(() => {
    // DNS as the attack needs it, with no real lookup; and a network that records any connection attempt.
    outboundNetwork.resolve = async (host) => [{ address: answers.get(host) ?? host, family: 4 }];
    outboundNetwork.post = async (target) => {
      connections.push(target.address);
      throw new Error('tests connect nowhere but 127.0.0.1');
    };
  });
  afterAll(() => {
    outboundNetwork.resolve = realResolve;
    outboundNetwork.post = realPost;
  });

  it.each([
    ['https://hooks.inside.test/h', '10.0.0.5'],
    ['https://metadata.inside.test/latest', '169.254.169.254'],
    ['https://loopback.inside.test/', '127.0.0.1'],
    ['https://[::ffff:127.0.0.1]/', undefined],
    ['http://hooks.outside.test/', '93.184.215.14'],
    ['http://127.0.0.2:8080/', undefined],
  ])('refuses %s at creation with a 400 naming url, and creates nothing', async (url, address) => {
    const { admin } = await newWinery('wh-ssrf');
    if (address) answers.set(new URL(url).hostname, address);
    const refused = await call('POST', '/v1/webhooks', { as: admin, body: { url, events: ['*'] } });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([{ path: 'url', message: expect.any(String) }]);
    expect((await call('GET', '/v1/webhooks', { as: admin })).body.items).toEqual([]);
    expect(connections).toEqual([]);
  });

  it('checks the address again at every attempt: a host that now resolves inside is never connected to', async () => {
    const { tenantId, admin } = await newWinery('wh-rebind');
    answers.set('hooks.partner.test', '93.184.215.14');
    const created = await call('POST', '/v1/webhooks', { as: admin, body: { url: 'https://hooks.partner.test/in', events: ['*'] } });
    expect(created.status).toBe(201);
    answers.set('hooks.partner.test', '10.1.2.3');

    expect((await call('POST', `/v1/webhooks/${created.body.id}/test`, { as: admin })).status).toBe(202);
    await flush(tenantId, 1);

    expect(connections).toEqual([]);
    expect(await deliveries(admin, created.body.id)).toEqual([
      expect.objectContaining({ status: 'pending', attempts: 1, lastError: 'Not sent: the URL resolves to an address that is not public.' }),
    ]);
  });
});

describe('Webhooks: endpoints', () => {
  it('lets only admins of the winery reach its endpoints', async () => {
    const { admin } = await newWinery('wh-access');
    const endpoint = await addEndpoint(admin);
    const other = { tenantId: newTenant('wh-other'), role: 'admin' as const };
    for (const [method, path] of [
      ['GET', `/v1/webhooks/${endpoint.id}`],
      ['GET', `/v1/webhooks/${endpoint.id}/deliveries`],
      ['POST', `/v1/webhooks/${endpoint.id}/rotate-secret`],
      ['POST', `/v1/webhooks/${endpoint.id}/test`],
      ['DELETE', `/v1/webhooks/${endpoint.id}`],
    ] as const) {
      expect((await call(method, path, { as: other })).status).toBe(404);
      expect((await call(method, path, { as: { ...admin, role: 'staff' } })).status).toBe(403);
    }
    expect((await call('GET', `/v1/webhooks/${endpoint.id}`, { as: admin })).status).toBe(200);
  });

  it('names every bad field of a create and changes nothing', async () => {
    const { admin } = await newWinery('wh-400');
    const bad = await call('POST', '/v1/webhooks', { as: admin, body: { url: 'ftp://x', events: ['order.shipped', '*'], description: 'x'.repeat(201), colour: 'red' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((error: { path: string }) => error.path).sort()).toEqual(['colour', 'description', 'events[0]', 'url']);
    expect((await call('GET', '/v1/webhooks', { as: admin })).body.items).toEqual([]);
  });

  it('disables and enables an endpoint; a disabled endpoint is not tested and gets no events', async () => {
    const { tenantId, admin } = await newWinery('wh-toggle');
    const endpoint = await addEndpoint(admin);
    const disabled = await call('PATCH', `/v1/webhooks/${endpoint.id}`, { as: admin, body: { status: 'disabled' }, headers: { 'if-match': String(endpoint.version) } });
    expect(disabled.body).toMatchObject({ status: 'disabled', disabledReason: 'by-staff' });
    expect((await call('POST', `/v1/webhooks/${endpoint.id}/test`, { as: admin })).status).toBe(409);
    await call('POST', '/v1/customers', { as: admin, body: newPersonBody() });
    expect((await deliver('webhook-outbox', tenantId)).batchItemFailures).toEqual([]);
    expect(await deliveries(admin, endpoint.id)).toEqual([]);
    const enabled = await call('PATCH', `/v1/webhooks/${endpoint.id}`, { as: admin, body: { status: 'enabled' } });
    expect(enabled.body).toMatchObject({ status: 'enabled', disabledReason: null });
  });

  it('retries one delivery by hand with the same event id', async () => {
    const { tenantId, admin } = await newWinery('wh-retry');
    const endpoint = await addEndpoint(admin);
    expect((await call('POST', `/v1/webhooks/${endpoint.id}/test`, { as: admin })).status).toBe(202);
    await flush(tenantId, 1);
    const [delivery] = await deliveries(admin, endpoint.id);

    const retried = await call('POST', `/v1/webhooks/${endpoint.id}/deliveries/${delivery!.id}/retry`, { as: admin });
    expect(retried.status).toBe(202);
    await flush(tenantId, 1);

    expect(received.map((request) => request.headers['webhook-id'])).toEqual([delivery!.eventId, delivery!.eventId]);
    expect(await deliveries(admin, endpoint.id)).toEqual([expect.objectContaining({ status: 'succeeded', attempts: 2 })]);
    expect((await call('POST', `/v1/webhooks/${endpoint.id}/deliveries/NOPE/retry`, { as: admin })).status).toBe(404);
  });

  it('disables an endpoint that failed for 5 days and emails the admins once', async () => {
    const { tenantId, admin } = await newWinery('wh-disable');
    const settings = await call('GET', '/v1/settings', { as: admin });
    const alert = `alerts.${tenantId}@example.com`;
    expect((await call('PUT', '/v1/settings', { as: admin, body: { ...settings.body, alertEmails: [alert] } })).status).toBe(200);
    const endpoint = await addEndpoint(admin);
    behaviours.push(500, 500, 500);
    expect((await call('POST', `/v1/webhooks/${endpoint.id}/test`, { as: admin })).status).toBe(202);
    await flush(tenantId, 1);
    expect((await call('GET', `/v1/webhooks/${endpoint.id}`, { as: admin })).body).toMatchObject({ status: 'enabled', failingSince: expect.any(String) });

    const restore = setClock(() => new Date(Date.now() + 5 * 24 * 60 * 60 * 1000 + 60_000));
    try {
      expect((await call('POST', `/v1/webhooks/${endpoint.id}/test`, { as: admin })).status).toBe(202);
      await flush(tenantId, 2);
    } finally {
      restore();
    }

    expect((await call('GET', `/v1/webhooks/${endpoint.id}`, { as: admin })).body).toMatchObject({ status: 'disabled', disabledReason: 'failing' });
    // The notifications consumer sends it from the disabling's stream record; a redelivered record sends nothing more.
    expect((await deliver('notifications', tenantId)).batchItemFailures).toEqual([]);
    expect((await deliver('notifications', tenantId)).batchItemFailures).toEqual([]);
    const mail = await eventually(async () => {
      const store = (await (await fetch(`${ses.url}/store`)).json()) as { emails: { destination: { to: string[] }; subject: string }[] };
      const mine = store.emails.filter((email) => email.destination.to.includes(alert));
      return mine.length > 0 ? mine : undefined;
    });
    expect(mail).toHaveLength(1);
    expect(mail[0]!.subject).toBe('A webhook endpoint was disabled: 127.0.0.1:' + new URL(receiverUrl).port);
  });
});
