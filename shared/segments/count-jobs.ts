import { nowIso } from '../clock';
import { tableName } from '../db/client';
import type { NamedWrite } from '../db/transact';
import { FACT_SHARDS, segmentKeys } from './keys';

/**
 * The background work of a segment, one job item per segment (`SEGMENT-COUNT#<id>`), driven by
 * the `segment-counting` consumer (`segment-counting.ts`): each step goes as far as its time
 * allows and records where it stopped, and that write wakes the next step. A new job of the same
 * segment replaces the item (its rules changed again, or it was deleted).
 *
 * - `count`: weigh everyone against a new generation of rules, then set `countedAt`;
 * - `refresh`: the same for the day-window rules (`createdAt`, `lastOrderAt`) as days pass, the
 *   count staying shown;
 * - `remove`: delete a deleted segment's entries.
 */
export type CountJobKind = 'count' | 'refresh' | 'remove';

export interface CountJobItem {
  pk: string;
  sk: string;
  type: 'segment-count';
  tenantId: string;
  segmentId: string;
  generation: number;
  kind: CountJobKind;
  status: 'running';
  /** The instant the rules are weighed at (their day windows count back from it). */
  at: string;
  /** When the job began: facts written since are weighed again in its catch-up phase. */
  startedAt: string;
  /** Weighing everyone, then catching up with people who changed meanwhile. */
  phase: 'weigh' | 'catch-up';
  /** Where each fact shard's reading stopped (its last key); null before the first page. */
  cursors: (Record<string, unknown> | null)[];
  /** Shards read to their end. */
  finished: number[];
  /** Moves with every step: a step's write is conditioned on the one it read. */
  step: number;
  /** People weighed so far (the whole job). */
  weighed: number;
}

export function newCountJob(tenantId: string, segmentId: string, generation: number, kind: CountJobKind, at: string): CountJobItem {
  return {
    ...segmentKeys.countJob(tenantId, segmentId),
    type: 'segment-count',
    tenantId,
    segmentId,
    generation,
    kind,
    status: 'running',
    at,
    startedAt: nowIso(),
    phase: 'weigh',
    cursors: Array.from({ length: kind === 'remove' ? 1 : FACT_SHARDS }, () => null),
    finished: [],
    step: 0,
    weighed: 0,
  };
}

/** Starts (or restarts) the segment's job: put unconditionally, it replaces any job before it. */
export const countJobWrite = (tenantId: string, segmentId: string, generation: number, kind: CountJobKind, at: string): NamedWrite => ({
  name: 'job',
  write: { Put: { TableName: tableName, Item: newCountJob(tenantId, segmentId, generation, kind, at) as unknown as Record<string, unknown> } },
});
