import type { SegmentDefinition } from './segment-schemas';
import { segmentHolds, type SegmentFacts } from './segment-rules';

/**
 * What a person's change means for their segments: pure, no DynamoDB. The person's stored facts
 * record the segments they are in, each with the generation of the rules that put them there; a
 * segment whose rules changed since (a newer generation) is being counted again, and an entry of
 * an older generation does not count. The plan holds a write only for a segment whose membership
 * changes (or whose entry must move in the list's order: a new name), never one per segment.
 */
export interface PersonFacts {
  facts: SegmentFacts;
  /** The entry's sort keys in a segment's people: by name (gsi1) and by number (gsi4). */
  nameKey: string;
  numberKey: string;
}

export interface StoredFacts extends PersonFacts {
  /** segment id → the generation of its rules when the person went in. */
  segments: Record<string, number>;
  version: number;
}

export interface LiveSegment extends SegmentDefinition {
  id: string;
  generation: number;
}

export interface MembershipOp {
  segmentId: string;
  /** Put the person's entry in the segment (at `generation`), or delete it. */
  entry: 'put' | 'delete';
  /** How the segment's count moves: only an entry of the current generation counts. */
  countDelta: -1 | 0 | 1;
  generation?: number;
}

export interface MembershipPlan {
  ops: MembershipOp[];
  /** The person's segments once the plan is written. */
  segments: Record<string, number>;
  /** The stored facts differ from the person's: they are written even when no membership moves. */
  factsChanged: boolean;
}

/** Plain data compared field by field, whatever order a map's keys come back from the table in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record).sort().map((key) => `${JSON.stringify(key)}:${canonical(record[key] ?? null)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export const samePersonFacts = (a: PersonFacts, b: PersonFacts): boolean =>
  a.nameKey === b.nameKey && a.numberKey === b.numberKey && canonical(a.facts) === canonical(b.facts);

/**
 * The membership changes of one person: `stored` is what their facts item says (undefined: none
 * yet), `person` what they are now (null: gone), `segments` every live segment of the tenant.
 */
export function planMemberships(
  stored: StoredFacts | undefined,
  person: PersonFacts | null,
  segments: readonly LiveSegment[],
  now: Date,
): MembershipPlan {
  const was = stored?.segments ?? {};
  const next: Record<string, number> = {};
  const ops: MembershipOp[] = [];
  const moved = stored !== undefined && person !== null && (stored.nameKey !== person.nameKey || stored.numberKey !== person.numberKey);
  for (const segment of segments) {
    const held = was[segment.id];
    const counted = held === segment.generation;
    if (person !== null && segmentHolds(segment, person.facts, now)) {
      next[segment.id] = segment.generation;
      if (!counted) ops.push({ segmentId: segment.id, entry: 'put', countDelta: 1, generation: segment.generation });
      else if (moved) ops.push({ segmentId: segment.id, entry: 'put', countDelta: 0, generation: segment.generation });
    } else if (held !== undefined) {
      ops.push({ segmentId: segment.id, entry: 'delete', countDelta: counted ? -1 : 0 });
    }
  }
  const live = new Set(segments.map((segment) => segment.id));
  // A segment deleted since: its entry goes, and there is no count to move.
  for (const segmentId of Object.keys(was)) if (!live.has(segmentId)) ops.push({ segmentId, entry: 'delete', countDelta: 0 });
  const factsChanged = person === null ? stored !== undefined : stored === undefined || !samePersonFacts(stored, person);
  return { ops, segments: next, factsChanged };
}

/** The person's segments after some of a plan's operations. */
export function segmentsAfter(segments: Record<string, number>, ops: readonly MembershipOp[]): Record<string, number> {
  const next = { ...segments };
  for (const op of ops) {
    if (op.entry === 'put') next[op.segmentId] = op.generation!;
    else delete next[op.segmentId];
  }
  return next;
}
