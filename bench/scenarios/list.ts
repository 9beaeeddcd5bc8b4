import { QueryCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { describeCommands, expectStatus, units, type BenchContext } from '../context';
import type { Tally } from '../meter';
import { interleave, ms, progress, ratio, summarize, within } from '../stats';

/**
 * `GET /v1/customers?q=` in a small and a big tenant: a page reads one range of one listing
 * partition (the query's longest word, or everyone), then the page's profiles, so its latency
 * should not grow with the tenant. Queries: everyone, one letter (the biggest range), a longer
 * prefix, a last name, a first name, two words both ways, a first name of two words, two
 * prefixes, an email prefix, phone digits. Each first page must be full (25) when that many
 * exist: a search of several words never answers a short page followed by a cursor.
 */
export const LIST_QUERIES: readonly string[] = ['', 'm', 'mar', 'smith', 'jennifer', 'john smith', 'smith john', 'mary ann', 'jo sm', 'james.s', '707'];
const PAGE = 25;

/** A listing partition's key condition for the low-level client: everyone, or a word's range. */
interface RangeCondition {
  KeyConditionExpression: string;
  ExpressionAttributeValues: Record<string, AttributeValue>;
}

/** Entries in a range of one listing partition (COUNT queries, paged; seeding client, not metered). */
async function rangeSize(client: DynamoDBClient, tableName: string, condition: RangeCondition): Promise<number> {
  let count = 0;
  let start: Record<string, never> | undefined;
  do {
    const page = await client.send(
      new QueryCommand({
        TableName: tableName,
        ...condition,
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
  const url = (q: string, extra = '') => (q === '' ? `/v1/customers${extra ? `?${extra}` : ''}` : `/v1/customers?q=${encodeURIComponent(q)}${extra ? `&${extra}` : ''}`);
  const list = (tenantId: string, q: string, extra = '') => async () => {
    const response = await api.call(tenantId, 'GET', url(q, extra));
    expectStatus(response, 200, `GET ${url(q, extra)}`);
    return response;
  };
  /** Where a query reads: everyone's partition, or its longest word's range in the word entries. */
  const rangeOf = (tenantId: string, q: string) => {
    if (q === '') return { partition: app.keys.listingKeys.partition(tenantId, 'ALL'), prefix: undefined, label: 'ALL' };
    const word = app.search.rangeWord(app.search.queryWords(q));
    const label = app.listing.wordLabel(word);
    return { partition: app.keys.listingKeys.partition(tenantId, label), prefix: word, label: `${label} \`${word}…\`` };
  };
  // The read's own key condition (`prefixCondition`: a key range) for a word, sent through the low-level client.
  const rangeCondition = (partition: string, prefix: string | undefined): RangeCondition => {
    const condition = prefix === undefined ? { KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': partition } } : app.cursor.prefixCondition(partition, prefix);
    return { KeyConditionExpression: condition.KeyConditionExpression, ExpressionAttributeValues: marshall(condition.ExpressionAttributeValues) };
  };
  // The floor: the same range, the same page size, nothing else (no filter, no profiles).
  const floor = (tenantId: string, q: string) => () => {
    const { partition, prefix } = rangeOf(tenantId, q);
    return app.client.dynamoClient.send(
      new QueryCommand({
        TableName: tableName,
        ...rangeCondition(partition, prefix),
        Limit: PAGE,
      }),
    );
  };

  const table = report.tables.find((t) => t.title.startsWith('List latency'))!;
  const requests = report.tables.find((t) => t.title.startsWith('DynamoDB requests'))!;
  const smallP50: number[] = [];
  const bigP50: number[] = [];
  const pageRow = (what: string, tally: Tally, items: number, nextCursor: string | null, maxRequests: number) => {
    const full = items === PAGE || nextCursor === null;
    requests.rows.push([
      `${what} (big tenant): ${items} items${nextCursor ? ' and a cursor' : ', the last page'}`,
      String(tally.requests),
      describeCommands(tally),
      units(tally.capacity),
      units(tally.estimatedCapacity),
      `≤ ${maxRequests}, a full page`,
      report.verdict(tally.requests <= maxRequests && full, `${what}: ${tally.requests} requests, ${items} items${nextCursor ? ' and a cursor' : ''}`, 'List pages'),
    ]);
  };
  for (const q of LIST_QUERIES) {
    const small = rangeOf(tenants.small.id, q);
    const big = rangeOf(tenants.big.id, q);
    const sizes = await Promise.all([rangeSize(seedClient, tableName, rangeCondition(small.partition, small.prefix)), rangeSize(seedClient, tableName, rangeCondition(big.partition, big.prefix))]);
    const firstSmall = JSON.parse((await list(tenants.small.id, q)()).body) as { items: unknown[] };
    const measured = await meter.measure(list(tenants.big.id, q));
    const first = JSON.parse(measured.result.body) as { items: unknown[]; nextCursor: string | null };
    // One word (or none): one Query and the page's profiles. Several: the same, reading on
    // through the longest word's range while the other words leave people out.
    pageRow(`GET ${url(q)}`, measured.tally, first.items.length, first.nextCursor, q.trim().includes(' ') ? 4 : 2);
    progress(`list: q=${JSON.stringify(q)} (${big.label}: ${sizes[0]} / ${sizes[1]} entries), ${config.listRounds} rounds`);
    const samples = await interleave(
      {
        small: list(tenants.small.id, q),
        big: list(tenants.big.id, q),
        smallFloor: floor(tenants.small.id, q),
        bigFloor: floor(tenants.big.id, q),
      },
      { rounds: config.listRounds, warmup: Math.min(config.warmup, 10) },
    );
    const s = summarize(samples.small);
    const b = summarize(samples.big);
    const smallFloor = summarize(samples.smallFloor);
    const bigFloor = summarize(samples.bigFloor);
    smallP50.push(s.p50);
    bigP50.push(b.p50);
    table.rows.push([
      q === '' ? '(no q: everyone)' : `\`${q}\``,
      `${big.label}: ${sizes[0]} / ${sizes[1]}`,
      `${firstSmall.items.length} / ${first.items.length}`,
      `${ms(s.p50)} / ${ms(s.p95)}`,
      `${ms(b.p50)} / ${ms(b.p95)}`,
      ratio(b.p50 / s.p50),
      `${ms(smallFloor.p50)} / ${ms(bigFloor.p50)}`,
      `${ratio(s.p50 / smallFloor.p50)} / ${ratio(b.p50 / bigFloor.p50)}`,
    ]);
  }
  // The other sorts and a filter: the filter's partition (or everyone's) by number on gsi4. A search by
  // number: a common word from a first bite of everyone (2 requests); a rarer one, or several words,
  // then the longest word's range read whole and sorted (3).
  const others: [q: string, extra: string, requests: number][] = [
    ['', 'sort=number', 2],
    ['mar', 'sort=newest', 2],
    ['jennifer', 'sort=number', 3],
    ['james.s', 'sort=newest', 3],
    ['john smith', 'sort=number', 4],
    ['', 'flag=vip', 2],
    ['smith', 'flag=vip', 4],
  ];
  for (const [q, extra, requests] of others) {
    const measured = await meter.measure(list(tenants.big.id, q, extra));
    const page = JSON.parse(measured.result.body) as { items: unknown[]; nextCursor: string | null };
    pageRow(`GET ${url(q, extra)}`, measured.tally, page.items.length, page.nextCursor, requests);
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
  report.notes.push(
    'List pages: a Query of one range (everyone by name or number, a filter, or the longest word of `q` in the word entries) and one ' +
      'BatchGetItem of the page’s profiles (what the list shows comes from the profile). A search of several words reads on through the ' +
      'range of its longest word while the others leave people out, until the page is full (at most 6 Queries a page). The floor is the bare Query of the same range.',
  );
}
