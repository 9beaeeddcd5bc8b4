/**
 * One-off: people written before possible duplicates were kept have no filing (their card and
 * blocking keys), and the `duplicate-candidates` consumer files a person only when something
 * matching reads of them changes (their name, email, phone, birth date, an address, an additional
 * email). So the pairs among them, and with people filed since, would never be suggested. This
 * files every person as the consumer would, 50 at a time.
 *
 *   TABLE_NAME=<table> AWS_REGION=<region> npx tsx scripts/backfill-duplicates.ts [--segments=8] [--tenant=<id>]
 *
 * Run it once after deploying this. It scans the table (a one-off, never a request path) for
 * person items in `--segments` parallel segments. It can be stopped and run again: a person whose
 * card already says what they are writes nothing.
 */
import { chunks } from '../shared/concurrency';
import { refilePeople } from '../shared/duplicates/duplicate-repository';
import { runAsScript, scanOptions, type ScanScriptOptions } from './one-off';
import { scanPeople } from './table-scan';

/** As many people as the consumer's batch files together. */
const PEOPLE_AT_ONCE = 50;

export async function backfillDuplicates(options: ScanScriptOptions = {}): Promise<{ people: number }> {
  const people = await scanPeople(options, async (found) => {
    for (const batch of chunks(found, PEOPLE_AT_ONCE)) await refilePeople(batch.map(({ tenantId, id }) => ({ tenantId, customerId: id })));
  });
  return { people };
}

runAsScript(import.meta.url, async () => `done: ${(await backfillDuplicates(scanOptions())).people} people filed`);
