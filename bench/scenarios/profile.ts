import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { describeCommands, expectStatus, units, type BenchContext } from '../context';
import type { Tally } from '../meter';
import type { SeededPerson } from '../seed';
import { interleave, ms, progress, ratio, summarize, within } from '../stats';

/**
 * `GET /v1/customers/{id}` beside the floor: a bare Query of the same item collection (the
 * profile-page prefix, consistent read) on the same client. And the same read for a person with
 * a long history against a new person: the history lives outside the profile-page prefix, so it
 * should cost nothing here.
 */
export async function profileScenario(
  ctx: BenchContext,
  people: { fresh: SeededPerson; history: SeededPerson; historyItems: number },
): Promise<void> {
  const { app, meter, api, inProcess, config, report, tableName } = ctx;
  const { fresh, history } = people;
  const get = (caller: typeof api, person: SeededPerson) => async () => {
    const response = await caller.call(person.profile.tenantId, 'GET', `/v1/customers/${person.id}`);
    expectStatus(response, 200, `GET /v1/customers/${person.id}`);
    return response;
  };
  // The profile read's own key condition (`prefixCondition`), sent through the low-level client.
  const floor = (person: SeededPerson) => {
    const condition = app.cursor.prefixCondition(app.keys.customerPk(person.profile.tenantId, person.id), app.keys.PROFILE_PAGE_PREFIX);
    const values = marshall(condition.ExpressionAttributeValues);
    return () =>
      app.client.dynamoClient.send(
        new QueryCommand({ TableName: tableName, KeyConditionExpression: condition.KeyConditionExpression, ExpressionAttributeValues: values, ConsistentRead: true }),
      );
  };

  // What a call asks of DynamoDB, over several calls (after the first, which imports the module).
  await get(api, fresh)();
  const perCall = async (fn: () => Promise<unknown>, calls = 10) => {
    const tallies: Tally[] = [];
    for (let i = 0; i < calls; i += 1) tallies.push((await meter.measure(fn)).tally);
    return tallies;
  };
  const freshTallies = await perCall(get(api, fresh));
  const historyTallies = await perCall(get(api, history));
  const floorTallies = await perCall(floor(fresh));
  const profile = JSON.parse((await get(api, fresh)()).body) as { addresses: unknown[] };

  const requests = report.tables.find((t) => t.title.startsWith('DynamoDB requests'))!;
  const row = (what: string, tallies: Tally[], target: string | undefined, met: boolean | undefined) => {
    const counts = tallies.map((t) => t.requests);
    const last = tallies.at(-1)!;
    requests.rows.push([
      what,
      counts.every((c) => c === counts[0]) ? String(counts[0]) : `${Math.min(...counts)}–${Math.max(...counts)}`,
      describeCommands(last),
      units(last.capacity),
      units(last.estimatedCapacity),
      target ?? '–',
      report.verdict(met, `${what}: requests per call`),
    ]);
  };
  const allOne = (tallies: Tally[]) => tallies.every((t) => t.requests === 1);
  row('GET /v1/customers/{id} (new person)', freshTallies, '1', allOne(freshTallies));
  row(`GET /v1/customers/{id} (${people.historyItems} history items)`, historyTallies, '1', allOne(historyTallies));
  row('floor: bare Query of the profile page', floorTallies, undefined, undefined);

  progress(`profile: timing ${config.rounds} rounds (${profile.addresses.length} addresses on the page)`);
  const contenders: Record<string, () => Promise<unknown>> = {
    api: get(api, fresh),
    apiHistory: get(api, history),
    floor: floor(fresh),
    floorHistory: floor(history),
  };
  if (inProcess) {
    await get(inProcess, fresh)();
    contenders.inProcess = get(inProcess, fresh);
  }
  // Where the gateway's extra time goes: the HTTP round trip alone (an unknown route: no JWT
  // check, no function) and the JWT verification alone.
  if (api.hopOnly) contenders.hop = () => api.hopOnly!();
  if (api.verifyToken) contenders.jwt = () => api.verifyToken!(fresh.profile.tenantId);
  const samples = await interleave(contenders, { rounds: config.rounds, warmup: config.warmup });
  const s = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, summarize(v)]));
  const latency = report.tables.find((t) => t.title.startsWith('Latency'))!;
  const apiVsFloor = s.api!.p50 / s.floor!.p50;
  latency.rows.push([
    `GET /v1/customers/{id}, new person — ${api.label}`,
    String(s.api!.n),
    ms(s.api!.p50),
    ms(s.api!.p95),
    `bare Query of the same collection: ${ms(s.floor!.p50)} / ${ms(s.floor!.p95)}`,
    ratio(apiVsFloor),
    '≤ 1.5× floor',
    report.verdict(within(apiVsFloor, 1.5), `GET /v1/customers/{id} p50 ${ratio(apiVsFloor)} the bare Query (target ≤ 1.5×)`),
  ]);
  if (s.inProcess) {
    latency.rows.push([
      `GET /v1/customers/{id}, new person — handler in-process (no HTTP, no JWT check)`,
      String(s.inProcess.n),
      ms(s.inProcess.p50),
      ms(s.inProcess.p95),
      `same floor`,
      ratio(s.inProcess.p50 / s.floor!.p50),
      '(context)',
      '–',
    ]);
  }
  if (s.hop) {
    latency.rows.push([
      'local gateway, unknown route: the HTTP round trip alone (no JWT check, no function)',
      String(s.hop.n),
      ms(s.hop.p50),
      ms(s.hop.p95),
      '',
      '',
      '(context)',
      '–',
    ]);
  }
  if (s.jwt) {
    latency.rows.push([
      "local gateway's JWT verification alone (RS256, jose), in-process",
      String(s.jwt.n),
      ms(s.jwt.p50),
      ms(s.jwt.p95),
      '',
      '',
      '(context)',
      '–',
    ]);
  }
  const historyVsNew = s.apiHistory!.p50 / s.api!.p50;
  latency.rows.push([
    `GET /v1/customers/{id}, person with ${people.historyItems} history items — ${api.label}`,
    String(s.apiHistory!.n),
    ms(s.apiHistory!.p50),
    ms(s.apiHistory!.p95),
    `same read, new person: ${ms(s.api!.p50)} / ${ms(s.api!.p95)}`,
    ratio(historyVsNew),
    '≤ 1.2× new person',
    report.verdict(within(historyVsNew, 1.2), `profile read with ${people.historyItems} history items ${ratio(historyVsNew)} a new person's (target ≤ 1.2×)`),
  ]);
  latency.rows.push([
    `floor: bare Query, person with ${people.historyItems} history items`,
    String(s.floorHistory!.n),
    ms(s.floorHistory!.p50),
    ms(s.floorHistory!.p95),
    `bare Query, new person: ${ms(s.floor!.p50)} / ${ms(s.floor!.p95)}`,
    ratio(s.floorHistory!.p50 / s.floor!.p50),
    '(context)',
    '–',
  ]);
}
