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
import { mapLimited } from '../shared/concurrency';
import { reconcilePerson } from '../shared/segments/segment-membership';
import { runAsScript, scanOptions, type ScanScriptOptions } from './one-off';
import { scanPeople } from './table-scan';

export async function backfillSegmentFacts(options: ScanScriptOptions = {}): Promise<{ people: number }> {
  const people = await scanPeople(options, (found) => mapLimited(found, 8, (person) => reconcilePerson(person.tenantId, person.id)));
  return { people };
}

runAsScript(import.meta.url, async () => `done: ${(await backfillSegmentFacts(scanOptions())).people} people weighed`);
