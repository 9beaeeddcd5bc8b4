import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { BatchWriter } from '../batch-writer';
import { describeCommands, expectStatus, units, type BenchContext } from '../context';
import { generatePerson } from '../people';
import { ms, progress } from '../stats';

/**
 * Segments: how fast a new segment is counted in the background (people weighed a second,
 * beside the floor: the same fact shards read bare, in parallel, by the same client), how fast
 * the console's dry count is, what one person's change costs the membership consumer in a
 * tenant with 50 segments (requests, and items written: only for segments whose membership
 * moves), and that a count is read in one request.
 */
const TARGET_PEOPLE_PER_SECOND = 5_000;
const DAY = 24 * 60 * 60 * 1000;
const REGIONS = ['CA', 'OR', 'WA', 'NY', 'TX', 'FL', 'IL', 'MA', 'CO', 'AZ'];

export async function segmentsScenario(ctx: BenchContext, writer: BatchWriter): Promise<void> {
  const { app, meter, report, config } = ctx;
  const { segmentKeys, factShardOf, FACT_SHARDS } = await import('../../shared/segments/keys');
  const { createSegment } = await import('../../shared/segments/segment-repository');
  const { runCountStep, countMatching } = await import('../../shared/segments/segment-counting');
  const { nameSortKey, numberSortKey } = app.search;
  const dynamo = app.client.dynamo;
  const tableName = app.client.tableName;
  const people = config.segmentPeople;
  const tenantId = `winery-segments-${Math.random().toString(36).slice(2, 6)}`;
  const now = Date.now();

  // 1. The tenant's facts, as the membership consumer keeps them: one small item a person.
  progress(`segments: seeding the facts of ${people} people`);
  let seedBytes = 0;
  const seedStarted = performance.now();
  for (let n = 0; n < people; n += 1) {
    const person = generatePerson(n);
    const customerId = `c${String(n).padStart(8, '0')}`;
    const ordered = n % 2 === 0;
    const item = marshall(
      {
        ...segmentKeys.facts(tenantId, customerId),
        type: 'segment-facts',
        tenantId,
        customerId,
        gsi4pk: segmentKeys.factShard(tenantId, factShardOf(customerId)),
        gsi4sk: customerId,
        updatedAt: '2026-01-01T00:00:00.000Z',
        facts: {
          flags: n % 10 === 0 ? ['vip'] : [],
          classId: n % 7 === 0 ? 'class-friends' : null,
          clubIds: n % 3 === 0 ? ['club-reserve'] : [],
          region: REGIONS[n % REGIONS.length],
          country: 'US',
          birthMonth: (n % 12) + 1,
          ageVerified: n % 4 !== 0,
          permissions: { email: n % 7 !== 0, sms: n % 2 === 0, phone: false, mail: n % 3 === 0 },
          createdAt: new Date(now - (n % 1000) * DAY).toISOString(),
          lastOrderAt: ordered ? new Date(now - (n % 365) * DAY).toISOString() : null,
          orderCount: ordered ? (n % 9) + 1 : 0,
          lifetimeValueCents: ordered ? ((n % 9) + 1) * 4_500 : 0,
          creditBalanceCents: n % 11 === 0 ? 2_500 : 0,
        },
        nameKey: nameSortKey({ firstName: person.firstName, lastName: person.lastName, id: customerId }),
        numberKey: numberSortKey({ customerNumber: 1000 + n }),
        segments: {},
        version: 1,
      },
      { removeUndefinedValues: true },
    );
    seedBytes += JSON.stringify(item).length;
    await writer.put([item]);
  }
  await writer.flush();
  progress(`segments: seeded in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);

  // 2. The floor: every fact shard read bare, in parallel, nothing weighed or written (the second
  //    of two reads: the first warms DynamoDB Local up, as the counts after it find it).
  const readAll = () => Promise.all(
    Array.from({ length: FACT_SHARDS }, async (_, shard) => {
      let count = 0;
      let cursor: Record<string, unknown> | undefined;
      do {
        const page = await dynamo.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: 'gsi4',
            KeyConditionExpression: 'gsi4pk = :shard',
            ExpressionAttributeValues: { ':shard': segmentKeys.factShard(tenantId, shard) },
            ExclusiveStartKey: cursor,
          }),
        );
        count += page.Items?.length ?? 0;
        cursor = page.LastEvaluatedKey;
      } while (cursor);
      return count;
    }),
  );
  await readAll();
  const floorStarted = performance.now();
  const read = await readAll();
  const floorMs = performance.now() - floorStarted;
  const floorRate = people / (floorMs / 1000);
  if (read.reduce((a, b) => a + b, 0) !== people) throw new Error('segments: the fact shards do not hold every person');

  // 3. Background counts of two new segments: a narrow one (the example) and a wide one.
  const counting = report.table('Segments: background count of a new segment', ['segment', 'people', 'joined', 'time', 'people/s', 'floor: bare read of the shards', 'vs floor', 'target', '']);
  const actor = { kind: 'staff' as const, id: 'bench', name: 'Bench' };
  const cases = [
    {
      name: 'California club members, no order in 90 days, allow email',
      match: 'all' as const,
      rules: [
        { field: 'clubId' as const, op: 'memberOf' as const, value: 'club-reserve' },
        { field: 'region' as const, op: 'in' as const, value: ['CA'] },
        { field: 'lastOrderAt' as const, op: 'notWithinDays' as const, value: 90 },
        { field: 'permissions.email' as const, op: 'is' as const, value: true },
      ],
    },
    { name: 'Allow email (most people)', match: 'all' as const, rules: [{ field: 'permissions.email' as const, op: 'is' as const, value: true }] },
  ];
  let lastJoined = 0;
  for (const definition of cases) {
    const segment = await createSegment(tenantId, definition, actor);
    const started = performance.now();
    const { tally } = await meter.measure(async () => {
      for (;;) {
        const { Item: job } = await dynamo.send(new GetCommand({ TableName: tableName, Key: segmentKeys.countJob(tenantId, segment.id), ConsistentRead: true }));
        if (!job) return;
        await runCountStep({ eventId: `bench-${String(job.step)}`, eventName: 'MODIFY', oldItem: undefined, newItem: job });
      }
    });
    const elapsed = performance.now() - started;
    const { Item: counted } = await dynamo.send(new GetCommand({ TableName: tableName, Key: segmentKeys.segment(tenantId, segment.id), ConsistentRead: true }));
    const rate = people / (elapsed / 1000);
    lastJoined = Number(counted?.count ?? 0);
    counting.rows.push([
      definition.name,
      String(people),
      `${String(counted?.count)} (${(((counted?.count as number) / people) * 100).toFixed(0)}%)`,
      `${ms(elapsed)} ms`,
      String(Math.round(rate)),
      `${Math.round(floorRate)} people/s (${ms(floorMs)} ms)`,
      `${(rate / floorRate).toFixed(2)}×`,
      `≥ ${TARGET_PEOPLE_PER_SECOND} people/s`,
      report.verdict(rate >= TARGET_PEOPLE_PER_SECOND && counted?.countedAt !== null, `segment count of "${definition.name}": ${Math.round(rate)} people/s`),
    ]);
    report.notes.push(`Segment count "${definition.name}": ${describeCommands(tally)} (${tally.requests} requests, ${units(tally.estimatedCapacity)} CU by AWS rules).`);
  }

  // The floor of the writes: the wide segment's entries put bare (BatchWriteItem, no condition, no count).
  const joined = lastJoined;
  const writeStarted = performance.now();
  const floorSegment = `floor-${Math.random().toString(36).slice(2, 8)}`;
  for (let n = 0; n < joined; n += 1) {
    const customerId = `c${String(n).padStart(8, '0')}`;
    const partition = segmentKeys.members(tenantId, floorSegment);
    await writer.put([
      marshall({
        ...segmentKeys.member(tenantId, customerId, floorSegment),
        type: 'segment-member',
        tenantId,
        customerId,
        segmentId: floorSegment,
        generation: 1,
        gsi1pk: partition,
        gsi1sk: `name${customerId}`,
        gsi4pk: partition,
        gsi4sk: String(1000 + n).padStart(12, '0'),
      }),
    ]);
  }
  await writer.flush();
  const writeMs = performance.now() - writeStarted;
  counting.rows.push([
    `floor: the wide segment's ${joined} entries put bare (BatchWriteItem, ${ctx.config.seedConcurrency} in flight)`,
    '',
    String(joined),
    `${ms(writeMs)} ms`,
    `${Math.round(joined / (writeMs / 1000))} entries/s`,
    '',
    '',
    '(context)',
    '–',
  ]);

  // 4. The console's dry count (no writes) of the narrow segment.
  const dryStarted = performance.now();
  const { result: dry, tally: dryTally } = await meter.measure(() => countMatching(tenantId, cases[0]!, new Date()));
  const dryMs = performance.now() - dryStarted;
  counting.rows.push([
    'dry count (POST /v1/segments/dry-count), the first segment',
    String(dry.people),
    String(dry.count),
    `${ms(dryMs)} ms`,
    String(Math.round(people / (dryMs / 1000))),
    `${Math.round(floorRate)} people/s`,
    `${(people / (dryMs / 1000) / floorRate).toFixed(2)}×`,
    '(reported)',
    '–',
  ]);
  report.notes.push(
    `Segments: ${people} facts items of ~${Math.round(seedBytes / people)} B (marshalled JSON) in ${FACT_SHARDS} shards on gsi4; ${describeCommands(dryTally)} for the dry count.`,
  );

  await personChangeCost(ctx);
}

/** One person's changes in a tenant with 50 segments: what the membership consumer reads and writes for each. */
async function personChangeCost(ctx: BenchContext): Promise<void> {
  const { app, meter, report, api } = ctx;
  const { createSegment } = await import('../../shared/segments/segment-repository');
  const { applyPersonChange, reconcilePerson } = await import('../../shared/segments/segment-membership');
  const { customerKeys } = app.keys;
  const dynamo = app.client.dynamo;
  const tableName = app.client.tableName;
  const tenantId = `winery-segcost-${Math.random().toString(36).slice(2, 6)}`;
  const actor = { kind: 'staff' as const, id: 'bench', name: 'Bench' };

  const settings = JSON.parse((await api.call(tenantId, 'GET', '/v1/settings')).body) as Record<string, unknown>;
  expectStatus(await api.call(tenantId, 'PUT', '/v1/settings', { ...settings, flags: [{ key: 'vip', title: 'VIP' }] }), 200, 'PUT /v1/settings');
  for (let i = 0; i < 48; i += 1) await createSegment(tenantId, { name: `Spent over ${1000 + i}`, match: 'all', rules: [{ field: 'lifetimeValueCents', op: 'gte', value: 100_000 + i }] }, actor);
  const vip = await createSegment(tenantId, { name: 'VIPs', match: 'all', rules: [{ field: 'flag', op: 'has', value: 'vip' }] }, actor);
  await createSegment(tenantId, { name: 'Mailable VIPs', match: 'all', rules: [{ field: 'flag', op: 'has', value: 'vip' }, { field: 'permissions.email', op: 'is', value: true }] }, actor);
  const created = await api.call(tenantId, 'POST', '/v1/customers', {
    billingAddress: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada.segments@example.com', region: 'CA', country: 'US' },
    permissions: { email: true },
    sendWelcomeEmail: false,
  });
  expectStatus(created, 201, 'POST /v1/customers');
  const personId = (JSON.parse(created.body) as { id: string }).id;
  await reconcilePerson(tenantId, personId);

  const profile = async () => (await dynamo.send(new GetCommand({ TableName: tableName, Key: customerKeys.profile(tenantId, personId), ConsistentRead: true }))).Item;
  const table = report.table('Segments: one person’s change, 50 segments (the membership consumer)', ['change', 'segments moved', 'requests', 'commands', 'items written', 'CU (AWS rules, est.)', 'target', '']);
  const change = async (label: string, patch: Record<string, unknown>, moved: number, target: string, counted = true) => {
    const before = await profile();
    expectStatus(await api.call(tenantId, 'PATCH', `/v1/customers/${personId}`, patch), 200, `PATCH ${label}`);
    const after = await profile();
    const { result: { tally }, items } = await countingWrites(app.client.dynamoClient, () =>
      meter.measure(() => applyPersonChange({ eventId: `bench-${label}`, eventName: 'MODIFY', oldItem: before, newItem: after })),
    );
    // The person's facts, then per segment moved its entry and its count (a new name: its entry only).
    const expected = target.startsWith('0') ? 0 : 1 + (counted ? 2 : 1) * moved;
    table.rows.push([
      label,
      String(moved),
      String(tally.requests),
      describeCommands(tally) || '(none)',
      String(items),
      units(tally.estimatedCapacity),
      target,
      report.verdict(items <= expected && (expected > 0 || tally.requests === 0), `segments: ${label} wrote ${items} items`),
    ]);
    return tally;
  };
  await change('special instructions (no rule reads them)', { specialInstructions: 'Ring twice' }, 0, '0 requests, 0 writes');
  await change('flag vip given: into 2 of 50', { flags: ['vip'] }, 2, '≤ 5 writes: facts + 2 × (entry, count)');
  await change('email permission off: out of 1 of 50', { permissions: { email: false } }, 1, '≤ 3 writes: facts + entry + count');
  await change('new last name: re-sorted in the 1 segment held', { lastName: 'Byron' }, 1, '≤ 2 writes: facts + entry', false);

  // A count is one read.
  const { tally } = await meter.measure(async () => expectStatus(await api.call(tenantId, 'GET', `/v1/segments/${vip.id}`), 200, 'GET /v1/segments/{id}'));
  const requests = report.tables.find((t) => t.title.startsWith('DynamoDB requests'));
  const row = ['GET /v1/segments/{id} (the live count)', String(tally.requests), describeCommands(tally), units(tally.capacity), units(tally.estimatedCapacity), '1', report.verdict(tally.requests === 1, 'GET /v1/segments/{id}: more than one request')];
  if (requests) requests.rows.push(row);
  else table.rows.push(['GET /v1/segments/{id} (the live count)', '', String(tally.requests), describeCommands(tally), '0', units(tally.estimatedCapacity), '1 request', row[6]!]);
}

/**
 * Items written by the app's client while `fn` runs: each part of a TransactWriteItems but its
 * condition checks, each PutItem, UpdateItem, DeleteItem, each request of a BatchWriteItem.
 */
async function countingWrites<T>(client: BenchContext['app']['client']['dynamoClient'], fn: () => Promise<T>): Promise<{ result: T; items: number }> {
  let items = 0;
  const name = `benchSegmentWrites${Math.random().toString(36).slice(2)}`;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { TransactItems?: Record<string, unknown>[]; RequestItems?: Record<string, unknown[]> };
      if (context.commandName === 'TransactWriteItemsCommand') items += (input.TransactItems ?? []).filter((part) => !('ConditionCheck' in part)).length;
      else if (['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand'].includes(context.commandName ?? '')) items += 1;
      else if (context.commandName === 'BatchWriteItemCommand') items += Object.values(input.RequestItems ?? {}).reduce((sum, list) => sum + list.length, 0);
      return next(args);
    },
    { step: 'initialize', name },
  );
  try {
    return { result: await fn(), items };
  } finally {
    client.middlewareStack.remove(name);
  }
}
