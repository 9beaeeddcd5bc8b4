import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { pathToFileURL } from 'node:url';
import { orderKeys, reservationKeys } from '../shared/commerce/keys';
import { dynamo, tableName } from '../shared/db/client';
import { readSettings } from '../shared/settings/settings-repository';
import { scanItems } from './table-scan';

/**
 * `npm run refile-day-lists [-- --tenant <tenantId>]`: puts every order and reservation on the
 * list of its day in the winery's time zone (gsi4, `GET /v1/orders?date=` and
 * `GET /v1/reservations?date=`).
 *
 * Run it once after deploying the change that made days the winery's (entries written before
 * were filed under their UTC day: an evening order in California sat on the next day's list),
 * for entries written before the day lists existed (they have no gsi4 keys), and for a tenant
 * after an admin changes `settings.timeZone` (entries keep the day they were filed under).
 * It reads the whole table (a Scan: an offline maintenance job, never a request path), rewrites
 * only the index keys of entries that are on the wrong day (no version, no stamp: nothing a
 * person changed, and no stream consumer wakes for a modified order or reservation), and can be
 * run again at any time: a second run refiles nothing.
 *
 * The environment is the functions': `TABLE_NAME`, and AWS credentials and `AWS_REGION`
 * (or `DYNAMODB_ENDPOINT` for DynamoDB Local).
 */

const DAY_KEYS = { order: orderKeys.day, reservation: reservationKeys.day } as const;
type Kind = keyof typeof DAY_KEYS;

interface DayEntry {
  pk: string;
  sk: string;
  type: Kind;
  tenantId: string;
  id: string;
  createdAt: string;
  startsAt?: string;
  gsi4pk?: string;
  gsi4sk?: string;
}

export interface RefileResult {
  /** Orders and reservations read. */
  readonly read: number;
  /** Those moved to another day's list (or put on one for the first time). */
  readonly refiled: number;
}

/** The instant an entry is listed by: what its index key holds, else what the write used (placed; starts). */
function instantOf(entry: DayEntry): string {
  if (entry.gsi4sk) return entry.gsi4sk.slice(0, entry.gsi4sk.indexOf('#'));
  return new Date(entry.type === 'order' ? entry.createdAt : entry.startsAt!).toISOString();
}

export async function refileDayLists(options: { tenantId?: string; log?: (line: string) => void } = {}): Promise<RefileResult> {
  const zones = new Map<string, string>();
  const zoneOf = async (tenantId: string) => {
    let zone = zones.get(tenantId);
    if (!zone) zones.set(tenantId, (zone = (await readSettings(tenantId)).timeZone));
    return zone;
  };
  let read = 0;
  let refiled = 0;
  const selection = { types: ['order', 'reservation'], tenantId: options.tenantId, projection: 'pk, sk, #type, tenantId, id, createdAt, startsAt, gsi4pk, gsi4sk' };
  await scanItems<DayEntry>(selection, async (entries) => {
    for (const entry of entries) {
      read += 1;
      const filed = DAY_KEYS[entry.type].entry(entry.tenantId, instantOf(entry), entry.id, await zoneOf(entry.tenantId));
      if (filed.gsi4pk === entry.gsi4pk && filed.gsi4sk === entry.gsi4sk) continue;
      await dynamo.send(
        new UpdateCommand({
          TableName: tableName,
          Key: { pk: entry.pk, sk: entry.sk },
          UpdateExpression: 'SET gsi4pk = :gsi4pk, gsi4sk = :gsi4sk',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':gsi4pk': filed.gsi4pk, ':gsi4sk': filed.gsi4sk },
        }),
      );
      refiled += 1;
    }
    options.log?.(`${read} orders and reservations read, ${refiled} refiled…`);
  });
  return { read, refiled };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--tenant');
  const tenantId = at >= 0 ? args[at + 1] : undefined;
  if ((at >= 0 && !tenantId) || args.length !== (at >= 0 ? 2 : 0)) {
    console.error('Usage: npm run refile-day-lists [-- --tenant <tenantId>]');
    process.exit(2);
  }
  const result = await refileDayLists({ tenantId, log: (line) => console.log(line) });
  console.log(`Done: ${result.refiled} of ${result.read} orders and reservations refiled${tenantId ? ` for ${tenantId}` : ''}.`);
}
