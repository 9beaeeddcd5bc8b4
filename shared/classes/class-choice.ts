/**
 * The effective-class rule, in one place: the class a person's orders use. The clubs'
 * class-assignment consumer keeps `effectiveClassId` with it; the people aggregate calls it the
 * same way on a change of a person's own class.
 */

/** A customer class as the rule sees it. */
export interface ClassCandidate {
  id: string;
  discountPercent: number;
}

/**
 * The effective class id: the class with the highest discount among `ownClass` (the class staff
 * gave the person, `customerClassId`, or null) and `liveClubClasses` (the classes of the clubs
 * the person is an active or paused member of, in any order, duplicates allowed). On a tie the
 * person's own class wins, then the lower id, so the answer does not depend on input order.
 * Null when the person has no class at all.
 */
export function effectiveClassId(ownClass: ClassCandidate | null, liveClubClasses: readonly ClassCandidate[]): string | null {
  let best: ClassCandidate | null = ownClass;
  const byId = [...liveClubClasses].sort((a, b) => a.id.localeCompare(b.id));
  for (const candidate of byId) {
    if (!best || candidate.discountPercent > best.discountPercent) best = candidate;
  }
  return best?.id ?? null;
}
