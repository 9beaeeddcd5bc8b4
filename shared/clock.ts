/**
 * The one clock: everything asks `now()` (ids included, `shared/ids.ts`). It is injectable for
 * tests only: no code of `functions/`, `shared/` or `infra/` calls `setClock` (a unit test holds
 * that), so production never moves it. Something that must act "as of" another time takes that
 * time as an argument instead (a job's `JobEvent.now`), which moves nothing else in the process.
 */
let current: () => Date = () => new Date();

export function now(): Date {
  return current();
}

export function nowIso(): string {
  return current().toISOString();
}

/** Tests only: replace the clock. Returns a restore function. */
export function setClock(clock: () => Date): () => void {
  const previous = current;
  current = clock;
  return () => {
    current = previous;
  };
}

/** `YYYY-MM-DD` of an instant, in UTC. */
export function isoDate(instant: Date = now()): string {
  return instant.toISOString().slice(0, 10);
}

/** A calendar day (`YYYY-MM-DD`) moved by `days` (UTC calendar arithmetic). */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
