import { TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { describeCommands, expectStatus, units, type BenchContext } from '../context';
import type { Tally } from '../meter';
import { ms, progress, ratio, summarize } from '../stats';

/**
 * `POST /v1/orders` from a person's profile: DynamoDB requests and write capacity per order
 * (target: one transaction plus the number allocation) and latency beside the floor, a bare
 * TransactWriteItems of the same shape (the order item and a check on the person).
 */
export async function ordersScenario(ctx: BenchContext, person: { tenantId: string; id: string }): Promise<void> {
  const { meter, api, config, report, app, tableName } = ctx;
  const runs = config.quick ? 5 : 40;
  progress(`orders: ${runs} orders`);
  const body = { customerId: person.id, lines: [{ sku: 'PINOT-21', name: 'Pinot Noir 2021', quantity: 3, unitPriceCents: 3333 }], fulfillment: 'pickup' };
  // Orders are for verified adults (settings.ageVerification.requiredForOrders): verify the seeded person first.
  expectStatus(await api.call(person.tenantId, 'POST', `/v1/customers/${person.id}/age-verification`, { method: 'manual', note: 'ID checked' }), 200, 'age verification');
  const latencies: number[] = [];
  const tallies: Tally[] = [];
  for (let n = 0; n < runs; n += 1) {
    const started = performance.now();
    const { result, tally } = await meter.measure(() => api.call(person.tenantId, 'POST', '/v1/orders', body));
    latencies.push(performance.now() - started);
    expectStatus(result, 201, 'POST /v1/orders');
    tallies.push(tally);
  }

  const floor: number[] = [];
  const profileKey = app.keys.customerKeys.profile(person.tenantId, person.id);
  for (let n = 0; n < runs; n += 1) {
    const started = performance.now();
    await app.client.dynamoClient.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          { Put: { TableName: tableName, Item: marshall({ pk: profileKey.pk, sk: `H#BENCH#${n}`, body: 'x'.repeat(700) }) } },
          { ConditionCheck: { TableName: tableName, Key: marshall(profileKey), ConditionExpression: 'attribute_exists(pk)' } },
        ],
      }),
    );
    floor.push(performance.now() - started);
  }

  const typical = tallies[tallies.length - 1]!;
  const counts = tallies.map((t) => t.requests);
  const requests = report.tables.find((t) => t.title.startsWith('DynamoDB requests'))!;
  const transactions = typical.commands.TransactWriteItemsCommand ?? 0;
  const allocations = typical.commands.UpdateItemCommand ?? 0;
  requests.rows.push([
    'POST /v1/orders (settings cached)',
    Math.min(...counts) === Math.max(...counts) ? String(counts[0]) : `${Math.min(...counts)}–${Math.max(...counts)}`,
    describeCommands(typical),
    units(typical.capacity),
    units(typical.estimatedCapacity),
    'one transaction + the number',
    report.verdict(
      transactions === 1 && allocations === 1 && typical.requests === 2,
      `POST /v1/orders: ${typical.requests} requests (${describeCommands(typical)}); the profile page (and the person's class, when they have one) is read first`,
    ),
  ]);
  const order = summarize(latencies);
  const bare = summarize(floor);
  const latency = report.tables.find((t) => t.title.startsWith('Latency'))!;
  latency.rows.push([
    'POST /v1/orders — local gateway (HTTP, JWT verified)',
    String(order.n),
    ms(order.p50),
    ms(order.p95),
    `bare TransactWriteItems of the same shape: ${ms(bare.p50)} / ${ms(bare.p95)}`,
    ratio(order.p50 / bare.p50),
    '(reported)',
    '–',
  ]);
}
