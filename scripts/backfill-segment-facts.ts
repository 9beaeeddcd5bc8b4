/**
 * One-off: a tenant's people written before segments have no segment facts item, which is what a
 * new segment's background count reads (the fact shards on gsi4), so a new segment would not find
 * them. For every person this weighs them once, as the `segment-membership` consumer does on
 * their next change: their facts item, and their entry and count in any segment they are in.
 *
 *   TABLE_NAME=<table> AWS_REGION=<region> npx tsx scripts/backfill-segment-facts.ts [--segments=8] [--tenant=<id>]
 *
 * Run it once after deploying segments, before staff create the first one. It scans the table (a
 * one-off, never a request path) for person items in `--segments` parallel segments and weighs 8
 * people at a time. It can be stopped and run again: a person already weighed writes nothing.
 */
import { pathToFileURL } from 'node:url';
import { mapLimited } from '../shared/concurrency';
import { reconcilePerson } from '../shared/segments/segment-membership';
import { scanItems } from './table-scan';

export interface SegmentFactsBackfillOptions {
  /** Parallel scan segments. */
  readonly segments?: number;
  /** Only this tenant's people. */
  readonly tenantId?: string;
  readonly log?: (line: string) => void;
}

export async function backfillSegmentFacts(options: SegmentFactsBackfillOptions = {}): Promise<{ people: number }> {
  let people = 0;
  const selection = { types: ['customer'], tenantId: options.tenantId, projection: 'tenantId, id', segments: options.segments ?? 8 };
  await scanItems<{ tenantId: string; id: string }>(selection, async (found, segment) => {
    await mapLimited(found, 8, (person) => reconcilePerson(person.tenantId, person.id));
    people += found.length;
    if (found.length > 0) options.log?.(`segment ${segment}: ${people} people weighed so far`);
  });
  return { people };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  backfillSegmentFacts({ segments: Number(arg('segments') ?? 8), tenantId: arg('tenant'), log: (line) => console.log(line) })
    .then((result) => console.log(`done: ${result.people} people weighed`))
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
