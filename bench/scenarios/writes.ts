import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { expectStatus, type BenchContext } from '../context';
import { progress } from '../stats';
import { checkpointAtStreamEnd } from '../stream-checkpoint';
import { keyPattern, WriteLedger, type LedgerWrite } from '../write-ledger';
import { generatePerson } from '../people';
import { importRows, sendBatches } from './import';

/**
 * What each event costs in writes, as DynamoDB bills them (table and index writes derived from
 * the items written, `write-ledger.ts`), with every stream consumer running beside the requests
 * (the local poller), so an event's cost includes what the consumers write because of it
 * (listings, counts, change history, possible duplicates, emails, class assignment). Phases, each
 * followed by the consumers draining: an import
 * of new people, creates, PATCHes of a listed field, club joins, pauses, orders. Then the
 * *partition heat* of the import: writes and write units per partition key pattern, the peak per
 * second on one key, and what they become in a 50 000-person import done in 10 minutes. (The day
 * when 5 000 wineries each have 500 pauses ending is the pause-expiry scenario's heat table: it
 * knows the job's pace.)
 */
const TARGETS: Record<string, number> = { 'import row': 25, create: 25, 'PATCH of a listed field': 20, 'club join': 20 };
const PROJECTED_IMPORT = { people: 50_000, seconds: 600 };
const PARTITION_LIMIT = 1_000;

interface Phase {
  readonly event: string;
  readonly n: number;
  readonly writes: LedgerWrite[];
  readonly note: string;
}

const sum = (writes: readonly LedgerWrite[], field: 'writes' | 'units') => writes.reduce((total, w) => total + w[field], 0);
const perEvent = (value: number, n: number) => (value / n).toFixed(1);

/** `listing 9.0, customer 2.0, …`: writes per event by the kind of item written, largest first. */
function byKind(writes: readonly LedgerWrite[], n: number): string {
  const kinds = new Map<string, number>();
  for (const w of writes) kinds.set(w.kind, (kinds.get(w.kind) ?? 0) + w.writes);
  return [...kinds]
    .sort((a, b) => b[1] - a[1])
    .map(([kind, count]) => `${kind} ${perEvent(count, n)}`)
    .join(', ');
}

export async function writesScenario(ctx: BenchContext, local: { endpoint: string; seedClient: DynamoDBClient }): Promise<void> {
  const { app, api, config, report, tableName } = ctx;
  const { tableDefinition } = await import('../../shared/db/table');
  const ledger = new WriteLedger(local.seedClient, tableName, tableDefinition.globalIndexes);
  const removeLedger = () => app.client.dynamoClient.middlewareStack.remove('benchWriteLedger');
  const work = mkdtempSync(join(tmpdir(), 'bench-writes-'));
  const tenantId = `winery-writes-${Math.random().toString(36).slice(2, 6)}`;
  const importPeople = config.quick ? 200 : 2_000;
  const events = config.quick ? 20 : 100;
  const phases: Phase[] = [];

  const { mapLimited } = await import('../../shared/concurrency');
  const { consumers } = await import('../../shared/streams/consumers');
  const { startStreamPoller } = await import('../../infra/local/stream-poller');
  const checkpointFile = join(work, 'checkpoints.json');
  await checkpointAtStreamEnd(local.seedClient, local.endpoint, tableName, consumers.map((c) => c.name), checkpointFile);
  // The consumers run beside the requests, as they do in AWS (a create made alone reaches each
  // consumer alone; an import's batches reach them in batches), and drain after each phase (a
  // consumer's writes wake others: class assignment → the profile → listing, counts).
  const poller = await startStreamPoller({
    endpoint: local.endpoint,
    tableName,
    checkpointFile,
    deadLetterFile: join(work, 'dead-letters.jsonl'),
    log: (line) => process.stderr.write(`[poller] ${line}\n`),
  });
  const settle = async () => {
    for (let pass = 0; pass < 4; pass += 1) await poller.drain({ timeoutMs: 900_000 });
  };
  const call = async (method: string, path: string, body: unknown, status: number) => {
    const response = await api.call(tenantId, method, path, body);
    expectStatus(response, status, `${method} ${path}`);
    return JSON.parse(response.body || '{}') as Record<string, unknown>;
  };
  const phase = async (event: string, n: number, note: string, run: () => Promise<unknown>) => {
    progress(`writes: ${event} ×${n}`);
    ledger.take();
    await run();
    await settle();
    phases.push({ event, n, writes: ledger.take(), note });
  };

  try {
    // The winery: flags, two classes, a club (with its class).
    const settings = await call('GET', '/v1/settings', undefined, 200);
    const flags = [
      { key: 'vip', title: 'VIP' },
      { key: 'trade', title: 'Trade' },
      { key: 'allocation', title: 'Allocation list' },
    ];
    await call('PUT', '/v1/settings', { ...settings, flags }, 200);
    const classes: Record<string, string> = {};
    for (const [key, name, discountPercent] of [['class-gold', 'Gold', 15], ['class-trade', 'Trade', 30]] as const) {
      classes[key] = (await call('POST', '/v1/customer-classes', { name, discountPercent }, 201)).id as string;
    }
    const clubId = (await call('POST', '/v1/clubs', { name: 'Reserve Club', discountPercent: 20 }, 201)).id as string;
    ledger.install(app.client.dynamoClient);

    const rows = importRows(importPeople, classes);
    const importPhaseStart = Date.now();
    // Batches of 20 rows: the ledger's reads around every write make a batch several times slower.
    await phase('import row', importPeople, 'POST /v1/customers/import (half with an address, 70% a phone, a class for 35%)', () =>
      sendBatches(ctx, tenantId, rows, (b) => `writes-${tenantId}-${b}`, 'writes', { batchRows: 20 }),
    );
    const importWrites = phases.at(-1)!.writes;
    const importMs = Date.now() - importPhaseStart;

    const created: string[] = [];
    await phase('create', events, 'POST /v1/customers with a billing address, a phone and a birth date (different people: no possible duplicates); the welcome email sent', async () => {
      for (let n = 0; n < events; n += 1) {
        // People as different as a winery's are (the import's generator): shared streets or names would make pairs of possible duplicates.
        const generated = generatePerson(700_000 + n);
        const person = await call(
          'POST',
          '/v1/customers',
          {
            billingAddress: {
              firstName: generated.firstName,
              lastName: generated.lastName,
              email: `writes.${n}.${generated.email}`,
              line1: `${100 + n} ${['Vineyard Lane', 'Cellar Road', 'Oak Street', 'Barrel Way'][n % 4]}`,
              city: generated.city,
              region: 'CA',
              postalCode: String(94_000 + ((n * 37) % 999)),
              country: 'US',
            },
            phone: `+1 (707) ${String(200 + n)}-${String(1000 + n).padStart(4, '0')}`,
            birthDate: `19${50 + (n % 50)}-0${1 + (n % 9)}-1${n % 10}`,
          },
          201,
        );
        created.push(person.id as string);
      }
    });
    await phase('PATCH of a listed field', events, 'a new phone (the list shows it and searches find it)', () =>
      mapLimited(created, 4, (id, n) => call('PATCH', `/v1/customers/${id}`, { phone: `+1 (415) ${String(300 + n)}-${String(2000 + n).padStart(4, '0')}` }, 200)),
    );
    await phase('PATCH of an unlisted field', events, 'special instructions (no list shows them)', () =>
      mapLimited(created, 4, (id) => call('PATCH', `/v1/customers/${id}`, { specialInstructions: 'Leave at the side door.' }, 200)),
    );
    await phase('age verified (a shown field)', events, 'POST …/age-verification { method: manual }: the list shows needsAgeVerification', () =>
      mapLimited(created, 4, (id) => call('POST', `/v1/customers/${id}/age-verification`, { method: 'manual', note: 'ID seen' }, 200)),
    );
    const memberships: string[] = [];
    await phase('club join', events, 'POST …/memberships (the club class is better than none: effective class, clubs, the welcome-to-the-club email)', () =>
      mapLimited(created, 4, async (id) => {
        const membership = await call('POST', `/v1/customers/${id}/memberships`, { clubId, shippingPreference: 'ship' }, 201);
        memberships[created.indexOf(id)] = membership.id as string;
      }),
    );
    const until = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
    await phase('pause', events, `POST …/pause { until: ${until} } (on the due index; the pause email)`, () =>
      mapLimited(created, 4, (id, n) => call('POST', `/v1/customers/${id}/memberships/${memberships[n]}/pause`, { until }, 200)),
    );
    await phase('order', events, 'POST /v1/orders, one line, pickup (the order email)', () =>
      mapLimited(created, 4, (id) =>
        call('POST', '/v1/orders', { customerId: id, lines: [{ sku: 'PINOT-21', name: 'Pinot Noir 2021', quantity: 2, unitPriceCents: 3300 }], fulfillment: 'pickup' }, 201),
      ),
    );
    removeLedger();

    // Writes per event.
    const table = report.table('Writes per event (table + index writes, derived from the items written, as DynamoDB bills them)', [
      'event',
      'n',
      'writes / event',
      'write units / event',
      'by kind of item (writes / event)',
      'target',
      '',
    ]);
    for (const { event, n, writes, note } of phases) {
      const count = sum(writes, 'writes') / n;
      const target = TARGETS[event];
      table.rows.push([
        `${event}: ${note}`,
        String(n),
        count.toFixed(1),
        perEvent(sum(writes, 'units'), n),
        byKind(writes, n),
        target === undefined ? '(reported)' : `≤ ${target}`,
        target === undefined ? '–' : report.verdict(Number(count.toFixed(1)) <= target, `${event}: ${count.toFixed(1)} writes per event (target ≤ ${target})`, 'Writes per event over target'),
      ]);
    }
    // What an event's email adds (its log, from sending to sent; the welcome email's set-password token): the same events without it.
    const emailKinds = new Set(['email-log', 'password-token']);
    for (const { event, n, writes } of phases.filter((p) => p.event === 'create' || p.event === 'club join')) {
      const withoutEmail = writes.filter((w) => !emailKinds.has(w.kind));
      table.rows.push([
        `${event}, less its email (the log's writes, the set-password token)`,
        String(n),
        (sum(withoutEmail, 'writes') / n).toFixed(1),
        perEvent(sum(withoutEmail, 'units'), n),
        byKind(withoutEmail, n),
        '(context)',
        '–',
      ]);
    }
    const listing = phases.reduce((total, p) => total + sum(p.writes.filter((w) => w.kind === 'listing'), 'writes'), 0);
    const all = phases.reduce((total, p) => total + sum(p.writes, 'writes'), 0);
    report.notes.push(
      `Writes per event: every stream consumer ran beside the requests (the local poller) and drained after each phase, so an event carries what the consumers wrote for it; ` +
        `listing entries are ${listing} of the run's ${all} writes. Transactional writes count 2 write units per KB, other writes 1; a write its condition refused is billed, with no index write.`,
    );

    heatTable(ctx, importWrites, importPeople, importMs);
  } finally {
    removeLedger();
    await poller.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * The import's writes per partition key pattern: how many, their units, the peak units in one
 * second on one key (as measured here), and per key what a 50 000-person import in 10 minutes
 * puts on it each second (its units per imported person × 83 people a second).
 */
function heatTable(ctx: BenchContext, writes: readonly LedgerWrite[], people: number, ms: number): void {
  const { report } = ctx;
  const patterns = new Map<string, { writes: number; units: number; keys: Map<string, { units: number; perSecond: Map<number, number> }> }>();
  for (const w of writes) {
    const pattern = `${w.target === 'table' ? 'table' : w.target} ${keyPattern(w.partition)}`;
    const entry = patterns.get(pattern) ?? { writes: 0, units: 0, keys: new Map() };
    entry.writes += w.writes;
    entry.units += w.units;
    const key = entry.keys.get(w.partition) ?? { units: 0, perSecond: new Map() };
    key.units += w.units;
    const second = Math.floor(w.at / 1000);
    key.perSecond.set(second, (key.perSecond.get(second) ?? 0) + w.units);
    entry.keys.set(w.partition, key);
    patterns.set(pattern, entry);
  }
  const rate = PROJECTED_IMPORT.people / PROJECTED_IMPORT.seconds;
  const table = report.table(
    `Partition heat: the import of ${people} people with every consumer running (${(people / (ms / 1000)).toFixed(0)} people/s here), projected to ${PROJECTED_IMPORT.people} people in ${PROJECTED_IMPORT.seconds / 60} minutes (${rate.toFixed(0)} people/s)`,
    ['where (table or index) and partition key pattern', 'keys', 'writes', 'write units', 'hottest key: units per person', 'peak units/s on one key here', `projected units/s on one key`, 'target', ''],
  );
  const rows = [...patterns].map(([pattern, entry]) => {
    const hottest = Math.max(...[...entry.keys.values()].map((k) => k.units));
    const peak = Math.max(...[...entry.keys.values()].flatMap((k) => [...k.perSecond.values()]));
    return { pattern, entry, perPerson: hottest / people, peak };
  });
  rows.sort((a, b) => b.perPerson - a.perPerson);
  for (const { pattern, entry, perPerson, peak } of rows.slice(0, 16)) {
    const projected = perPerson * rate;
    table.rows.push([
      `\`${pattern}\``,
      String(entry.keys.size),
      String(entry.writes),
      String(entry.units),
      perPerson.toFixed(3),
      String(peak),
      projected.toFixed(0),
      `≤ ${PARTITION_LIMIT}`,
      report.verdict(projected <= PARTITION_LIMIT, `${pattern}: ${projected.toFixed(0)} units/s projected`, 'Hot partition keys'),
    ]);
  }
  if (rows.length > 16) report.notes.push(`Partition heat: ${rows.length - 16} more key patterns, each under ${rows[16]!.perPerson.toFixed(3)} units per person on its hottest key.`);
}
