import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AttributeValue, ConsumedCapacity, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { BatchWriter } from '../batch-writer';
import { expectStatus, units, type BenchContext } from '../context';
import type { Tally } from '../meter';
import { generatePerson } from '../people';
import { ms, progress, ratio, summarize, within } from '../stats';
import { checkpointAtStreamEnd } from '../stream-checkpoint';

/**
 * `POST /v1/customers/import` as the console drives it: the file in batches of 100 rows, a few
 * batches in flight, an `Idempotency-Key` per batch. Measured in one run:
 *
 * - rows/s of the import beside the floor: DynamoDB Local's own BatchWriteItem rate for the items
 *   the import writes for the same people (profile, email marker, addresses), in a fresh tenant;
 * - DynamoDB requests and capacity per row, by command (a middleware of this scenario's on the
 *   app's client, next to the meter's), for the first pass, the second pass of the same file
 *   (every row `unchanged`: a new run of a stopped import) and the replay of the first pass's
 *   batches with their keys (a batch sent twice);
 * - the stream consumers, running beside the import in a process of their own (as in AWS they
 *   are other functions): how soon an imported person is findable after their batch's answer
 *   (the newest of each batch, searched by number until found), and how long after the
 *   import's end every consumer has caught up;
 * - `GET /v1/customers/{id}` p50 at rest and while the import runs, read in a loop by a process
 *   of its own (`bench/profile-reader.ts`), as the console's reads are other Lambda invocations
 *   than the import's in AWS: what they share is the table (and here the machine's 2 cores).
 */
const BATCH_ROWS = 100;
const SOURCE = 'bench-import.csv';
// The same options as shared/db/client.ts.
const MARSHALL = { removeUndefinedValues: true, convertClassInstanceToMap: false } as const;

type Row = Record<string, unknown>;
interface RowResult {
  row: number;
  status: 'created' | 'updated' | 'unchanged' | 'invalid';
  id?: string;
  customerNumber?: number;
  errors?: unknown[];
}

/** Requests and capacity by command, for the calls not made by the reader loop. */
interface ByKind {
  requests: Record<string, number>;
  capacity: Record<string, { total: number; read: number; write: number }>;
}


/** Counts, next to the meter, what each command costs (the meter sums capacity over all commands). */
function installByKind(client: DynamoDBClient): { take(): ByKind; remove(): void } {
  let tally: ByKind = { requests: {}, capacity: {} };
  const name = 'benchImportByKind';
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      const command = (context.commandName ?? 'unknown').replace(/Command$/, '');
      tally.requests[command] = (tally.requests[command] ?? 0) + 1;
      const consumed = (result.output as { ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[] }).ConsumedCapacity;
      const entry = (tally.capacity[command] ??= { total: 0, read: 0, write: 0 });
      for (const c of consumed === undefined ? [] : Array.isArray(consumed) ? consumed : [consumed]) {
        entry.total += c.CapacityUnits ?? 0;
        entry.read += c.ReadCapacityUnits ?? 0;
        entry.write += c.WriteCapacityUnits ?? 0;
      }
      return result;
    },
    // Added after the meter's, at its step and priority, so it runs inside it: the meter has
    // added ReturnConsumedCapacity to the input by then.
    { step: 'initialize', priority: 'high', name },
  );
  return {
    take() {
      const taken = tally;
      tally = { requests: {}, capacity: {} };
      return taken;
    },
    remove: () => void client.middlewareStack.remove(name),
  };
}

/** The rows of the file: person `i` as the bench generates them, in the shapes an export of another system gives. */
/** People imported with only the listing consumer running, to see how soon it finds them on its own. */
const ALONE_PEOPLE = 2_000;

export function importRows(count: number, classes: Record<string, string>, from = 0): Row[] {
  return Array.from({ length: count }, (_, n) => {
    const i = from + n;
    const person = generatePerson(i);
    const withAddress = i % 2 === 0;
    const address = {
      line1: `${100 + (i % 900)} Vineyard Lane`,
      city: person.city,
      region: 'CA',
      postalCode: String(94_000 + (i % 999)),
      country: 'US',
    };
    return {
      billingAddress: { firstName: person.firstName, lastName: person.lastName, email: person.email, ...(withAddress ? address : {}) },
      ...(withAddress && person.hasShipping ? { shippingAddress: { ...address, line1: `${i % 90} Cellar Road` } } : {}),
      ...(person.phone ? { phone: person.phone } : {}),
      ...(i % 3 === 0 ? { birthDate: `19${50 + (i % 50)}-0${1 + (i % 9)}-1${i % 10}` } : {}),
      ...(person.flags.length > 0 ? { flags: person.flags } : {}),
      ...(i % 4 === 0 ? { permissions: { email: true, sms: false, phone: false, mail: i % 8 === 0 } } : {}),
      ...(person.customerClassId ? { customerClassId: classes[person.customerClassId] } : {}),
      externalId: `C7-${100_000 + i}`,
    };
  });
}

/** Sends the rows in batches of 100, `inFlight` at a time; answers every row's result and each batch's latency. */
export async function sendBatches(
  ctx: BenchContext,
  tenantId: string,
  rows: readonly Row[],
  keyOf: (batch: number) => string,
  label: string,
  options: { batchRows?: number; onAnswer?: (results: readonly RowResult[]) => void } = {},
): Promise<{ results: RowResult[]; latencies: number[]; ms: number; retried: number }> {
  const batchRows = options.batchRows ?? BATCH_ROWS;
  let retried = 0;
  const batches = Math.ceil(rows.length / batchRows);
  const results: RowResult[] = new Array<RowResult>(rows.length);
  const latencies: number[] = [];
  let next = 0;
  let lastReport = performance.now();
  const started = performance.now();
  const worker = async () => {
    for (let batch = next++; batch < batches; batch = next++) {
      const slice = rows.slice(batch * batchRows, (batch + 1) * batchRows);
      const sent = performance.now();
      // As the console sends a batch: a 503 (busy, or out of time) is sent again after its
      // Retry-After with the same Idempotency-Key, twice at most.
      let response = await ctx.api.call(tenantId, 'POST', '/v1/customers/import', { rows: slice, source: SOURCE }, { 'idempotency-key': keyOf(batch) });
      for (let retry = 0; retry < 2 && response.status === 503; retry += 1) {
        retried += 1;
        await new Promise((resolve) => setTimeout(resolve, 1000 * (retry + 1)));
        response = await ctx.api.call(tenantId, 'POST', '/v1/customers/import', { rows: slice, source: SOURCE }, { 'idempotency-key': keyOf(batch) });
      }
      latencies.push(performance.now() - sent);
      expectStatus(response, 200, `POST /v1/customers/import (${label}, batch ${batch})`);
      const answered = (JSON.parse(response.body) as { results: RowResult[] }).results;
      for (const result of answered) results[batch * batchRows + result.row] = result;
      options.onAnswer?.(answered);
      if (performance.now() - lastReport > 10_000) {
        lastReport = performance.now();
        progress(`import ${label}: ${latencies.length}/${batches} batches, ${Math.round((latencies.length * batchRows) / ((lastReport - started) / 1000))} rows/s`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(ctx.config.importInFlight, batches) }, worker));
  return { results, latencies, ms: performance.now() - started, retried };
}

const statusCounts = (results: readonly RowResult[]) =>
  Object.entries(
    results.reduce<Record<string, number>>((counts, r) => ({ ...counts, [r.status]: (counts[r.status] ?? 0) + 1 }), {}),
  )
    .map(([status, n]) => `${n} ${status}`)
    .join(', ');

interface Read {
  /** Epoch ms when the read ended. */
  at: number;
  ms: number;
}

/** `bench/profile-reader.ts` in a child process, with this process's environment (table, endpoint, secrets). */
function startProfileReader(tenantId: string, customerId: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '..', 'profile-reader.ts'), tenantId, customerId], {
    env: process.env,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const reads: Read[] = [];
  let waiting: { count: number; resolve: () => void } | undefined;
  const lines = createInterface({ input: child.stdout });
  lines.on('line', (line) => {
    const [at, latency] = line.split(' ').map(Number) as [number, number];
    reads.push({ at, ms: latency });
    if (waiting && reads.length >= waiting.count) waiting.resolve();
  });
  const exited = new Promise<void>((resolve, reject) => child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`the profile reader exited with ${code}`)))));
  return {
    /** The first `count` reads, once made. */
    async reads(count: number): Promise<Read[]> {
      if (reads.length < count) await Promise.race([new Promise<void>((resolve) => (waiting = { count, resolve })), exited]);
      return reads.slice(0, count);
    },
    /** Every read made, once the reader has stopped. */
    async stop(): Promise<Read[]> {
      child.stdin.end();
      await exited;
      return reads;
    },
  };
}

/** The consumers process's CPU so far, and per consumer: its invocations, the records they carried, its DynamoDB requests by command. */
interface ConsumerTally {
  cpuMs: number;
  searches: number;
  consumers: Record<string, { invocations: number; records: number; requests: Record<string, number>; invokedMs: number }>;
}

/** CPU seconds a process has used so far (user + system), from /proc; NaN when it cannot be read. */
function cpuSecondsOf(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

/** `bench/consumers-process.ts` in a child process, with this process's environment: the consumers (all, or those named) and the prober. */
function startConsumers(endpoint: string, tableName: string, checkpointFile: string, deadLetterFile: string, names: readonly string[] = []) {
  const args = [join(import.meta.dirname, '..', 'consumers-process.ts'), endpoint, tableName, checkpointFile, deadLetterFile, ...(names.length > 0 ? [names.join(',')] : [])];
  // BENCH_CPU_PROF=<folder>: the consumers' CPU profile goes there (open it in Chrome's DevTools).
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', ...args], {
    env: process.env,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const found: number[] = [];
  let drained: ((at: number) => void) | undefined;
  let tallied: ((tally: ConsumerTally) => void) | undefined;
  let ready: () => void = () => undefined;
  const started = new Promise<void>((resolve) => (ready = resolve));
  createInterface({ input: child.stdout }).on('line', (line) => {
    const [what, a, b] = line.split(' ');
    if (what === 'tally') tallied?.(JSON.parse(line.slice('tally '.length)) as ConsumerTally);
    if (what === 'ready') ready();
    if (what === 'found') found.push(Number(b));
    if (what === 'drained') drained?.(Number(a));
  });
  const exited = new Promise<void>((resolve, reject) => child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`the consumers process exited with ${code}`)))));
  return {
    /** Once the poller runs and the prober's handler is loaded. */
    started: () => Promise.race([started, exited]),
    probe: (tenantId: string, customerNumber: number, answeredAt: number) => child.stdin.write(`probe ${tenantId} ${customerNumber} ${answeredAt}\n`),
    /** When every consumer had caught up (epoch ms), or undefined past `budgetMs`. */
    drain: (budgetMs: number) =>
      Promise.race([
        new Promise<number>((resolve) => {
          drained = resolve;
          child.stdin.write('drain\n');
        }),
        new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), budgetMs).unref()),
      ]),
    /** What each consumer did so far: invocations, records, DynamoDB requests by command. */
    tally: () =>
      new Promise<ConsumerTally>((resolve) => {
        tallied = resolve;
        child.stdin.write('tally\n');
      }),
    /** Stops it; answers how long each probed person took to be found (ms after their batch's answer). */
    async stop(): Promise<number[]> {
      child.stdin.write('stop\n');
      child.stdin.end();
      await exited;
      return found;
    },
  };
}

export async function importScenario(ctx: BenchContext, local: { endpoint: string; seedClient: DynamoDBClient; dynamoDbPid: number | undefined }): Promise<void> {
  const { app, meter, api, config, report, tableName } = ctx;
  const runId = Math.random().toString(36).slice(2, 6);
  const tenantId = `winery-import-${runId}`;
  const floorTenant = `winery-import-floor-${runId}`;
  const count = config.importPeople;
  const work = mkdtempSync(join(tmpdir(), 'bench-import-'));
  const byKind = installByKind(app.client.dynamoClient);
  try {
    // The tenant: flags defined in settings, two customer classes.
    const got = await api.call(tenantId, 'GET', '/v1/settings');
    expectStatus(got, 200, 'GET /v1/settings');
    const settings = JSON.parse(got.body) as Record<string, unknown>;
    const flags = [
      { key: 'vip', title: 'VIP' },
      { key: 'trade', title: 'Trade' },
      { key: 'allocation', title: 'Allocation list' },
    ];
    expectStatus(await api.call(tenantId, 'PUT', '/v1/settings', { ...settings, flags }), 200, 'PUT /v1/settings');
    const classes: Record<string, string> = {};
    for (const [key, name, discountPercent] of [['class-gold', 'Gold', 15], ['class-trade', 'Trade', 30]] as const) {
      const created = await api.call(tenantId, 'POST', '/v1/customer-classes', { name, discountPercent });
      expectStatus(created, 201, 'POST /v1/customer-classes');
      classes[key] = (JSON.parse(created.body) as { id: string }).id;
    }
    const rows = importRows(count, classes);
    const bodyBytes = Buffer.byteLength(JSON.stringify({ rows: rows.slice(0, BATCH_ROWS), source: SOURCE }));

    // The person the reader loop reads (not in the file), and the read at rest.
    const person = await api.call(tenantId, 'POST', '/v1/customers', {
      billingAddress: { firstName: 'Rita', lastName: 'Reader', email: `rita.reader.${runId}@example.com`, line1: '1 Tasting Room Way', city: 'Napa', region: 'CA', postalCode: '94558', country: 'US' },
      phone: '+1 (707) 555-0100',
      sendWelcomeEmail: false,
    });
    expectStatus(person, 201, 'POST /v1/customers');
    const readerId = (JSON.parse(person.body) as { id: string }).id;
    const reader = startProfileReader(tenantId, readerId);
    const atRest = (await reader.reads(config.warmup + config.rounds)).slice(config.warmup).map((read) => read.ms);

    // The floor: the items a create writes for the same people, straight in with BatchWriteItem.
    const [schemas, rules, repository] = await Promise.all([
      import('../../shared/people/import-schemas'),
      import('../../shared/people/import-rules'),
      import('../../shared/people/customer-repository'),
    ]);
    const floorActor = { kind: 'staff' as const, id: 'bench-floor', name: 'Bench Floor' };
    const floorItems: Record<string, AttributeValue>[] = [];
    rows.forEach((row, i) => {
      const parsed = schemas.ImportRow.parse(row);
      const { writes } = repository.newCustomerWrites(floorTenant, rules.createBodyOf(parsed), 1000 + i, undefined, floorActor);
      for (const { write } of writes) if (write.Put?.Item) floorItems.push(marshall(write.Put.Item, MARSHALL));
    });
    progress(`import: floor, ${floorItems.length} items for ${count} people by BatchWriteItem (${config.seedConcurrency} in flight)`);
    const writer = new BatchWriter(local.seedClient, tableName, config.seedConcurrency);
    const floorStarted = performance.now();
    await writer.put(floorItems);
    await writer.flush();
    const floorMs = performance.now() - floorStarted;

    // Pass 1, with the reader loop beside it and the consumers running in a process of their own
    // (from the stream's end before the import), which also searches for one new person of each
    // batch as soon as the batch is answered.
    const { consumers } = await import('../../shared/streams/consumers');
    const checkpointFile = join(work, 'checkpoints.json');
    await checkpointAtStreamEnd(local.seedClient, local.endpoint, tableName, consumers.map((c) => c.name), checkpointFile);
    const consumersProcess = startConsumers(local.endpoint, tableName, checkpointFile, join(work, 'dead-letters.jsonl'));
    await consumersProcess.started();
    const tallyBefore = await consumersProcess.tally();
    const cpuBefore = { dynamoDb: cpuSecondsOf(local.dynamoDbPid), bench: process.cpuUsage() };
    progress(`import: ${count} rows (${tenantId}), ${BATCH_ROWS} a batch, ${config.importInFlight} batches in flight, a reader loop and the consumers beside`);
    byKind.take();
    meter.reset();
    const importStartedAt = Date.now();
    const first = await sendBatches(ctx, tenantId, rows, (b) => `bench-${runId}-${b}`, 'pass 1', {
      onAnswer: (results) => {
        const newest = results.filter((r) => r.status === 'created').at(-1);
        if (newest?.customerNumber) consumersProcess.probe(tenantId, newest.customerNumber, Date.now());
      },
    });
    const importEndedAt = Date.now();
    const during = (await reader.stop()).filter((read) => read.at >= importStartedAt && read.at <= importEndedAt).map((read) => read.ms);
    const firstTally = meter.snapshot();
    const firstKinds = byKind.take();
    progress(`import: waiting for every consumer to catch up (budget ${config.importCatchUpMs / 1000} s)`);
    const drainedAt = await consumersProcess.drain(config.importCatchUpMs);
    const consumerTally = await consumersProcess.tally();
    const cpuUsed = {
      dynamoDb: cpuSecondsOf(local.dynamoDbPid) - cpuBefore.dynamoDb,
      consumers: (consumerTally.cpuMs - tallyBefore.cpuMs) / 1000,
      bench: (() => {
        const { user, system } = process.cpuUsage(cpuBefore.bench);
        return (user + system) / 1e6;
      })(),
    };
    const findable = await consumersProcess.stop();
    // Everyone listed and counted, once caught up.
    let listed = 0;
    let cursor: string | null = null;
    do {
      const page = await api.call(tenantId, 'GET', `/v1/customers?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expectStatus(page, 200, 'GET /v1/customers');
      const body = JSON.parse(page.body) as { items: unknown[]; nextCursor: string | null };
      listed += body.items.length;
      cursor = body.nextCursor;
    } while (cursor);
    const summary = await api.call(tenantId, 'GET', '/v1/customers/summary');
    const counted = (JSON.parse(summary.body) as { people: number }).people;

    // Pass 2: the same file in a new run (new keys): every row matched and unchanged.
    progress('import: pass 2, the same file again with new Idempotency-Keys');
    byKind.take();
    meter.reset();
    const second = await sendBatches(ctx, tenantId, rows, (b) => `bench-${runId}-again-${b}`, 'pass 2');
    const secondTally = meter.snapshot();
    const secondKinds = byKind.take();
    // The first pass's batches sent again with their keys: answered from the recorded results.
    progress('import: replaying pass 1 batches with their Idempotency-Keys');
    meter.reset();
    const replay = await sendBatches(ctx, tenantId, rows, (b) => `bench-${runId}-${b}`, 'replay');
    const replayTally = meter.snapshot();
    const replayKinds = byKind.take();

    // Findable with the listing consumer alone beside an import (in AWS each consumer is a function
    // of its own; here the others share the 2 cores): more people into the same winery.
    const alonePeople = Math.min(ALONE_PEOPLE, count);
    progress(`import: ${alonePeople} more rows with only the listing consumer beside`);
    const aloneCheckpoints = join(work, 'checkpoints-alone.json');
    await checkpointAtStreamEnd(local.seedClient, local.endpoint, tableName, ['customer-listing'], aloneCheckpoints);
    const listingAlone = startConsumers(local.endpoint, tableName, aloneCheckpoints, join(work, 'dead-letters-alone.jsonl'), ['customer-listing']);
    await listingAlone.started();
    await sendBatches(ctx, tenantId, importRows(alonePeople, classes, count), (b) => `bench-${runId}-alone-${b}`, 'listing alone', {
      onAnswer: (results) => {
        const newest = results.filter((r) => r.status === 'created').at(-1);
        if (newest?.customerNumber) listingAlone.probe(tenantId, newest.customerNumber, Date.now());
      },
    });
    await listingAlone.drain(config.importCatchUpMs);
    const findableAlone = await listingAlone.stop();

    // The report.
    const rowsPerSecond = (rowCount: number, msValue: number) => rowCount / (msValue / 1000);
    const importRate = rowsPerSecond(count, first.ms);
    const floorRate = rowsPerSecond(count, floorMs);
    const perRow = (value: number) => (value / count).toFixed(2);
    const kinds = (k: ByKind) =>
      Object.entries(k.requests)
        .sort(([, a], [, b]) => b - a)
        .map(([name, n]) => {
          const cu = k.capacity[name]!;
          const split = cu.read > 0 || cu.write > 0 ? ` (R ${perRow(cu.read)} / W ${perRow(cu.write)})` : '';
          return `${name} ${perRow(n)} (${units(cu.total / count)} CU${split})`;
        })
        .join('; ');
    const readCu = (k: ByKind) => Object.entries(k.capacity).reduce((sum, [name, cu]) => sum + (/Get|Query|Scan/.test(name) ? cu.total : 0), 0);
    const writeCu = (k: ByKind) => Object.entries(k.capacity).reduce((sum, [name, cu]) => sum + (/Get|Query|Scan/.test(name) ? 0 : cu.total), 0);
    const firstImport = firstTally;
    const cost = (tally: Tally, k: ByKind) =>
      `${perRow(tally.requests)} requests, ${units(tally.capacity / count)} CU (read ${units(readCu(k) / count)}, write ${units(writeCu(k) / count)}); AWS rules est. ${units(tally.estimatedCapacity / count)} CU`;
    const batchLatency = (latencies: number[]) => {
      const s = summarize(latencies);
      return `batch of ${BATCH_ROWS}: p50 ${ms(s.p50)} ms, p95 ${ms(s.p95)} ms`;
    };
    const rest = summarize(atRest);
    const busy = summarize(during);
    const readRatio = busy.p50 / rest.p50;
    const seconds = (value: number) => `${(value / 1000).toFixed(1)} s`;

    const table = report.table(`Import: ${count} people through POST /v1/customers/import`, ['what', 'value', 'notes']);
    table.rows.push([
      'the file',
      `${count} rows, ${Math.ceil(count / BATCH_ROWS)} batches of ${BATCH_ROWS}, ${config.importInFlight} in flight`,
      `${api.label}; ${bodyBytes} B for the first batch's body; half the rows with a billing address (${rows.filter((r) => 'shippingAddress' in r).length} also a shipping one), ` +
        `${rows.filter((r) => 'phone' in r).length} phones, ${rows.filter((r) => 'flags' in r).length} with flags, ` +
        `${rows.filter((r) => 'customerClassId' in r).length} with a class, an externalId each`,
    ]);
    table.rows.push([
      'pass 1 (new people): rows/s',
      `${Math.round(importRate)} rows/s (${seconds(first.ms)})`,
      `${statusCounts(first.results)}; ${batchLatency(first.latencies)}${first.retried > 0 ? `; ${first.retried} batch answers were 503 (out of time on this loaded machine) and sent again` : ''}`,
    ]);
    table.rows.push([
      'floor: BatchWriteItem of the same items, fresh tenant: rows/s',
      `${Math.round(floorRate)} rows/s (${seconds(floorMs)})`,
      `${floorItems.length} items (${(floorItems.length / count).toFixed(2)} a row: profile, email marker, addresses), ${writer.requests} requests, ` +
        `${config.seedConcurrency} in flight, ${Math.round(floorItems.length / (floorMs / 1000))} items/s; no class-usage update (not a Put)`,
    ]);
    table.rows.push(['import / floor', ratio(importRate / floorRate), 'rows/s of pass 1 over rows/s of the BatchWriteItem floor']);
    table.rows.push(['pass 1: DynamoDB per row', cost(firstImport, firstKinds), `by command, per row: ${kinds(firstKinds)}`]);
    table.rows.push([
      'pass 2 (same file, new keys: all unchanged): rows/s',
      `${Math.round(rowsPerSecond(count, second.ms))} rows/s (${seconds(second.ms)})`,
      `${statusCounts(second.results)}; ${batchLatency(second.latencies)}; ${ratio(first.ms / second.ms)} pass 1's rate`,
    ]);
    table.rows.push(['pass 2: DynamoDB per row', cost(secondTally, secondKinds), `by command, per row: ${kinds(secondKinds)}`]);
    table.rows.push([
      'replay of pass 1 batches (same keys): rows/s',
      `${Math.round(rowsPerSecond(count, replay.ms))} rows/s (${seconds(replay.ms)})`,
      `${statusCounts(replay.results)} (the recorded results); ${cost(replayTally, replayKinds)}; ${kinds(replayKinds)}`,
    ]);
    const found = summarize(findable);
    const probes = Math.ceil(count / BATCH_ROWS);
    const worstFound = findable.length > 0 ? Math.max(...findable) : Number.NaN;
    table.rows.push([
      'an imported person findable (`GET /v1/customers?q=<their number>`) after their batch’s answer, while the import runs',
      `p50 ${seconds(found.p50)}, p95 ${seconds(found.p95)}, slowest ${seconds(worstFound)} (${findable.length} of ${probes} batches)`,
      `target ≤ 5 s for every batch: ${report.verdict(findable.length === probes && worstFound <= 5000, `an imported person findable ${seconds(worstFound)} after their batch (target ≤ 5 s)`)}; ` +
        'the newest person of each batch, searched from the consumers’ process every 50 ms from the answer on',
    ]);
    const foundAlone = summarize(findableAlone);
    table.rows.push([
      `the same, ${alonePeople} more people with only the listing consumer beside the import`,
      `p50 ${seconds(foundAlone.p50)}, p95 ${seconds(foundAlone.p95)}, slowest ${seconds(Math.max(...findableAlone))} (${findableAlone.length} of ${Math.ceil(alonePeople / BATCH_ROWS)} batches)`,
      '(context) in AWS each consumer is a function of its own; here the other ten share the 2 cores with it, the import and DynamoDB Local',
    ]);
    const caughtUp = drainedAt === undefined ? undefined : drainedAt - importEndedAt;
    table.rows.push([
      'every consumer caught up, after the import’s end',
      caughtUp === undefined ? `not within the ${seconds(config.importCatchUpMs)} budget` : seconds(Math.max(0, caughtUp)),
      `target ≤ 60 s: ${report.verdict(caughtUp !== undefined && caughtUp <= 60_000, `consumers caught up ${caughtUp === undefined ? 'not in the budget' : seconds(caughtUp)} after a ${count}-person import (target ≤ 60 s)`)}; ` +
        `${consumers.map((c) => c.name).join(', ')}, running beside the import from its start; then ${listed} people listed (pages of 100) and ${counted} counted`,
    ]);
    const perPerson = (n: number) => (n / count).toFixed(2);
    const byCommand = (requests: Record<string, number>) =>
      Object.entries(requests)
        .sort(([, x], [, y]) => y - x)
        .map(([command, n]) => `${command} ${perPerson(n)}`)
        .join(', ');
    const consumerRequests = Object.entries(consumerTally.consumers).map(([name, t]) => ({ name, ...t, total: Object.values(t.requests).reduce((sum, n) => sum + n, 0) }));
    table.rows.push([
      'the consumers’ DynamoDB requests per imported person',
      `${perPerson(consumerRequests.reduce((sum, c) => sum + c.total, 0))} requests`,
      consumerRequests
        .sort((x, y) => y.total - x.total)
        .map(
          (c) =>
            `${c.name} ${perPerson(c.total)}${c.total > 0 ? ` (${byCommand(c.requests)})` : ''}, ${c.records} records in ${c.invocations} invocations ` +
            `(${seconds(c.invokedMs)} invoked in all)`,
        )
        .join('; ') + `; (GetRecords of the poller not included; the prober searched ${consumerTally.searches - tallyBefore.searches} times)`,
    ]);
    table.rows.push([
      'CPU from the import’s start until every consumer caught up',
      `DynamoDB Local ${cpuUsed.dynamoDb.toFixed(1)} s, the consumers’ process ${cpuUsed.consumers.toFixed(1)} s, the importing process ${cpuUsed.bench.toFixed(1)} s`,
      `over ${seconds((drainedAt ?? Date.now()) - importStartedAt)} of wall time on the 2 cores (the importing process also runs the local gateway and the import’s handler; the profile reader’s process is not counted)`,
    ]);
    table.rows.push(['GET /v1/customers/{id} p50 at rest', `${ms(rest.p50)} ms (p95 ${ms(rest.p95)})`, `handler in-process in a reader process of its own, n=${rest.n}, sequential`]);
    table.rows.push([
      'GET /v1/customers/{id} p50 during the import',
      `${ms(busy.p50)} ms (p95 ${ms(busy.p95)})`,
      `n=${busy.n}, the same reader process in a loop while pass 1 runs (it shares DynamoDB Local and the 2 cores, not the import's event loop)`,
    ]);
    table.rows.push([
      'profile read during / at rest (p50)',
      ratio(readRatio),
      `target ≤ 2×: ${report.verdict(within(readRatio, 2), `profile read p50 during an import ${ratio(readRatio)} at rest (target ≤ 2×)`)}`,
    ]);
    report.notes.push(
      `Import: CU per row from the engine's ConsumedCapacity (DynamoDB Local; TransactWriteItems there counts twice the AWS rate, ` +
        `hence the AWS estimate); the reader process has its own client, so its reads are not in pass 1's figures.`,
    );
  } finally {
    byKind.remove();
    rmSync(work, { recursive: true, force: true });
  }
}
