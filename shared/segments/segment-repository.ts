import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { nowIso } from '../clock';
import { dynamo, tableName } from '../db/client';
import { queryAll } from '../db/query-pages';
import { prefixCondition, prefixPage, type PageRequest } from '../db/cursor';
import { firstStamp, nextStamp, type Stamped } from '../db/item-stamp';
import { putIfVersion, putNew, updateFields } from '../db/item-writes';
import { ConditionsFailedError, checkIfMatch, transactWrite, withLostRaceRetry, type NamedWrite } from '../db/transact';
import { ConflictError, NotFoundError } from '../errors';
import { newId } from '../ids';
import type { Actor } from '../schemas/common';
import { segmentKeys } from './keys';
import type { LiveSegment } from './membership-plan';
import { countJobWrite } from './count-jobs';
import { MAX_SEGMENTS, type CreateSegmentBody, type Segment, type SegmentMatch, type SegmentRule, type UpdateSegmentBody } from './segment-schemas';
import type * as z from '../schemas/zod';

/**
 * Segments under `T#<tenant>` / `SEGMENT#<id>`. A segment's `generation` counts its rule sets:
 * a change of `match` or `rules` starts a new one (count 0, `countedAt` null) and the background
 * count (`segment-counting.ts`) weighs everyone against it. `count` is moved by every membership
 * change in the same transaction as the person's entry (never written here otherwise), so it
 * always equals the entries of the current generation. Every create, rule change and delete also
 * moves the tenant's set version (`SEGMENTS`), which the membership consumer's writes are
 * conditioned on: none of them is decided on a stale set of segments.
 */
export interface SegmentItem extends Stamped {
  pk: string;
  sk: string;
  type: 'segment';
  tenantId: string;
  id: string;
  name: string;
  match: z.infer<typeof SegmentMatch>;
  rules: SegmentRule[];
  generation: number;
  count: number;
  countedAt: string | null;
}

export function toSegment(item: SegmentItem): Segment {
  return {
    id: item.id,
    name: item.name,
    match: item.match,
    rules: item.rules,
    count: item.countedAt ? Math.max(0, item.count ?? 0) : null,
    countedAt: item.countedAt ?? null,
    version: item.version,
  };
}

export const toLiveSegment = (item: SegmentItem): LiveSegment => ({ id: item.id, generation: item.generation, match: item.match, rules: item.rules });

/** The segments in the order they were made (ids are time-ordered), a page at a time. */
export function listSegments(tenantId: string, page: PageRequest) {
  const { pk, skPrefix } = segmentKeys.all(tenantId);
  return prefixPage(tenantId, 'segments', { pk, skPrefix }, page, toSegment);
}

export async function getSegmentItem(tenantId: string, segmentId: string): Promise<SegmentItem> {
  const result = await dynamo.send(new GetCommand({ TableName: tableName, Key: segmentKeys.segment(tenantId, segmentId), ConsistentRead: true }));
  if (!result.Item) throw new NotFoundError('segment');
  return result.Item as SegmentItem;
}

export const getSegment = async (tenantId: string, segmentId: string) => toSegment(await getSegmentItem(tenantId, segmentId));

/** Every segment of the tenant, as stored (a consistent read of all pages). */
export async function allSegmentItems(tenantId: string): Promise<SegmentItem[]> {
  const { pk, skPrefix } = segmentKeys.all(tenantId);
  return queryAll<SegmentItem>({ ...prefixCondition(pk, skPrefix), ConsistentRead: true });
}

const SEGMENT_LIMIT = new ConflictError('segment-limit', `A winery has at most ${MAX_SEGMENTS} segments; delete one first.`);

/** The tenant's set of segments moves on: `delta` segments more (a create) or fewer (a delete). */
function setWrite(tenantId: string, delta: -1 | 0 | 1): NamedWrite {
  return {
    name: 'set',
    write: {
      Update: {
        TableName: tableName,
        Key: segmentKeys.set(tenantId),
        UpdateExpression: 'ADD #version :one, segmentCount :delta SET #type = :type',
        ...(delta > 0 ? { ConditionExpression: 'attribute_not_exists(segmentCount) OR segmentCount < :max' } : {}),
        ExpressionAttributeNames: { '#version': 'version', '#type': 'type' },
        ExpressionAttributeValues: { ':one': 1, ':delta': delta, ':type': 'segment-set', ...(delta > 0 ? { ':max': MAX_SEGMENTS } : {}) },
      },
    },
  };
}

export async function createSegment(tenantId: string, input: CreateSegmentBody, actor: Actor): Promise<Segment> {
  const id = newId();
  const at = nowIso();
  const item: SegmentItem = {
    ...segmentKeys.segment(tenantId, id),
    type: 'segment',
    tenantId,
    id,
    name: input.name,
    match: input.match,
    rules: input.rules,
    generation: 1,
    count: 0,
    countedAt: null,
    ...firstStamp(actor, at),
  };
  try {
    await transactWrite([putNew('segment', item), setWrite(tenantId, 1), countJobWrite(tenantId, id, 1, 'count', at)]);
  } catch (error) {
    if (error instanceof ConditionsFailedError && error.failed.has('set')) throw SEGMENT_LIMIT;
    throw error;
  }
  return toSegment(item);
}

const sameDefinition = (item: SegmentItem, match: SegmentItem['match'], rules: SegmentRule[]) =>
  item.match === match && JSON.stringify(item.rules) === JSON.stringify(rules);

/**
 * A new name is one field-level update. New rules (or `match`) start a new generation: the
 * segment is put back at count 0, uncounted, conditioned on the version read, beside the set's
 * move and the count job of the new generation; entries of the old generation stop counting.
 */
export async function updateSegment(
  tenantId: string,
  segmentId: string,
  patch: UpdateSegmentBody,
  actor: Actor,
  ifMatch: number | undefined,
): Promise<Segment> {
  const key = segmentKeys.segment(tenantId, segmentId);
  if (patch.match === undefined && patch.rules === undefined) {
    if (patch.name === undefined) {
      const current = await getSegmentItem(tenantId, segmentId);
      checkIfMatch(ifMatch, current.version);
      return toSegment(current);
    }
    return toSegment(await updateFields<SegmentItem>(key, 'segment', { name: patch.name }, actor, nowIso(), ifMatch));
  }
  return withLostRaceRetry(async () => {
    const current = await getSegmentItem(tenantId, segmentId);
    checkIfMatch(ifMatch, current.version);
    const at = nowIso();
    const match = patch.match ?? current.match;
    const rules = patch.rules ?? current.rules;
    if (sameDefinition(current, match, rules)) {
      if (patch.name === undefined || patch.name === current.name) return toSegment(current);
      return toSegment(await updateFields<SegmentItem>(key, 'segment', { name: patch.name }, actor, at, current.version));
    }
    const generation = current.generation + 1;
    const next: SegmentItem = {
      ...current,
      name: patch.name ?? current.name,
      match,
      rules,
      generation,
      count: 0,
      countedAt: null,
      ...nextStamp(current, actor, at),
    };
    await transactWrite([putIfVersion('segment', next, current.version), setWrite(tenantId, 0), countJobWrite(tenantId, segmentId, generation, 'count', at)]);
    return toSegment(next);
  });
}

/** Deletes the segment (conditioned on the version read) and sends the job that removes its entries. */
export async function deleteSegment(tenantId: string, segmentId: string, ifMatch: number | undefined): Promise<void> {
  await withLostRaceRetry(async () => {
    const current = await getSegmentItem(tenantId, segmentId);
    checkIfMatch(ifMatch, current.version);
    const at = nowIso();
    await transactWrite([
      {
        name: 'segment',
        write: {
          Delete: {
            TableName: tableName,
            Key: segmentKeys.segment(tenantId, segmentId),
            ConditionExpression: '#version = :version',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':version': current.version },
          },
        },
      },
      setWrite(tenantId, -1),
      countJobWrite(tenantId, segmentId, current.generation, 'remove', at),
    ]);
  });
}
