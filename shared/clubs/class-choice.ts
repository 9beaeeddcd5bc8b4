/**
 * The class a person's orders use: the one with the highest discount among the class staff
 * gave them and the classes of their live club memberships. On a tie the staff-given class
 * wins, then the lower id, so the choice is stable whatever order the inputs arrive in.
 */
export interface ClassCandidate {
  id: string;
  discountPercent: number;
}

export function chooseEffectiveClass(own: ClassCandidate | null, clubClasses: readonly ClassCandidate[]): string | null {
  let best: ClassCandidate | null = own;
  const sorted = [...clubClasses].sort((a, b) => a.id.localeCompare(b.id));
  for (const candidate of sorted) {
    if (!best || candidate.discountPercent > best.discountPercent) best = candidate;
  }
  return best?.id ?? null;
}
