import { monotonicFactory } from 'ulid';
import { now } from './clock';

/** The one id generator: ULIDs, sortable by creation time (the one clock's) and monotonic within a container. */
const ulid = monotonicFactory();

export function newId(at: number = now().getTime()): string {
  return ulid(at);
}
