import { monotonicFactory } from 'ulid';

/** The one id generator: ULIDs, sortable by creation time and monotonic within a container. */
const ulid = monotonicFactory();

export function newId(at: number = Date.now()): string {
  return ulid(at);
}
