import type { Actor } from '../schemas/common';

/**
 * Every write stamps who and when, and bumps `version`. The change history reads the actor
 * from the stream image, so `updatedBy` must be on every item.
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

export function nextStamp(previous: Stamped, actor: Actor, at: string): Stamped {
  return { version: previous.version + 1, createdAt: previous.createdAt, updatedAt: at, updatedBy: actor };
}

/** The actor for writes made by the service itself (consumers, jobs). */
export const systemActor = (name: string): Actor => ({ kind: 'system', id: name, name });
