/**
 * `npm run bench` (`--quick` for a smoke run): measures, in one run against its own DynamoDB
 * Local, what the README's performance rules promise (§ Benchmark) — DynamoDB requests and capacity per endpoint,
 * latency beside a bare DynamoDB request of the same size (the floor), list latency in a small
 * and a big tenant, each function's bundle size and cold import — and prints Markdown.
 * It reports; it never asserts a timing. Progress goes to stderr, the report to stdout.
 *
 * `--only <scenario>[,<scenario>]` (e.g. `npm run bench -- --quick --only import`) runs just those
 * scenarios (names in config.ts `SCENARIOS`); the tenants are seeded only when a chosen scenario
 * reads them (profile, list, orders). Sizes: `--<name>=<n>` as parsed in config.ts.
 *
 * Nothing under shared/ or functions/ is imported before the environment is set: those
 * modules read it at import time (see local-table.ts, app.ts).
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { openGateway, openInProcess, type ApiCaller } from './api';
import { BatchWriter } from './batch-writer';
import { bundleScenario } from './bundles';
import { parseConfig, type Scenario } from './config';
import type { BenchContext } from './context';
import { startBenchSes, startLocalTable } from './local-table';
import { DynamoMeter } from './meter';
import { Report } from './report';
import { createScenario } from './scenarios/create';
import { importScenario } from './scenarios/import';
import { listScenario } from './scenarios/list';
import { ordersScenario } from './scenarios/orders';
import { pauseExpiryScenario } from './scenarios/pause-expiry';
import { mergeScenario } from './scenarios/merge';
import { profileScenario } from './scenarios/profile';
import { segmentsScenario } from './scenarios/segments';
import { webScenario } from './scenarios/web';
import { webhooksScenario } from './scenarios/webhooks';
import { writesScenario } from './scenarios/writes';
import { Seeder, type SeedResult } from './seed';
import { progress } from './stats';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const runStarted = performance.now();
const loadAtStart = loadavg()[0]!;
const config = parseConfig(process.argv.slice(2));
const runs = (scenario: Scenario) => config.only === undefined || config.only.has(scenario);
const needsSeeding = runs('profile') || runs('list') || runs('orders');
const report = new Report();
const seconds = (msValue: number) => `${(msValue / 1000).toFixed(1)} s`;

// 1. Bundles first, while nothing else competes for the CPU; then the web console (its own stack).
if (runs('bundles')) await bundleScenario(report, config.coldImportRuns);
if (runs('web')) await webScenario(report, config);

// 2. DynamoDB Local, the table, the environment; then the project's modules.
progress('starting DynamoDB Local (in memory)');
const table = await startLocalTable();
// Emails are part of what an event writes (their logs): the writes scenario sends them to a local SES.
const ses = runs('writes') ? await startBenchSes() : undefined;
let api: ApiCaller | undefined;
let inProcess: ApiCaller | undefined;
try {
  const { loadApp } = await import('./app');
  const app = await loadApp();
  const meter = new DynamoMeter().install(app.client.dynamoClient);
  const gateway = await openGateway();
  if ('error' in gateway) {
    api = await openInProcess(app);
    report.notes.push(`No usable local gateway (${gateway.error}): API calls go to the handlers in-process.`);
  } else {
    api = gateway;
    inProcess = await openInProcess(app);
  }

  // The tables the scenarios fill, in the order they are printed (after the bundles).
  if (runs('profile') || runs('create') || runs('list') || runs('orders') || runs('pause-expiry')) {
    report.table('Latency (ms, sequential calls)', [
      'call',
      'n',
      'p50',
      'p95',
      'beside (p50 / p95)',
      'ratio (p50)',
      'target',
      '',
    ]);
    report.table('DynamoDB requests and capacity per call', [
      'call',
      'requests',
      'commands',
      'CU (DynamoDB Local)',
      'CU (AWS rules, est.)',
      'target',
      '',
    ]);
  }
  if (needsSeeding && runs('list')) {
    report.table('List latency: small vs big tenant (ms, p50 / p95)', [
      'q',
      'partition: entries small / big',
      'items returned',
      'small tenant',
      'big tenant',
      'ratio big/small (p50)',
      'floor p50 small / big',
      'vs floor small / big',
    ]);
  }

  // Webhooks read the table's stream from its start: they run before seeding fills it.
  if (runs('webhooks')) {
    await webhooksScenario({
      app,
      meter,
      report,
      config,
      writer: new BatchWriter(table.seedClient, table.tableName, config.seedConcurrency),
      endpoint: table.endpoint,
      tableName: table.tableName,
    });
  }

  // 3. Seeding: the small tenant (measures the rate), the history, then the big tenant until
  //    it is complete or the budget is spent (whole chunks of people, so every person is whole).
  const writer = new BatchWriter(table.seedClient, table.tableName, config.seedConcurrency);
  const seed = async () => {
    const seeder = new Seeder(app, writer);
    const javaCpu = () => {
      try {
        const fields = readFileSync(`/proc/${table.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
        return (Number(fields[11]) + Number(fields[12])) / 100;
      } catch {
        return Number.NaN;
      }
    };
    const smallTenant = `winery-small-${Math.random().toString(36).slice(2, 6)}`;
    const bigTenant = `winery-big-${Math.random().toString(36).slice(2, 6)}`;
    progress(`seeding ${config.smallTenantPeople} people (${smallTenant}), ${config.seedConcurrency} BatchWrites in flight`);
    const small = await seeder.seedTenant(smallTenant, config.smallTenantPeople, { label: 'small tenant' });
    const rate = small.items / (small.ms / 1000);
    const itemsPerPerson = small.items / small.people;
    const projectedMs = ((config.bigTenantPeople * itemsPerPerson) / rate) * 1000;
    progress(
      `small tenant: ${small.items} items in ${seconds(small.ms)} (${Math.round(rate)} items/s, ${itemsPerPerson.toFixed(1)} items a person); ` +
        `${config.bigTenantPeople} people would take ~${seconds(projectedMs)}`,
    );
    const freshPerson = small.sample.find((p) => p.index > 0 && p.profile.defaultShippingAddressId === null)!;
    const historyPerson = small.sample.find((p) => p.index > freshPerson.index && p.profile.defaultShippingAddressId === null)!;
    const historyMs = await seeder.seedHistory(historyPerson, config.historyItems);

    progress(`seeding up to ${config.bigTenantPeople} people (${bigTenant}), budget ${seconds(config.bigSeedBudgetMs)}`);
    const cpuBefore = javaCpu();
    const bigStarted = performance.now();
    const big: SeedResult = await seeder.seedTenant(bigTenant, config.bigTenantPeople, {
      label: 'big tenant',
      deadline: bigStarted + config.bigSeedBudgetMs,
      chunk: 500,
    });
    const bigRate = big.items / (big.ms / 1000);
    const javaCores = (javaCpu() - cpuBefore) / (big.ms / 1000);
    progress(`big tenant: ${big.people} people, ${big.items} items in ${seconds(big.ms)} (${Math.round(bigRate)} items/s)`);

    const seeding = report.table('Seeding (BatchWriteItem straight into DynamoDB Local)', [
      'what',
      'people',
      'items',
      'BatchWrite requests',
      'time',
      'items/s',
      'note',
    ]);
    seeding.rows.push([`small tenant ${smallTenant}`, String(small.people), String(small.items), String(small.requests), seconds(small.ms), String(Math.round(rate)), 'includes DynamoDB Local warm-up']);
    seeding.rows.push([
      `big tenant ${bigTenant}`,
      String(big.people),
      String(big.items),
      String(big.requests),
      seconds(big.ms),
      String(Math.round(bigRate)),
      `${big.stoppedEarly ? `stopped at the ${seconds(config.bigSeedBudgetMs)} budget; ` : ''}DynamoDB Local used ${Number.isFinite(javaCores) ? javaCores.toFixed(2) : '?'} cores`,
    ]);
    seeding.rows.push([`history of one person`, '1', String(config.historyItems), '', seconds(historyMs), '', '`H#CHANGE#<ulid>` items, ~500 B each']);
    report.notes.push(
      `Seeding: ${config.seedConcurrency} BatchWriteItem requests in flight, ${itemsPerPerson.toFixed(1)} items a person ` +
        `(profile, addresses, email marker, ~${(itemsPerPerson - 2.3).toFixed(0)} listing entries of ~300 B: everyone, the filters, one per search word).`,
    );
    if (big.people < config.bigTenantPeople) {
      const fullMs = ((config.bigTenantPeople * itemsPerPerson) / bigRate) * 1000;
      report.notes.push(
        `The big tenant has ${big.people} people, not ${config.bigTenantPeople}: DynamoDB Local ingests ~${Math.round(bigRate)} items/s here ` +
          `(one writer thread: it used ${Number.isFinite(javaCores) ? javaCores.toFixed(2) : '?'} of 2 cores), so ${config.bigTenantPeople} people ` +
          `(~${Math.round((config.bigTenantPeople * itemsPerPerson) / 1000)}k items) would take ~${(fullMs / 60_000).toFixed(0)} min; ` +
          `seeding stopped at the ${seconds(config.bigSeedBudgetMs)} budget.`,
      );
    }
    return { small, big, freshPerson, historyPerson, smallTenant, bigTenant };
  };
  const seeded = needsSeeding ? await seed() : undefined;

  // 4. Measurements, after seeding so the table is at its final size.
  const ctx: BenchContext = { app, meter, api, inProcess, config, report, tableName: table.tableName };
  if (seeded && runs('profile')) await profileScenario(ctx, { fresh: seeded.freshPerson, history: seeded.historyPerson, historyItems: config.historyItems });
  if (runs('create')) await createScenario(ctx, `winery-create-${Math.random().toString(36).slice(2, 6)}`);
  if (seeded && runs('list')) {
    const { small, big, smallTenant, bigTenant } = seeded;
    await listScenario(ctx, { small: { id: smallTenant, people: small.people }, big: { id: bigTenant, people: big.people } }, table.seedClient);
  }
  if (seeded && runs('orders')) await ordersScenario(ctx, { tenantId: seeded.smallTenant, id: seeded.freshPerson.id });
  if (runs('pause-expiry')) await pauseExpiryScenario(ctx, writer);
  if (runs('writes')) await writesScenario(ctx, { endpoint: table.endpoint, seedClient: table.seedClient });
  if (runs('import')) await importScenario(ctx, { endpoint: table.endpoint, seedClient: table.seedClient, dynamoDbPid: table.pid });
  if (runs('segments')) await segmentsScenario(ctx, writer);
  if (runs('merge')) await mergeScenario(ctx, writer);

  report.notes.push(
    `API calls: ${api.label}; ${inProcess ? 'the in-process row shows the same handler without the HTTP hop and the JWT check. ' : ''}` +
      'Floors use the same DynamoDB client (same connection pool, same middleware) with the low-level SDK (no DocumentClient).',
  );
  report.notes.push(
    'CU (DynamoDB Local) is what the engine returns for ReturnConsumedCapacity=INDEXES (table + indexes). Its numbers for ' +
      'TransactWriteItems do not follow AWS pricing, so the AWS column re-estimates transactions from the item sizes ' +
      '(2 WCU per started KB per item; 1 KB assumed for an Update, Delete or ConditionCheck inside one); other calls are the same in both columns.',
  );
  report.notes.push(
    `Run: ${config.quick ? '--quick' : 'full'}, Node ${process.version} (Lambda would run node22), DynamoDB Local in memory, ` +
      `${cpus().length} cores shared with whatever else runs (1-min load average ${loadAtStart.toFixed(1)} at the start, ` +
      `${loadavg()[0]!.toFixed(1)} at the end); total ${seconds(performance.now() - runStarted)}.`,
  );
  process.stdout.write(`\n## Benchmark (${config.quick ? 'quick' : 'full'})\n\n${report.render()}`);
} finally {
  await api?.close();
  await inProcess?.close();
  await table.stop();
  await ses?.stop();
  progress(`done in ${seconds(performance.now() - runStarted)}`);
}
