import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../db/client';
import { systemActor, nextStamp } from '../db/item-stamp';
import { putIfVersion } from '../db/item-writes';
import { runDueWork, type DueQueue, type DueRunOptions, type DueRunResult } from '../db/due-work';
import { ConditionsFailedError, transactWrite, type NamedWrite } from '../db/transact';
import { dueSteps, type DueStep } from './membership';
import { GIFT_ENDED_REASON } from './membership-rules';
import { membershipItem, type MembershipItem } from './club-items';
import { dueKeys } from './keys';
import { eventWrite, guardDelete, withIndexKeys } from './membership-repository';

/**
 * What the scheduled job does for memberships, on the one due-work mechanism
 * (`shared/db/due-work.ts`): on its day, a scheduled pause starts, a pause ends, a gift's
 * reminder goes out (the emails follow from the stream) and a gift ends. Each membership is one
 * transaction of its new state (conditioned on the version that was read, so two runs at once
 * change it once) and a timeline line per step; its due key moves to its next due day.
 */
const actor = systemActor('pause-expiry');

function summaryOf(item: MembershipItem, step: DueStep): string {
  switch (step) {
    case 'pause-started':
      return `Paused ${item.clubName} until ${item.scheduledPause?.until ?? '?'} (booked pause began)`;
    case 'pause-ended':
      return `Resumed ${item.clubName} (pause ended ${item.pausedUntil ?? item.scheduledPause?.until ?? '?'})`;
    case 'gift-reminded':
      return `Reminded that the gift of ${item.clubName} ends on ${item.gift?.endsOn ?? '?'}`;
    case 'gift-ended':
      return `Cancelled ${item.clubName}: ${GIFT_ENDED_REASON.title}`;
  }
}

/** A lost race is read again and decided again, this many times at most. */
const ATTEMPTS = 3;

/**
 * One membership's due steps as of `today`, written as of `at` (the job's instant). The index
 * trails the table: when the write finds the membership changed since the image the index gave
 * (a rename, an edit, another run), it reads the membership itself and decides again, so what
 * is still due is done now and a day is never left with work marked done.
 */
export async function applyDueSteps(stored: Record<string, unknown>, today: string, at: string): Promise<'done' | 'skipped'> {
  let image: Record<string, unknown> | undefined = stored;
  for (let attempt = 1; image; attempt += 1) {
    const item = membershipItem(image);
    const { state, steps } = dueSteps(item, today);
    // Nothing due: an index entry the membership's own write already moved.
    if (steps.length === 0) return 'skipped';
    let next: MembershipItem = { ...item, ...state, ...nextStamp(item, actor, at) };
    const writes: NamedWrite[] = [];
    if (steps.includes('gift-ended')) {
      next = { ...next, cancelledAt: at, cancelReasonKey: GIFT_ENDED_REASON.key, cancelReason: GIFT_ENDED_REASON.title, cancelNote: null };
      writes.push(guardDelete(item));
    }
    next = withIndexKeys(next, today);
    // Event ids derive from the membership, its version and the step: a redone step finds them taken.
    const events = steps.map((step) => eventWrite(item, summaryOf(item, step), at, actor, `due-${item.id}-${item.version}-${step}`));
    try {
      await transactWrite([putIfVersion('membership', next, item.version), ...writes, ...events]);
      return 'done';
    } catch (error) {
      if (!(error instanceof ConditionsFailedError) || attempt >= ATTEMPTS) throw error;
      image = (await dynamo.send(new GetCommand({ TableName: tableName, Key: { pk: item.pk, sk: item.sk }, ConsistentRead: true }))).Item;
    }
  }
  return 'skipped';
}

export const membershipDueQueue: DueQueue<Record<string, unknown>> = {
  name: 'memberships',
  partitionsOf: dueKeys.partitionsOf,
  apply: applyDueSteps,
};

/** The scheduled job's run over memberships: everything due by `options.now`. */
export function runMembershipDueWork(options: DueRunOptions): Promise<DueRunResult> {
  return runDueWork(membershipDueQueue, options);
}
