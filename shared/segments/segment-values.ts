import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../db/client';
import { segmentKeys } from './keys';
import type { SegmentValues } from './segment-schemas';

/** One spelling per value (the first in order), A to Z: regions are compared without case. */
function distinct(values: Iterable<string> | undefined): string[] {
  const byKey = new Map<string, string>();
  for (const value of [...(values ?? [])].sort()) if (!byKey.has(value.toLowerCase())) byKey.set(value.toLowerCase(), value);
  return [...byKey.values()].sort((a, b) => a.localeCompare(b));
}

/** The regions and countries seen on people's default billing addresses (kept by the membership consumer): one GetItem. */
export async function readSegmentValues(tenantId: string): Promise<SegmentValues> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: tableName, Key: segmentKeys.values(tenantId) }));
  return { regions: distinct(Item?.regions as Set<string> | undefined), countries: distinct(Item?.countries as Set<string> | undefined) };
}
