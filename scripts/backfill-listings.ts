/**
 * One-off: moves the people listings of data written before the listings took their present
 * shape (`shared/people/people-listing.ts`). Before, each person kept ~30 entries in their own
 * item collection (`T#<t>#C#<id>`, sort key `L#<label>`), each carrying the whole list item and
 * listed on gsi1 and gsi4; now the entries live in the listing partitions themselves. For every
 * person it writes the present entries and deletes the old ones. The dashboard counts keep their
 * keys and meaning and need nothing; list cursors handed out before are understood by the list
 * itself (`people-list.ts`).
 *
 * Run it once, right after deploying the code that reads the new listings (until it has passed a
 * person, lists and searches do not show them; their profile is unaffected):
 *
 *   TABLE_NAME=<table> AWS_REGION=<region> npx tsx scripts/backfill-listings.ts [--segments=8] [--tenant=<id>] [--dry-run]
 *
 * It scans the table (`table-scan.ts`: a one-off job, never a request path) in
 * `--segments` parallel segments, keeps the person items, and for each one writes their entries
 * (BatchWriteItem). It can be stopped and run again: every write is the same the second time.
 */
import { queryAll } from '../shared/db/query-pages';
import { batchWrite, type BatchWrite } from '../shared/db/batch-write';
import { customerPk } from '../shared/db/keys';
import type { CustomerItem } from '../shared/people/customer-items';
import { listingEntries } from '../shared/people/people-listing';
import { flag, runAsScript, scanOptions, type ScanScriptOptions } from './one-off';
import { scanItems } from './table-scan';

export interface BackfillOptions extends ScanScriptOptions {
  /** Count what would be written, write nothing. */
  readonly dryRun?: boolean;
}

export interface BackfillResult {
  people: number;
  entriesWritten: number;
  oldEntriesDeleted: number;
}

/** The entries a person kept under their own partition before (`L#<label>`). */
function oldEntryKeys(tenantId: string, customerId: string): Promise<{ pk: string; sk: string }[]> {
  return queryAll<{ pk: string; sk: string }>({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :old)',
    ExpressionAttributeValues: { ':pk': customerPk(tenantId, customerId), ':old': 'L#' },
    ProjectionExpression: 'pk, sk',
  });
}

export async function backfillListings(options: BackfillOptions = {}): Promise<BackfillResult> {
  const log = options.log ?? (() => undefined);
  const result: BackfillResult = { people: 0, entriesWritten: 0, oldEntriesDeleted: 0 };
  await scanItems<CustomerItem>({ types: ['customer'], tenantId: options.tenantId, segments: options.segments ?? 4 }, async (people, segment) => {
    for (const person of people) {
      const old = await oldEntryKeys(person.tenantId, person.id);
      const entries = listingEntries(person);
      const writes: BatchWrite[] = [...old.map((Key) => ({ DeleteRequest: { Key } })), ...entries.map((Item) => ({ PutRequest: { Item } }))];
      if (!options.dryRun) await batchWrite(writes);
      result.people += 1;
      result.entriesWritten += entries.length;
      result.oldEntriesDeleted += old.length;
    }
    log(`segment ${segment}: ${result.people} people so far`);
  });
  return result;
}

// The progress on stderr: what stdout prints is the result, as JSON.
runAsScript(import.meta.url, async () =>
  JSON.stringify(await backfillListings({ ...scanOptions(4), dryRun: flag('dry-run'), log: (line) => process.stderr.write(`${line}\n`) })),
);
