import type { SegmentDefinition } from './segment-schemas';
import { segmentHolds, type SegmentFacts } from './segment-rules';

/**
 * What a person's change means for their segments: pure, no DynamoDB. A person's entries say
 * which segments hold them, each with the generation of the rules that put them there; a segment
 * whose rules changed since (a newer generation) is being counted again, and an entry of an older
 * generation does not count. The plan holds a write only for a segment whose membership changes
 * (or whose entry must move in the list's order: a new name), never one per segment.
 */
export interface PersonFacts {
  facts: SegmentFacts;
  /** The entry's sort keys in a segment's people: by name (gsi1) and by number (gsi4). */
  nameKey: string;
  numberKey: string;
}

/** The person's facts as stored, at a version every write of them is conditioned on. */
export interface StoredFacts extends PersonFacts {
  version: number;
}

/** segment id → the generation of the entry the person holds in it. */
export type HeldEntries = Readonly<Record<string, number>>;

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
  /** The generation of the entry held before (none: no entry). The write is conditioned on it. */
  held?: number;
}

export interface MembershipPlan {
  ops: MembershipOp[];
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

/** What the rules of one segment say of a person (null: gone) holding `held`: nothing, or the op to write. */
export function membershipOp(segment: LiveSegment, held: number | undefined, person: PersonFacts | null, now: Date, moved = false): MembershipOp | undefined {
  const counted = held === segment.generation;
  if (person !== null && segmentHolds(segment, person.facts, now)) {
    if (!counted) return { segmentId: segment.id, entry: 'put', countDelta: 1, generation: segment.generation, ...(held === undefined ? {} : { held }) };
    return moved ? { segmentId: segment.id, entry: 'put', countDelta: 0, generation: segment.generation, held } : undefined;
  }
  return held === undefined ? undefined : { segmentId: segment.id, entry: 'delete', countDelta: counted ? -1 : 0, held };
}

/**
 * The membership changes of one person: `stored` is their facts item (undefined: none yet),
 * `held` their entries, `person` what they are now (null: gone), `segments` every live segment.
 */
export function planMemberships(
  stored: StoredFacts | undefined,
  held: HeldEntries,
  person: PersonFacts | null,
  segments: readonly LiveSegment[],
  now: Date,
): MembershipPlan {
  const moved = stored !== undefined && person !== null && (stored.nameKey !== person.nameKey || stored.numberKey !== person.numberKey);
  const ops = segments.flatMap((segment) => membershipOp(segment, held[segment.id], person, now, moved) ?? []);
  const live = new Set(segments.map((segment) => segment.id));
  // A segment deleted since: its entry goes, and there is no count to move.
  for (const [segmentId, generation] of Object.entries(held)) {
    if (!live.has(segmentId)) ops.push({ segmentId, entry: 'delete', countDelta: 0, held: generation });
  }
  const factsChanged = person === null ? stored !== undefined : stored === undefined || !samePersonFacts(stored, person);
  return { ops, factsChanged };
}
