import { QueryCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { describeCommands, expectStatus, units, type BenchContext } from '../context';
import { interleave, ms, progress, ratio, summarize, within } from '../stats';

/**
 * `GET /v1/customers?q=` in a small and a big tenant: each search reads one listing partition,
 * so its latency should not grow with the tenant. Several queries: the whole list, one letter
 * (the biggest search partition), a longer prefix, a last name, a capped 8-letter prefix, two
 * words (a filter on the partition of the first), an email prefix, phone digits.
 */
export const LIST_QUERIES: readonly string[] = ['', 'm', 'mar', 'smith', 'jennifer', 'john smith', 'james.s', '707'];

/** Entries in one listing partition (a COUNT query, paged; seeding client, not metered). */
async function partitionSize(client: DynamoDBClient, tableName: string, partition: string): Promise<number> {
  let count = 0;
  let start: Record<string, never> | undefined;
  do {
    const page = await client.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :p',
        ExpressionAttributeValues: { ':p': { S: partition } },
        Select: 'COUNT',
        ExclusiveStartKey: start,
      }),
    );
    count += page.Count ?? 0;
    start = page.LastEvaluatedKey as typeof start;
  } while (start);
  return count;
}

export async function listScenario(
  ctx: BenchContext,
  tenants: { small: { id: string; people: number }; big: { id: string; people: number } },
  seedClient: DynamoDBClient,
): Promise<void> {
  const { app, meter, api, config, report, tableName } = ctx;
  const url = (q: string) => (q === '' ? '/v1/customers' : `/v1/customers?q=${encodeURIComponent(q)}`);
  const list = (tenantId: string, q: string) => async () => {
    const response = await api.call(tenantId, 'GET', url(q));
    expectStatus(response, 200, `GET ${url(q)}`);
    return response;
  };
  const labelOf = (q: string) => (q === '' ? 'ALL' : app.search.searchPlan(q).label);
  // The floor: the same partition, the same page size, no filter.
  const floor = (tenantId: string, q: string) => () =>
    app.client.dynamoClient.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :p',
        ExpressionAttributeValues: { ':p': { S: app.keys.listingKeys.partition(tenantId, labelOf(q)) } },
        Limit: 25,
      }),
    );

  const table = report.tables.find((t) => t.title.startsWith('List latency'))!;
  const requests = report.tables.find((t) => t.title.startsWith('DynamoDB requests'))!;
  const smallP50: number[] = [];
  const bigP50: number[] = [];
  for (const q of LIST_QUERIES) {
    const sizes = await Promise.all(
      [tenants.small.id, tenants.big.id].map((t) => partitionSize(seedClient, tableName, app.keys.listingKeys.partition(t, labelOf(q)))),
    );
    const first = JSON.parse((await list(tenants.big.id, q)()).body) as { items: unknown[]; nextCursor: string | null };
    const firstSmall = JSON.parse((await list(tenants.small.id, q)()).body) as { items: unknown[] };
    const { tally } = await meter.measure(list(tenants.big.id, q));
    if (first.items.length < 25 && first.nextCursor !== null) {
      report.notes.push(
        `GET ${url(q)} in the big tenant returned ${first.items.length} items and a cursor on its first page: the page Limit ` +
          `applies before the filter on the other words, so a several-word search can show short or empty pages (a behaviour, not a latency).`,
      );
    }
    if (q === '' || q === 'mar' || q === 'john smith') {
      requests.rows.push([
        `GET ${url(q)} (big tenant)`,
        String(tally.requests),
        describeCommands(tally),
        units(tally.capacity),
        units(tally.estimatedCapacity),
        '1',
        report.verdict(tally.requests === 1, `GET ${url(q)}: requests per call`),
      ]);
    }
    progress(`list: q=${JSON.stringify(q)} (${labelOf(q)}: ${sizes[0]} / ${sizes[1]} entries), ${config.listRounds} rounds`);
    const samples = await interleave(
      {
        small: list(tenants.small.id, q),
        big: list(tenants.big.id, q),
        smallFloor: floor(tenants.small.id, q),
        bigFloor: floor(tenants.big.id, q),
      },
      { rounds: config.listRounds, warmup: Math.min(config.warmup, 10) },
    );
    const small = summarize(samples.small);
    const big = summarize(samples.big);
    const smallFloor = summarize(samples.smallFloor);
    const bigFloor = summarize(samples.bigFloor);
    smallP50.push(small.p50);
    bigP50.push(big.p50);
    table.rows.push([
      q === '' ? '(no q: everyone)' : `\`${q}\``,
      `${labelOf(q)}: ${sizes[0]} / ${sizes[1]}`,
      `${firstSmall.items.length} / ${first.items.length}`,
      `${ms(small.p50)} / ${ms(small.p95)}`,
      `${ms(big.p50)} / ${ms(big.p95)}`,
      ratio(big.p50 / small.p50),
      `${ms(smallFloor.p50)} / ${ms(bigFloor.p50)}`,
      `${ratio(small.p50 / smallFloor.p50)} / ${ratio(big.p50 / bigFloor.p50)}`,
    ]);
  }
  // The other sorts read gsi4 the same way: one Query per page, whatever the tenant's size.
  for (const path of ['/v1/customers?sort=number', '/v1/customers?q=mar&sort=newest']) {
    const { tally } = await meter.measure(async () => {
      const response = await api.call(tenants.big.id, 'GET', path);
      expectStatus(response, 200, `GET ${path}`);
    });
    requests.rows.push([
      `GET ${path} (big tenant)`,
      String(tally.requests),
      describeCommands(tally),
      units(tally.capacity),
      units(tally.estimatedCapacity),
      '1',
      report.verdict(tally.requests === 1, `GET ${path}: requests per call`),
    ]);
  }
  const geometric = (values: number[]) => Math.exp(values.reduce((sum, v) => sum + Math.log(v), 0) / values.length);
  const overall = geometric(bigP50.map((big, i) => big / (smallP50[i] as number)));
  const worst = Math.max(...bigP50.map((big, i) => big / (smallP50[i] as number)));
  table.rows.push([
    '**all queries** (geometric mean of p50 ratios; worst query)',
    '',
    '',
    ms(geometric(smallP50)),
    ms(geometric(bigP50)),
    `${ratio(overall)} (worst ${ratio(worst)})`,
    '',
    `target ≤ 1.2×: ${report.verdict(within(overall, 1.2), `list p50 ${tenants.big.people} vs ${tenants.small.people} people ${ratio(overall)} (target ≤ 1.2×)`)}`,
  ]);
}
