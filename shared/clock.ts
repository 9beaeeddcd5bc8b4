/**
 * The one clock. Tests and the local scheduler move time with `setClock`; everything else
 * asks `now()`.
 */
let current: () => Date = () => new Date();

export function now(): Date {
  return current();
}

export function nowIso(): string {
  return current().toISOString();
}

/** Replace the clock (tests, `POST /local/jobs/{job}` with `{ now }`). Returns a restore function. */
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
