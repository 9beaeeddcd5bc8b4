import type { Actor } from '../schemas/common';

/**
 * Every write stamps who and when, and bumps `version`. The change history reads the actor
 * from the stream image, so `updatedBy` must be on every item. A put carries `firstStamp` or
 * `nextStamp`; an update goes through `fieldUpdate` (`item-writes.ts`), which stamps the same
 * three fields. Nothing else writes them.
 */
export interface Stamped {
  version: number;
  createdAt: string;
  updatedAt: string;
  updatedBy: Actor;
}

export function firstStamp(actor: Actor, at: string): Stamped {
  return { version: 1, createdAt: at, updatedAt: at, updatedBy: actor };
}

/** The stamp of the version after `previous` (an item stored before it kept `createdAt` gets `at`). */
export function nextStamp(previous: { version: number; createdAt?: string }, actor: Actor, at: string): Stamped {
  return { version: previous.version + 1, createdAt: previous.createdAt ?? at, updatedAt: at, updatedBy: actor };
}

/** The actor for writes made by the service itself (consumers, jobs). */
export const systemActor = (name: string): Actor => ({ kind: 'system', id: name, name });
