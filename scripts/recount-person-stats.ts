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
import { pathToFileURL } from 'node:url';
import { mapLimited } from '../shared/concurrency';
import { recountStats } from '../shared/commerce/order-stats';
import { scanItems } from './table-scan';

export interface RecountOptions {
  /** Only people with an order placed at or after this ISO time. */
  readonly since?: string;
  /** Only this tenant's people. */
  readonly tenantId?: string;
  /** Parallel scan segments. */
  readonly segments?: number;
  /** Count what differs, write nothing. */
  readonly dryRun?: boolean;
  readonly log?: (line: string) => void;
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

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=').slice(1).join('=');
  recountPersonStats({
    since: arg('since'),
    tenantId: arg('tenant'),
    segments: Number(arg('segments') ?? 8),
    dryRun: process.argv.includes('--dry-run'),
    log: (line) => console.log(line),
  })
    .then((result) => console.log(`done: ${result.people} people recounted, ${result.corrected} ${process.argv.includes('--dry-run') ? 'would be ' : ''}corrected`))
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
