/**
 * One-off: additional emails filed for possible duplicates before their buckets were marked
 * (`emailsHeld` in `shared/duplicates/keys.ts`). Without a mark, a person whose own email one of
 * them is would not look it up, and their pair with its holder would wait for the holder's next
 * change. This marks the bucket of every additional email filed.
 *
 *   TABLE_NAME=<table> AWS_REGION=<region> npx tsx scripts/backfill-emails-held.ts [--segments=8] [--tenant=<id>]
 *
 * Run it once right after the deploy that marks buckets. It scans the table (a one-off, never a
 * request path) for the key entries of emails in `--segments` parallel segments; a mark written
 * twice is the same mark, so it can be stopped and run again.
 */
import { pathToFileURL } from 'node:url';
import { batchWrite } from '../shared/db/batch-write';
import { heldMark } from '../shared/duplicates/duplicate-repository';
import { duplicateKeys } from '../shared/duplicates/keys';
import { emailKey } from '../shared/duplicates/matching';
import { scanItems } from './table-scan';

export interface EmailsHeldBackfillOptions {
  /** Parallel scan segments. */
  readonly segments?: number;
  /** Only this tenant's entries. */
  readonly tenantId?: string;
  readonly log?: (line: string) => void;
}

export async function backfillEmailsHeld(options: EmailsHeldBackfillOptions = {}): Promise<{ emails: number }> {
  let emails = 0;
  const selection = {
    types: ['duplicate-key'],
    tenantId: options.tenantId,
    where: { expression: 'contains(pk, :emailKey)', values: { ':emailKey': `#DUPKEY#${emailKey('')}` } },
    projection: 'tenantId, pk',
    segments: options.segments ?? 8,
  };
  await scanItems<{ tenantId: string; pk: string }>(selection, async (entries, segment) => {
    const marks = new Map<string, ReturnType<typeof heldMark>>();
    for (const { tenantId, pk } of entries) {
      const prefix = duplicateKeys.keyPartition(tenantId, emailKey(''));
      if (!pk.startsWith(prefix)) continue;
      const mark = heldMark(tenantId, pk.slice(prefix.length));
      marks.set(mark.PutRequest.Item.pk, mark);
    }
    await batchWrite([...marks.values()]);
    emails += entries.length;
    if (entries.length > 0) options.log?.(`segment ${segment}: ${emails} additional emails marked so far`);
  });
  return { emails };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  backfillEmailsHeld({ segments: Number(arg('segments') ?? 8), tenantId: arg('tenant'), log: (line) => console.log(line) })
    .then((result) => console.log(`done: ${result.emails} additional emails marked`))
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
