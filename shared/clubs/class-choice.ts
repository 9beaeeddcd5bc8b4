/**
 * The effective-class rule, in one place: the class a person's orders use. The class-assignment
 * consumer keeps `effectiveClassId` with it; anything else that must know the class a person
 * gets (the people aggregate, on a change of their own class) calls it the same way.
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

/** What of a membership the effective class depends on. */
export interface MembershipClassFacts {
  status: 'active' | 'paused' | 'cancelled';
  clubId: string;
  classId: string;
}

/**
 * Whether a membership change could move its person's effective class or clubs: it appeared or
 * went, or its status, club or class changed. A rename (names only) or an edit of shipping or
 * owner cannot, so it costs no recomputation.
 */
export function membershipChangeMatters(before: MembershipClassFacts | undefined, after: MembershipClassFacts | undefined): boolean {
  if (!before || !after) return true;
  return before.status !== after.status || before.clubId !== after.clubId || before.classId !== after.classId;
}
