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
import { pathToFileURL } from 'node:url';
import { chunks } from '../shared/concurrency';
import { refilePeople } from '../shared/duplicates/duplicate-repository';
import { scanItems } from './table-scan';

/** As many people as the consumer's batch files together. */
const PEOPLE_AT_ONCE = 50;

export interface DuplicatesBackfillOptions {
  /** Parallel scan segments. */
  readonly segments?: number;
  /** Only this tenant's people. */
  readonly tenantId?: string;
  readonly log?: (line: string) => void;
}

export async function backfillDuplicates(options: DuplicatesBackfillOptions = {}): Promise<{ people: number }> {
  let people = 0;
  const selection = { types: ['customer'], tenantId: options.tenantId, projection: 'tenantId, id', segments: options.segments ?? 8 };
  await scanItems<{ tenantId: string; id: string }>(selection, async (found, segment) => {
    for (const batch of chunks(found, PEOPLE_AT_ONCE)) await refilePeople(batch.map(({ tenantId, id }) => ({ tenantId, customerId: id })));
    people += found.length;
    if (found.length > 0) options.log?.(`segment ${segment}: ${people} people filed so far`);
  });
  return { people };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  backfillDuplicates({ segments: Number(arg('segments') ?? 8), tenantId: arg('tenant'), log: (line) => console.log(line) })
    .then((result) => console.log(`done: ${result.people} people filed`))
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
