import { marshall } from '@aws-sdk/util-dynamodb';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { App } from '../app';
import type { BatchWriter } from '../batch-writer';
import type { BenchConfig } from '../config';
import type { DynamoMeter } from '../meter';
import type { Report } from '../report';
import { Seeder } from '../seed';
import { ms, progress } from '../stats';

/**
 * Webhooks from the table's stream to a receiver on 127.0.0.1: N people are written, then the
 * outbox consumer is let loose on the stream (the local poller, as Lambda's mapping would feed
 * it) and the local delivery queues hand each attempt to the sender, which signs and POSTs it.
 * The figure is events per second from the first stream record read to the last event received.
 * The floor: the same N signed bodies POSTed straight to the receiver, 10 at a time (the sender's
 * batch), with nothing before them. Runs before any seeding, so the stream holds only its records.
 */
export async function webhooksScenario(
  input: { app: App; meter: DynamoMeter; report: Report; config: BenchConfig; writer: BatchWriter; endpoint: string; tableName: string },
): Promise<void> {
  const { app, meter, report, config, writer } = input;
  const events = config.quick ? 200 : 2_000;
  process.env.LOCAL_STACK = '1';
  process.env.WEBHOOK_SECRET_KEY ??= 'bench-webhook-secret-key';

  let received = 0;
  const receiver: Server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      received += 1;
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;

  const { startLocalQueues } = await import('../../infra/local/queues');
  const { startStreamPoller } = await import('../../infra/local/stream-poller');
  const { consumers } = await import('../../shared/streams/consumers');
  const { createWebhook } = await import('../../shared/webhooks/webhook-repository');
  const { signedHeaders } = await import('../../shared/webhooks/signature');
  const { outboundNetwork, publicTarget } = await import('../../shared/outbound/public-address');

  const queues = await startLocalQueues();
  Object.assign(process.env, queues.environment);
  const tenantId = `winery-hooks-${Math.random().toString(36).slice(2, 6)}`;
  const endpoint = await createWebhook(tenantId, { url, events: ['*'] }, { kind: 'system', id: 'bench', name: 'bench' });

  progress(`webhooks: writing ${events} people, then streaming them to a receiver on 127.0.0.1`);
  const seeder = new Seeder(app, writer);
  const people = Array.from({ length: events }, (_, index) => seeder.person(tenantId, index, 'scrypt$bench').profile);
  await writer.put(people.map((profile) => marshall(profile, { removeUndefinedValues: true })));
  await writer.flush();

  const outbox = consumers.find((consumer) => consumer.name === 'webhook-outbox')!;
  // Warm containers, as in a steady stream: the two functions' modules are loaded before the clock starts.
  await import('../../functions/streams/webhook-outbox');
  await import('../../functions/queues/webhook-sender');
  let elapsed = 0;
  const { tally } = await meter.measure(async () => {
    const started = performance.now();
    const poller = await startStreamPoller({ endpoint: input.endpoint, tableName: input.tableName, consumers: [outbox], log: () => undefined });
    try {
      const deadline = Date.now() + (config.quick ? 60_000 : 300_000);
      while (received < events && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      elapsed = performance.now() - started;
    } finally {
      await poller.stop();
    }
  });
  const delivered = received;
  await queues.stop();

  // The floor: the same bodies, signed, POSTed straight to the receiver, 10 in flight.
  const secret = endpoint.secret;
  const target = await publicTarget(url, { allowLoopbackHttp: true });
  const bodies = people.map((profile) => JSON.stringify({ id: profile.id, type: 'customer.created', createdAt: profile.createdAt, data: app.items.toCustomer(profile) }));
  received = 0;
  const floorStarted = performance.now();
  let next = 0;
  const webhookKey = { pk: `T#${tenantId}`, sk: `WEBHOOK#${endpoint.id}` };
  await Promise.all(
    Array.from({ length: 10 }, async () => {
      for (let i = next++; i < bodies.length; i = next++) {
        await outboundNetwork.post(target, bodies[i]!, { headers: signedHeaders(people[i]!.id, new Date(), bodies[i]!, [secret]), timeoutMs: 10_000 });
      }
    }),
  );
  const floorMs = performance.now() - floorStarted;
  await new Promise<void>((resolve) => receiver.close(() => resolve()));

  // A second floor: the DynamoDB work of a delivery alone (a Put of the delivery, a Get, two
  // Updates), bare, 8 events at once (the outbox's parallelism), on the same client.
  const { GetCommand, PutCommand, UpdateCommand } = await import('@aws-sdk/lib-dynamodb');
  const { dynamo, tableName } = app.client;
  const dynamoStarted = performance.now();
  next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let i = next++; i < bodies.length; i = next++) {
        const key = { pk: `T#${tenantId}#FLOOR`, sk: `D#${i}` };
        await dynamo.send(new PutCommand({ TableName: tableName, Item: { ...key, body: bodies[i], attempts: 0 }, ConditionExpression: 'attribute_not_exists(pk)' }));
        await dynamo.send(new GetCommand({ TableName: tableName, Key: webhookKey, ConsistentRead: true }));
        for (let n = 0; n < 2; n += 1) {
          await dynamo.send(new UpdateCommand({ TableName: tableName, Key: key, UpdateExpression: 'SET attempts = attempts + :one', ExpressionAttributeValues: { ':one': 1 } }));
        }
      }
    }),
  );
  const dynamoMs = performance.now() - dynamoStarted;

  const rate = delivered / (elapsed / 1000);
  const floorRate = events / (floorMs / 1000);
  const perEvent = (value: number) => (value / Math.max(1, delivered)).toFixed(1);
  const table = report.table('Webhooks: from the stream to a receiver on 127.0.0.1', ['what', 'value', 'notes']);
  table.rows.push([
    'events delivered, stream → outbox → queue → sender → receiver',
    `${delivered} of ${events} in ${ms(elapsed)} ms`,
    'people written first; the clock runs from the poller starting on the stream to the last event received',
  ]);
  table.rows.push(['events per second', `${Math.round(rate)} events/s`, `${report.verdict(delivered === events, 'webhooks: not every event was delivered')}`]);
  table.rows.push(['floor: the same signed bodies POSTed straight to the receiver, 10 in flight', `${Math.round(floorRate)} events/s (${ms(floorMs)} ms)`, '']);
  const dynamoRate = events / (dynamoMs / 1000);
  table.rows.push(['floor: the DynamoDB work of each delivery alone (Put, Get, 2 Updates), 8 events in flight', `${Math.round(dynamoRate)} events/s (${ms(dynamoMs)} ms)`, '']);
  table.rows.push(['pipeline / HTTP floor, pipeline / DynamoDB floor', `${(rate / floorRate).toFixed(2)}×, ${(rate / dynamoRate).toFixed(2)}×`, '(reported)']);
  table.rows.push([
    'DynamoDB per event',
    `${perEvent(tally.requests)} requests`,
    'outbox: a conditional Put per event and endpoint (the endpoints Query at most once a second); sender: the claim (an Update that returns the delivery), a Get of the endpoint, the outcome Update',
  ]);
}
