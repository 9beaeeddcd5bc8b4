/**
 * Unsaved form values, kept outside the forms. A form that unmounts with changes (a profile tab
 * switched away from) leaves its draft here and finds it again when it comes back; the leave guard
 * (`components/leave-guard.tsx`) asks before a navigation, a reload or a sign-out would lose any.
 */
export interface Draft {
  /** What staff see in "You have unsaved changes in …" ("General · Ada Lovelace"). */
  readonly label: string;
  /** The values the form started from when the draft was made. */
  readonly base: Record<string, unknown>;
  /** The values as staff left them. */
  readonly values: Record<string, unknown>;
}

const drafts = new Map<string, Draft>();
const listeners = new Set<() => void>();
let revision = 0;
const changed = () => {
  revision += 1;
  listeners.forEach((listener) => listener());
};

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export const draftStore = {
  get: (key: string): Draft | undefined => drafts.get(key),
  set(key: string, draft: Draft): void {
    drafts.set(key, draft);
    changed();
  },
  delete(key: string): void {
    if (drafts.delete(key)) changed();
  },
  /** After "leave and discard" or a sign-out. */
  clear(): void {
    if (drafts.size === 0) return;
    drafts.clear();
    changed();
  },
  hasUnsaved: (): boolean => drafts.size > 0,
  labels: (): string[] => [...new Set([...drafts.values()].map((draft) => draft.label))],
  /** For `useSyncExternalStore`. */
  revision: (): number => revision,
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

/**
 * A draft's values over a record that may have moved on since (another tab saved it, it was
 * reloaded): the fields staff changed keep their draft value, every other field takes the
 * record's current one, so a save never sends back a value nobody typed.
 */
export function restoreDraft<V extends Record<string, unknown>>(draft: Draft | undefined, current: V): V {
  if (!draft) return current;
  const restored: Record<string, unknown> = { ...current };
  for (const [field, value] of Object.entries(draft.values)) {
    if (field in current && !same(value, draft.base[field])) restored[field] = value;
  }
  return restored as V;
}

/** The fields whose value differs. */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  return Object.keys(after).filter((field) => !same(before[field], after[field]));
}
