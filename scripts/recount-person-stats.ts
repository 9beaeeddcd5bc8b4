/**
 * For the operator: counts people's order statistics (`stats` on the profile) again from their
 * placed orders, and writes those that differ (`recountStats` in `shared/commerce/order-stats.ts`).
 *
 * When: after the deploy that made orders move their person's statistics in their own
 * transaction. While that deploy rolls out, the previous `person-stats` function may count an
 * order placed by the new code a second time; recounting the people who ordered since the deploy
 * began puts that right. Also whenever statistics are in doubt. Run it when the stream is quiet
 * (every consumer caught up): a cancel the consumer has not applied yet would be taken back twice.
 *
 *   TABLE_NAME=<table> AWS_REGION=<region> npx tsx scripts/recount-person-stats.ts [--since=<ISO time>] [--tenant=<id>] [--segments=8] [--dry-run]
 *
 * It scans the table (a one-off, never a request path) for orders, placed since `--since` when
 * given, in `--segments` parallel segments, and recounts each of their people once, 8 at a time.
 * It can be stopped and run again: a person whose statistics are right writes nothing.
 */
import { mapLimited } from '../shared/concurrency';
import { recountStats } from '../shared/commerce/order-stats';
import { flag, option, runAsScript, scanOptions, type ScanScriptOptions } from './one-off';
import { scanItems } from './table-scan';

export interface RecountOptions extends ScanScriptOptions {
  /** Only people with an order placed at or after this ISO time. */
  readonly since?: string;
  /** Count what differs, write nothing. */
  readonly dryRun?: boolean;
}

export async function recountPersonStats(options: RecountOptions = {}): Promise<{ people: number; corrected: number }> {
  const seen = new Set<string>();
  let corrected = 0;
  const selection = {
    types: ['order'],
    tenantId: options.tenantId,
    where: options.since ? { expression: 'createdAt >= :since', values: { ':since': options.since } } : undefined,
    projection: 'tenantId, customerId',
    segments: options.segments ?? 8,
  };
  await scanItems<{ tenantId: string; customerId: string }>(selection, async (orders, segment) => {
    const people = orders.filter(({ tenantId, customerId }) => {
      const person = `${tenantId}\n${customerId}`;
      if (seen.has(person)) return false;
      seen.add(person);
      return true;
    });
    const differed = await mapLimited(people, 8, (person) => recountStats(person.tenantId, person.customerId, { dryRun: options.dryRun }));
    corrected += differed.filter(Boolean).length;
    if (people.length > 0) options.log?.(`segment ${segment}: ${seen.size} people recounted so far, ${corrected} corrected`);
  });
  return { people: seen.size, corrected };
}

runAsScript(import.meta.url, async () => {
  const result = await recountPersonStats({ ...scanOptions(), since: option('since'), dryRun: flag('dry-run') });
  return `done: ${result.people} people recounted, ${result.corrected} ${flag('dry-run') ? 'would be ' : ''}corrected`;
});
