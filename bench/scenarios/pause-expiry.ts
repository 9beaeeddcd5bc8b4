import { marshall } from '@aws-sdk/util-dynamodb';
import type { BatchWriter } from '../batch-writer';
import type { BenchContext } from '../context';
import { describeCommands } from '../context';
import { itemSize } from '../meter';
import { ms, progress } from '../stats';

/** The day the due memberships end their pause, and the projection's busy day. */
const DUE_DAY = '2030-01-02';
const BUSY_DAY = { wineries: 5_000, pausesEnding: 500 };
const PARTITION_LIMIT_WCU = 1_000;

/**
 * The scheduled job over 10 000 memberships of which 100 are due: it must read only the due
 * ones (the day's shards of the due index, no Scan). Half the rest are active (not in the
 * index), half paused until a later date (on a later day's keys).
 *
 * Then the due keys' write heat: the job's writes to each due partition (`DUE_KEY_PATTERN`: the
 * index entry each processed membership leaves), per second at their peak, and projected to a
 * day when 5 000 wineries each have 500 pauses ending: the job paces each shard, so a due
 * partition's rate does not grow with the day's size; the day only takes longer.
 */
export async function pauseExpiryScenario(ctx: BenchContext, writer: BatchWriter): Promise<void> {
  const { meter, report } = ctx;
  const { withIndexKeys } = await import('../../shared/clubs/membership-repository');
  const { membershipItem } = await import('../../shared/clubs/club-items');
  const { membershipDueQueue } = await import('../../shared/clubs/membership-due');
  const { runDueWork, DUE_RUN_DEFAULTS } = await import('../../shared/db/due-work');
  const { membershipKeys, DUE_KEY_PATTERN, DUE_SHARDS } = await import('../../shared/clubs/keys');
  const total = ctx.config.quick ? 1_000 : 10_000;
  const due = 100;
  const tenantId = `winery-pause-${Math.random().toString(36).slice(2, 6)}`;
  progress(`pause expiry: seeding ${total} memberships, ${due} due`);
  const at = '2029-12-01T00:00:00.000Z';
  const items = Array.from({ length: total }, (_, n) => {
    const customerId = `c${String(n).padStart(6, '0')}`;
    const id = `m${String(n).padStart(6, '0')}`;
    const status = n < due || n % 2 === 0 ? 'paused' : 'active';
    const pausedUntil = n < due ? DUE_DAY : status === 'paused' ? '2030-06-01' : null;
    return withIndexKeys(
      membershipItem({
        ...membershipKeys.membership(tenantId, customerId, id),
        type: 'membership', tenantId, customerId, id, clubId: 'club', classId: 'class', clubName: 'Bench Club',
        variantId: null, variantName: null, ownerId: null, status, shippingPreference: 'ship', pickupLocation: null,
        pausedFrom: status === 'paused' ? '2029-12-01' : null, pausedUntil,
        joinedAt: at, version: 1, createdAt: at, updatedAt: at, updatedBy: { kind: 'system', id: 'bench', name: null },
      }),
      '2029-12-01',
    );
  });
  const marshalled = items.map((item) => marshall(item, { removeUndefinedValues: true }));
  await writer.put(marshalled);
  await writer.flush();

  // Each processed membership leaves its due partition: one index write there, of the item's size.
  const wcuPerEntry = Math.max(...marshalled.slice(0, due).map((item) => Math.max(1, Math.ceil(itemSize(item) / 1024))));
  const writesAt = new Map<string, number[]>();
  const observed = {
    ...membershipDueQueue,
    apply: async (item: Record<string, unknown>, today: string, instant: string) => {
      const outcome = await membershipDueQueue.apply(item, today, instant);
      if (outcome === 'done') writesAt.set(String(item.gsi2pk), [...(writesAt.get(String(item.gsi2pk)) ?? []), performance.now()]);
      return outcome;
    },
  };

  const started = performance.now();
  const { result, tally } = await meter.measure(() => runDueWork(observed, { now: new Date(`${DUE_DAY}T00:10:00Z`), timeLeftMs: () => 300_000 }));
  const elapsed = performance.now() - started;
  const table = report.table('Pause expiry (the scheduled job)', ['memberships', 'due', 'items read', 'resumed', 'requests', 'time', 'target', '']);
  table.rows.push([
    String(total),
    String(due),
    String(result.read),
    String(result.done),
    describeCommands(tally),
    `${ms(elapsed)} ms`,
    `reads only the ${due} due`,
    report.verdict(result.read === due && result.done === due, 'pause expiry read more than the due memberships'),
  ]);

  const peakPerSecond = Math.max(0, ...[...writesAt.values()].map(peakInOneSecond));
  const pace = DUE_RUN_DEFAULTS.itemsPerSecondPerShard;
  const busyItems = BUSY_DAY.wineries * BUSY_DAY.pausesEnding;
  const projectedPeakWcu = pace * wcuPerEntry;
  const jobRate = pace * Math.min(DUE_SHARDS, DUE_RUN_DEFAULTS.shardsInParallel);
  const heat = report.table('Pause expiry: due-key write heat', ['partition key pattern', 'measured', 'projected busy day', 'target', '']);
  heat.rows.push([
    `${DUE_KEY_PATTERN} (gsi2, ${DUE_SHARDS} shards a day)`,
    `${due} writes over ${writesAt.size} partitions (max ${Math.max(0, ...[...writesAt.values()].map((w) => w.length))}); peak ${peakPerSecond} writes/s in one partition, ${wcuPerEntry} WCU each`,
    `${BUSY_DAY.wineries} wineries × ${BUSY_DAY.pausesEnding} pauses ending = ${busyItems.toLocaleString('en-US')} due, ${Math.ceil(busyItems / DUE_SHARDS).toLocaleString('en-US')} a partition; ` +
      `≤ ${pace} writes/s a partition (the job's pace) = ≤ ${projectedPeakWcu} WCU/s; the job at ≤ ${jobRate} items/s takes ≥ ${Math.ceil(busyItems / jobRate / 60)} min of runs`,
    `≤ ${PARTITION_LIMIT_WCU} WCU/s a partition`,
    report.verdict(projectedPeakWcu <= PARTITION_LIMIT_WCU && peakPerSecond * wcuPerEntry <= PARTITION_LIMIT_WCU, 'pause expiry: a due partition over 1 000 WCU/s'),
  ]);
  report.notes.push(
    `Pause expiry heat: the due index's partition key is \`${DUE_KEY_PATTERN}\`; a membership waits under its next due day in the shard its id hashes to, and its sort key starts with that hash, so every winery's memberships are interleaved in each shard ` +
      `(a winery's club partitions see its ${BUSY_DAY.pausesEnding} resumes spread over the day's run, not at once). The job writes each shard at most ${pace} items/s; a run stops with time left and the next (every 10 minutes) carries on.`,
  );
}

/** The most writes within any one second. */
function peakInOneSecond(times: readonly number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let peak = 0;
  for (let start = 0, end = 0; end < sorted.length; end += 1) {
    while (sorted[end]! - sorted[start]! >= 1000) start += 1;
    peak = Math.max(peak, end - start + 1);
  }
  return peak;
}
