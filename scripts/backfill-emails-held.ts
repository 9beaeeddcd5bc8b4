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
import { batchWrite } from '../shared/db/batch-write';
import { heldMark } from '../shared/duplicates/duplicate-repository';
import { duplicateKeys } from '../shared/duplicates/keys';
import { emailKey } from '../shared/duplicates/matching';
import { runAsScript, scanOptions, type ScanScriptOptions } from './one-off';
import { scanItems } from './table-scan';

export async function backfillEmailsHeld(options: ScanScriptOptions = {}): Promise<{ emails: number }> {
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

runAsScript(import.meta.url, async () => `done: ${(await backfillEmailsHeld(scanOptions())).emails} additional emails marked`);
