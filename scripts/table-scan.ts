import { ScanCommand, type ScanCommandOutput } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../shared/db/client';
import type { ScanScriptOptions } from './one-off';

/** Which items a one-off script reads. */
export interface ScanSelection {
  /** Item types (`type`), any of them. */
  readonly types: readonly string[];
  /** Only this tenant's items. */
  readonly tenantId?: string;
  /** A further filter, e.g. `createdAt >= :since`, with its values. */
  readonly where?: { expression: string; values: Record<string, unknown> };
  /** The attributes to read (`#type` names the type); all of them when absent. */
  readonly projection?: string;
  /** Parallel scan segments (1: one after another). */
  readonly segments?: number;
}

/**
 * The one way the one-off scripts reach every item of some types: a Scan of the table (an
 * administrator's job, never a request path) in `segments` parallel segments, each page's items
 * handed to `each` before the next page of that segment is read.
 */
export async function scanItems<T>(selection: ScanSelection, each: (items: T[], segment: number) => Promise<void>): Promise<void> {
  const segments = selection.segments ?? 1;
  const values: Record<string, unknown> = Object.fromEntries(selection.types.map((type, i) => [`:type${i}`, type]));
  const filters = [`#type IN (${Object.keys(values).join(', ')})`];
  if (selection.tenantId) {
    filters.push('tenantId = :tenant');
    values[':tenant'] = selection.tenantId;
  }
  if (selection.where) {
    filters.push(`(${selection.where.expression})`);
    Object.assign(values, selection.where.values);
  }
  await Promise.all(
    Array.from({ length: segments }, async (_, segment) => {
      let startKey: Record<string, unknown> | undefined;
      do {
        const page: ScanCommandOutput = await dynamo.send(
          new ScanCommand({
            TableName: tableName,
            ...(segments > 1 ? { Segment: segment, TotalSegments: segments } : {}),
            FilterExpression: filters.join(' AND '),
            ExpressionAttributeNames: { '#type': 'type' },
            ExpressionAttributeValues: values,
            ...(selection.projection ? { ProjectionExpression: selection.projection } : {}),
            ExclusiveStartKey: startKey,
          }),
        );
        startKey = page.LastEvaluatedKey;
        await each((page.Items ?? []) as T[], segment);
      } while (startKey);
    }),
  );
}

/**
 * Every person (their tenant and id), a page of the Scan at a time, for the scripts that do for
 * each what a stream consumer does on their next change. @returns how many people there were.
 */
export async function scanPeople(options: ScanScriptOptions, each: (people: { tenantId: string; id: string }[]) => Promise<unknown>): Promise<number> {
  let people = 0;
  const selection = { types: ['customer'], tenantId: options.tenantId, projection: 'tenantId, id', segments: options.segments ?? 8 };
  await scanItems<{ tenantId: string; id: string }>(selection, async (found, segment) => {
    await each(found);
    people += found.length;
    if (found.length > 0) options.log?.(`segment ${segment}: ${people} people so far`);
  });
  return people;
}
