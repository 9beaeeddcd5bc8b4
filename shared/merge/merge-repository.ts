import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { now, nowIso } from '../clock';
import { ConflictError, MergedPersonError, NotFoundError } from '../errors';
import { newId } from '../ids';
import type { Actor } from '../schemas/common';
import { dynamo, tableName } from '../db/client';
import { queryAll } from '../db/query-pages';
import { getItems, itemAt } from '../db/batch-get';
import { customerPk } from '../db/keys';
import { prefixCondition } from '../db/cursor';
import { idempotencyWrite, storedResponse, type IdempotencyRequest } from '../db/idempotency';
import { firstStamp, nextStamp, type Stamped } from '../db/item-stamp';
import { allOf, fieldUpdateWrite, putIfVersion, putNew, stillEquals, type WriteCondition } from '../db/item-writes';
import { ConditionsFailedError, transactWrite, withLostRaceRetry, type NamedWrite } from '../db/transact';
import { classUsageWrite } from '../classes/customer-class-repository';
import { customerKeys } from '../people/keys';
import { toCustomer, type CustomerItem } from '../people/customer-items';
import { MERGED_PERSON_TYPE, readProfilePage, type MergedPersonItem, type ProfilePage } from '../people/profile-page';
import { parsePersonScopedId, personScopedId } from '../people/person-scoped-id';
import { CHANGE_KIND, historyKeys, timelineKeys } from '../history/keys';
import { isLive } from '../clubs/membership';
import { membershipKeys } from '../clubs/keys';
import { withIndexKeys } from '../clubs/membership-repository';
import type { MembershipItem } from '../clubs/club-items';
import { MERGE_PREFIX, mergeKeys } from './keys';
import { deleteStubs, moveItems, type ItemFate } from './item-moves';
import { keepApart } from '../duplicates/duplicate-repository';
import { movedBack, movedForward, planMerge, survivorFields, survivorFieldsAfterUndo, type MergePlan, type MoveOrigin } from './merge-plan';
import type { Merge, MergeResult } from './merge-schemas';
import { isPersonSegmentItem } from '../segments/keys';

/**
 * Merging two records of one person, and undoing it. Both are long operations on every item of
 * a person, written as a job: the merge record (`MERGE#<ulid>` under the survivor) holds the
 * state, and each step is idempotent and records the next, so a merge (or an undo) sent again
 * after a crash at any point goes on where it stopped:
 *
 *   started ──profiles──▶ moving ──moves done──▶ done ──undo──▶ undoing ──profiles──▶ restored ──moves back──▶ undone
 *
 * - started: the record and a lock on both people (`LOCK`, so nothing else long runs on them).
 * - profiles (one transaction): the absorbed person's profile gives way to `P#MERGED` (their id
 *   answers 410 from then on, and every write to them fails as for a missing person), the
 *   survivor takes their empty fields, flags, credit, numbers and email (`merge-plan.ts`),
 *   and memberships in the same club are settled (the older stays).
 * - moving: every other item of the absorbed person moves to the survivor (`item-moves.ts`).
 * - done: the locks go, with the response recorded for the `Idempotency-Key`.
 *
 * Lists, counts and search follow from the stream (the absorbed person's profile is gone, the
 * survivor's changed); orders and reservations keep their ids and are read through the stub
 * or the `P#MERGED` word (`commerce/person-scoped-reader.ts`).
 */
const UNDO_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;
/** A request stops moving after this and answers 202; sending it again goes on (the API's timeout is 10 s). */
const REQUEST_BUDGET_MS = 6_000;
const IDEMPOTENCY_SCOPE = 'merge';

type State = 'started' | 'moving' | 'done' | 'undoing' | 'restored' | 'undone';

export interface MergeRecordItem extends Stamped {
  pk: string;
  sk: string;
  type: 'merge';
  tenantId: string;
  customerId: string;
  id: string;
  absorbedId: string;
  absorbedNumber: number;
  absorbedName: string;
  state: State;
  startedAt: string;
  /** When the merge finished. */
  at: string | null;
  by: Actor;
  /** The absorbed person as they were, for the undo (taken at the profiles step). */
  absorbed: CustomerItem | null;
  plan: MergePlan | null;
  undoneAt: string | null;
  undoneBy: Actor | null;
  /** The survivor was erased: the absorbed person's data went with it, and the merge can no longer be undone. */
  erasedAt?: string | null;
}

export interface PersonLockItem {
  pk: string;
  sk: string;
  type: 'person-lock';
  tenantId: string;
  customerId: string;
  /** The operation holding it: a merge id (for a merge or its undo) or an erase. */
  job: string;
  kind: 'merge' | 'undo' | 'erase';
}

export const busy = () => new ConflictError('person-busy', 'A merge, an undo or an erase of this person is running; try again when it has finished.');

export function lockWrite(tenantId: string, customerId: string, job: string, kind: PersonLockItem['kind']): NamedWrite {
  const lock: PersonLockItem = { ...mergeKeys.lock(tenantId, customerId), type: 'person-lock', tenantId, customerId, job, kind };
  return putNew(`lock:${customerId}`, lock);
}

export const unlockWrite = (tenantId: string, customerId: string, job: string): NamedWrite => ({
  name: `unlock:${customerId}`,
  write: {
    Delete: {
      TableName: tableName,
      Key: mergeKeys.lock(tenantId, customerId),
      ConditionExpression: 'attribute_not_exists(pk) OR job = :job',
      ExpressionAttributeValues: { ':job': job },
    },
  },
});

function recordKeyOf(tenantId: string, mergeId: string) {
  const parsed = parsePersonScopedId(mergeId);
  if (!parsed) throw new NotFoundError('merge');
  return mergeKeys.record(tenantId, parsed.customerId, parsed.ownId);
}

async function readRecord(tenantId: string, mergeId: string): Promise<MergeRecordItem> {
  const result = await dynamo.send(new GetCommand({ TableName: tableName, Key: recordKeyOf(tenantId, mergeId), ConsistentRead: true }));
  if (!result.Item) throw new NotFoundError('merge');
  return result.Item as MergeRecordItem;
}

const stateIs = (state: State): WriteCondition => ({ expression: '#state = :was', names: { '#state': 'state' }, values: { ':was': state } });

function recordUpdate(record: MergeRecordItem, fields: Record<string, unknown>, actor: Actor, from: State): NamedWrite {
  return fieldUpdateWrite('record', { pk: record.pk, sk: record.sk }, fields, actor, nowIso(), { condition: stateIs(from) });
}

const personName = (item: CustomerItem) => `${item.firstName} ${item.lastName}`.trim();

/** Work on the clock of one request: steps stop when its budget is spent. */
function budget() {
  const deadline = Date.now() + REQUEST_BUDGET_MS;
  return () => Date.now() > deadline;
}

export type MergeOutcome = { done: true; survivor: MergeResult } | { done: false; mergeId: string; state: string };

// Merge ----------------------------------------------------------------------------------------

/**
 * `POST /v1/customers/{id}/merge`: merges `absorbedId` into `survivorId`, or goes on with the
 * merge of these two that a crash interrupted. 409 for the same person, for someone already
 * merged, and while another long operation runs on either of them.
 */
export async function mergePeople(
  tenantId: string,
  survivorId: string,
  absorbedId: string,
  actor: Actor,
  idempotency?: IdempotencyRequest,
): Promise<MergeOutcome> {
  if (idempotency) {
    const stored = await storedResponse(tenantId, IDEMPOTENCY_SCOPE, idempotency);
    if (stored) return { done: true, survivor: stored.response as MergeResult };
  }
  if (survivorId === absorbedId) throw new ConflictError('same-person', 'A person cannot be merged into themselves.');
  const record = await startOrResume(tenantId, survivorId, absorbedId, actor);
  const stop = budget();
  let current = record;
  if (current.state === 'started') current = await mergeProfiles(current, actor);
  if (current.state === 'moving') {
    const finished = await moveItems(forwardMove(current, stop));
    if (!finished) return { done: false, mergeId: current.id, state: current.state };
    return { done: true, survivor: await finishMerge(current, actor, idempotency) };
  }
  throw new ConflictError('already-merged', 'These people were already merged.');
}

async function startOrResume(tenantId: string, survivorId: string, absorbedId: string, actor: Actor): Promise<MergeRecordItem> {
  const keys = {
    survivorLock: mergeKeys.lock(tenantId, survivorId),
    absorbedLock: mergeKeys.lock(tenantId, absorbedId),
    absorbedMerged: customerKeys.mergedInto(tenantId, absorbedId),
    survivorMerged: customerKeys.mergedInto(tenantId, survivorId),
  };
  const items = await getItems(Object.values(keys));
  const locks = [itemAt<PersonLockItem>(items, keys.survivorLock), itemAt<PersonLockItem>(items, keys.absorbedLock)];
  const ours = locks.find((lock) => lock?.kind === 'merge' && lock.job.startsWith(`${survivorId}-`));
  if (ours) {
    const record = await readRecord(tenantId, ours.job);
    if (record.absorbedId === absorbedId) return record;
  }
  if (locks.some(Boolean)) throw busy();
  const survivorMerged = itemAt<MergedPersonItem>(items, keys.survivorMerged);
  if (survivorMerged) throw new MergedPersonError(survivorMerged.mergedInto);
  if (itemAt(items, keys.absorbedMerged)) throw new ConflictError('already-merged', 'That person was already merged into someone.');

  const [survivor, absorbed] = await Promise.all([readProfilePage(tenantId, survivorId), readProfilePage(tenantId, absorbedId).catch(absorbedMissing)]);
  if ((absorbed.profile as { erasedAt?: string }).erasedAt || (survivor.profile as { erasedAt?: string }).erasedAt) {
    throw new ConflictError('erased', 'An erased person cannot be merged.');
  }
  const at = nowIso();
  const ownId = newId();
  const id = personScopedId(survivorId, ownId);
  const record: MergeRecordItem = {
    ...mergeKeys.record(tenantId, survivorId, ownId),
    type: 'merge',
    tenantId,
    customerId: survivorId,
    id,
    absorbedId,
    absorbedNumber: absorbed.profile.customerNumber,
    absorbedName: personName(absorbed.profile),
    state: 'started',
    startedAt: at,
    at: null,
    by: actor,
    absorbed: null,
    plan: null,
    undoneAt: null,
    undoneBy: null,
    ...firstStamp(actor, at),
  };
  try {
    await transactWrite([putNew('record', record), lockWrite(tenantId, survivorId, id, 'merge'), lockWrite(tenantId, absorbedId, id, 'merge')]);
  } catch (error) {
    if (error instanceof ConditionsFailedError) throw busy();
    throw error;
  }
  return record;
}

/** The absorbed person's id names no one: a 404 that says which of the two it is. */
function absorbedMissing(error: unknown): never {
  if (error instanceof NotFoundError) throw new NotFoundError('customer (absorbedId)');
  throw error;
}

/**
 * The profiles step, one transaction: the absorbed person's profile gives way to the word of
 * the merge, the survivor takes what the plan says, memberships in the same club are settled,
 * the absorbed person's email becomes one of the survivor's, and the record moves on to
 * `moving`. Conditioned on what was read (a lost race reads again).
 */
async function mergeProfiles(record: MergeRecordItem, actor: Actor): Promise<MergeRecordItem> {
  const { tenantId, customerId: survivorId, absorbedId } = record;
  return withLostRaceRetry(async () => {
    const [survivor, absorbed] = await Promise.all([readProfilePage(tenantId, survivorId), readProfilePage(tenantId, absorbedId)]);
    const a = survivor.profile;
    const b = absorbed.profile;
    const plan = planMerge(survivor, absorbed, newId());
    const at = nowIso();
    const word: MergedPersonItem = {
      ...customerKeys.mergedInto(tenantId, absorbedId),
      type: MERGED_PERSON_TYPE,
      tenantId,
      customerId: absorbedId,
      customerNumber: b.customerNumber,
      mergedInto: survivorId,
      mergeId: record.id,
    };
    const stamped = { ...word, ...firstStamp(actor, at) };
    const writes: NamedWrite[] = [
      {
        name: 'absorbed',
        write: {
          Delete: {
            TableName: tableName,
            Key: customerKeys.profile(tenantId, absorbedId),
            ConditionExpression: '#version = :version',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':version': b.version },
          },
        },
      },
      putNew('word', stamped),
      fieldUpdateWrite('survivor', customerKeys.profile(tenantId, survivorId), survivorFields(a, plan), actor, at, {
        add: plan.creditCents !== 0 ? { creditBalanceCents: plan.creditCents } : undefined,
        condition: allOf(
          ...Object.keys(plan.filled).map((field, i) => stillEquals(field, a[field as keyof CustomerItem], `filled${i}`)),
          stillEquals('flags', a.flags ?? null, 'flags'),
        ),
      }),
      recordUpdate(record, { state: 'moving', absorbed: b, plan }, actor, 'started'),
    ];
    if (plan.email) {
      const origin: MoveOrigin = { mergeId: record.id, from: absorbedId, was: {}, dropOnUndo: true };
      writes.push(
        putNew('email', {
          ...customerKeys.email(tenantId, survivorId, plan.email.id),
          type: 'customer-email',
          tenantId,
          customerId: survivorId,
          id: plan.email.id,
          email: plan.email.address,
          label: `From #${b.customerNumber}`,
          mergeOrigin: [origin],
          originMergeId: record.id,
          ...firstStamp(actor, at),
        }),
      );
    }
    if (plan.releasedClassId) writes.push(classUsageWrite(tenantId, plan.releasedClassId, -1));
    for (const cancelled of plan.survivorCancelled) {
      const membership = membershipOf(survivor, cancelled.membershipId);
      const next = withIndexKeys({ ...membership, status: 'cancelled', cancelledAt: at, cancelReason: 'merged', ...nextStamp(membership, actor, at) });
      writes.push(putIfVersion(`membership:${membership.id}`, next, membership.version), {
        name: `guard:${membership.clubId}`,
        write: { Delete: { TableName: tableName, Key: membershipKeys.clubGuard(tenantId, survivorId, membership.clubId) } },
      });
    }
    await transactWrite(writes);
    return { ...record, state: 'moving', absorbed: b, plan };
  });
}

function membershipOf(page: ProfilePage, membershipId: string): MembershipItem {
  const item = page.attached.find((m) => m.type === 'membership' && (m as MembershipItem).id === membershipId);
  if (!item) throw new Error(`membership ${membershipId} not on the profile page`);
  return item as MembershipItem;
}

/**
 * Items of a person that are never moved: their own bookkeeping, listings, derived cards, and
 * their segment facts and entries (the segment-membership consumer weighs both people again when
 * their profiles change, and moves each count with its entry).
 */
function isPersonBookkeeping(sk: string): boolean {
  return sk === 'P#PROFILE' || sk === 'P#MERGED' || sk === 'LOCK' || sk.startsWith(MERGE_PREFIX) || sk.startsWith('L#') || sk.startsWith('D#') || isPersonSegmentItem(sk);
}

/** The moving step: every item of the absorbed person, as the survivor's. */
function forwardMove(record: MergeRecordItem, shouldStop: () => boolean) {
  const { tenantId, customerId: survivorId, absorbedId, plan } = record;
  const pk = customerPk(tenantId, survivorId);
  const timeline = timelineKeys.partition(tenantId, survivorId);
  const move = { mergeId: record.id, from: absorbedId, to: survivorId, pk, timeline };
  const cancelledClubs = new Set(plan!.absorbedCancelledClubs);
  // Changes the stream writes about the merge itself stay with the absorbed person.
  const changesFrom = `${historyKeys.prefix(CHANGE_KIND)}${record.startedAt}`;
  return {
    sourcePk: customerPk(tenantId, absorbedId),
    stub: { tenantId, movedTo: survivorId, mergeId: record.id },
    shouldStop,
    fate: (item: Record<string, unknown> & { sk: string }): ItemFate => {
      if (isPersonBookkeeping(item.sk)) return { kind: 'stay' };
      if (item.sk.startsWith(historyKeys.prefix(CHANGE_KIND)) && item.sk >= changesFrom) return { kind: 'stay' };
      const changes: Record<string, unknown> = {};
      switch (item.type) {
        case 'address':
          if (item.isDefault && plan!.filled[item.kind === 'billing' ? 'defaultBillingAddressId' : 'defaultShippingAddressId'] !== item.id) changes.isDefault = false;
          break;
        case 'card':
          if (item.isDefault && plan!.survivorHasDefaultCard) changes.isDefault = false;
          break;
        case 'membership-guard':
          // The survivor's older membership keeps its own guard; this one is given back by an undo.
          if (cancelledClubs.has(String(item.sk).slice('MCLUB#'.length))) return { kind: 'drop' };
          break;
        case 'membership': {
          const membership = item as unknown as MembershipItem;
          if (isLive(membership.status) && cancelledClubs.has(membership.clubId)) {
            Object.assign(changes, { status: 'cancelled', cancelledAt: record.startedAt, cancelReason: 'merged' });
          }
          return { kind: 'move', item: withIndexKeys(movedForward(item, move, changes) as unknown as MembershipItem) as unknown as Record<string, unknown> };
        }
      }
      return { kind: 'move', item: movedForward(item, move, changes) };
    },
  };
}

async function finishMerge(record: MergeRecordItem, actor: Actor, idempotency?: IdempotencyRequest): Promise<MergeResult> {
  const { tenantId, customerId: survivorId, absorbedId } = record;
  const { profile } = await readProfilePage(tenantId, survivorId);
  const survivor = toMergeResult(profile);
  const writes = [
    recordUpdate(record, { state: 'done', at: nowIso() }, actor, 'moving'),
    unlockWrite(tenantId, survivorId, record.id),
    unlockWrite(tenantId, absorbedId, record.id),
  ];
  if (idempotency) writes.push(idempotencyWrite(tenantId, IDEMPOTENCY_SCOPE, idempotency, survivor));
  try {
    await transactWrite(writes);
  } catch (error) {
    // Another runner of the same merge finished it first: the answer is the same.
    if (!(error instanceof ConditionsFailedError) || !error.failed.has('record')) throw error;
  }
  return survivor;
}

export const toMergeResult = (profile: CustomerItem): MergeResult => ({ ...toCustomer(profile), mergedNumbers: profile.mergedNumbers ?? [] });

// The survivor's merges ---------------------------------------------------------------------------

export function toMerge(item: MergeRecordItem): Merge {
  const undoable = item.state === 'done' && !item.erasedAt && item.at !== null;
  return {
    id: item.id,
    absorbedId: item.absorbedId,
    absorbedNumber: item.absorbedNumber,
    absorbedName: item.erasedAt ? `Erased customer #${item.absorbedNumber}` : item.absorbedName,
    at: item.at ?? item.startedAt,
    by: item.by,
    state: item.state === 'started' || item.state === 'moving' ? 'merging' : item.state === 'restored' ? 'undoing' : item.state,
    undoneAt: item.undoneAt ?? null,
    undoableUntil: undoable ? new Date(Date.parse(item.at!) + UNDO_DAYS * DAY_MS).toISOString() : null,
  };
}

/** `GET /v1/customers/{id}/merges`: who was merged into this person, newest first (one Query). */
export async function listMerges(tenantId: string, survivorId: string): Promise<{ items: Merge[] }> {
  const records = await mergeRecordsOf(tenantId, survivorId);
  if (records.length === 0) await readProfilePage(tenantId, survivorId);
  return { items: records.map(toMerge) };
}

export function mergeRecordsOf(tenantId: string, survivorId: string): Promise<MergeRecordItem[]> {
  return queryAll<MergeRecordItem>({ ...prefixCondition(customerPk(tenantId, survivorId), MERGE_PREFIX), ScanIndexForward: false, ConsistentRead: true });
}

// Undo -------------------------------------------------------------------------------------------

/**
 * `POST /v1/merges/{mergeId}/undo`: within 30 days, the absorbed person is back with their
 * number, email and everything that was theirs; what was added to the survivor since the merge
 * stays with the survivor. 409 once undone, after 30 days, while the survivor is locked or was
 * itself merged since, and when the survivor has spent credit the merge brought (it cannot be
 * given back without a balance below zero).
 */
export async function undoMerge(
  tenantId: string,
  mergeId: string,
  actor: Actor,
): Promise<{ done: true; undone: { survivorId: string; restoredId: string } } | { done: false; mergeId: string; state: string }> {
  let record = await readRecord(tenantId, mergeId);
  if (record.state === 'undone') throw new ConflictError('already-undone', 'This merge was already undone.');
  if (record.state === 'started' || record.state === 'moving') throw new ConflictError('merge-in-progress', 'This merge has not finished yet: send the merge again to finish it first.');
  if (record.state === 'done') record = await startUndo(record, actor);
  if (record.state === 'undoing') record = await restoreProfiles(record, actor);
  const finished = await moveItems(backwardMove(record, budget()));
  if (!finished) return { done: false, mergeId: record.id, state: record.state };
  await finishUndo(record, actor);
  return { done: true, undone: { survivorId: record.customerId, restoredId: record.absorbedId } };
}

async function startUndo(record: MergeRecordItem, actor: Actor): Promise<MergeRecordItem> {
  const { tenantId, customerId: survivorId, absorbedId } = record;
  if (record.erasedAt) throw new ConflictError('erased', 'The survivor was erased since: this merge can no longer be undone.');
  if (!record.at || now().getTime() - Date.parse(record.at) > UNDO_DAYS * DAY_MS) {
    throw new ConflictError('undo-expired', `A merge can be undone within ${UNDO_DAYS} days.`);
  }
  const survivor = await readProfilePage(tenantId, survivorId).catch((error: unknown) => {
    if (error instanceof MergedPersonError) throw new ConflictError('survivor-merged', 'The survivor was merged into someone since: undo that merge first.');
    throw error;
  });
  if ((survivor.profile.creditBalanceCents ?? 0) < record.plan!.creditCents) throw creditSpent(record);
  try {
    await transactWrite([
      recordUpdate(record, { state: 'undoing', undoneBy: actor }, actor, 'done'),
      lockWrite(tenantId, survivorId, record.id, 'undo'),
      lockWrite(tenantId, absorbedId, record.id, 'undo'),
    ]);
  } catch (error) {
    if (!(error instanceof ConditionsFailedError)) throw error;
    const again = await readRecord(tenantId, record.id);
    if (again.state === 'undoing' || again.state === 'restored') return again;
    if (again.state === 'undone') throw new ConflictError('already-undone', 'This merge was already undone.');
    throw busy();
  }
  return { ...record, state: 'undoing' };
}

const creditSpent = (record: MergeRecordItem) =>
  new ConflictError(
    'credit-spent',
    `The survivor's credit balance is below the ${record.plan!.creditCents} cents the merge brought from #${record.absorbedNumber}: add credit to the survivor, then undo.`,
  );

/**
 * The profiles step of an undo, one transaction: the absorbed person's profile is back as it
 * was (their number, email and class), the word of the merge goes, and the survivor gives back
 * the credit, numbers, flags and empty fields the merge brought, where they still are as the
 * merge left them. The email the merge added to the survivor goes.
 */
async function restoreProfiles(record: MergeRecordItem, actor: Actor): Promise<MergeRecordItem> {
  const { tenantId, customerId: survivorId, absorbedId } = record;
  const plan = record.plan!;
  const snapshot = record.absorbed!;
  let classGone = false;
  return withLostRaceRetry(async () => {
    const { profile: a } = await readProfilePage(tenantId, survivorId);
    const at = nowIso();
    const { fields, cleared } = survivorFieldsAfterUndo(a, plan);
    const returnedClass = plan.filled.customerClassId as string | undefined;
    const bClass = classGone ? null : (snapshot.customerClassId ?? null);
    const restored: CustomerItem & { movedBy: string } = {
      ...snapshot,
      customerClassId: bClass,
      ...nextStamp(snapshot, actor, at),
      movedBy: record.id,
    };
    const writes: NamedWrite[] = [
      putNew('restored', restored),
      { name: 'word', write: { Delete: { TableName: tableName, Key: customerKeys.mergedInto(tenantId, absorbedId) } } },
      fieldUpdateWrite('survivor', customerKeys.profile(tenantId, survivorId), fields, actor, at, {
        add: plan.creditCents !== 0 ? { creditBalanceCents: -plan.creditCents } : undefined,
        condition: allOf(
          { expression: 'creditBalanceCents >= :given', values: { ':given': plan.creditCents } },
          ...cleared.map((field, i) => stillEquals(field, plan.filled[field], `cleared${i}`)),
          stillEquals('flags', a.flags ?? null, 'flags'),
        ),
      }),
      recordUpdate(record, { state: 'restored' }, actor, 'undoing'),
    ];
    if (plan.email) writes.push({ name: 'email', write: { Delete: { TableName: tableName, Key: customerKeys.email(tenantId, survivorId, plan.email.id) } } });
    // The absorbed person's class is counted again, unless it comes back from the survivor who took it.
    const classReturns = returnedClass !== undefined && cleared.includes('customerClassId');
    if (bClass && !classReturns) writes.push(classUsageWrite(tenantId, bClass, 1));
    try {
      await transactWrite(writes);
    } catch (error) {
      if (error instanceof ConditionsFailedError) {
        if (bClass && error.failed.has(`class:${bClass}`) && !error.failed.has('survivor')) classGone = true;
        if (error.failed.has('survivor') && (await readProfilePage(tenantId, survivorId)).profile.creditBalanceCents < plan.creditCents) {
          throw creditSpent(record);
        }
        if (error.failed.has('record')) {
          const again = await readRecord(tenantId, record.id);
          if (again.state !== 'undoing') return again;
        }
      }
      throw error;
    }
    return { ...record, state: 'restored' };
  });
}

/** The moving step of an undo: what this merge brought goes back, but certificates the survivor redeemed since stay. */
function backwardMove(record: MergeRecordItem, shouldStop: () => boolean) {
  const { tenantId, customerId: survivorId, absorbedId } = record;
  const move = { mergeId: record.id, pk: customerPk(tenantId, absorbedId), timeline: timelineKeys.partition(tenantId, absorbedId) };
  return {
    sourcePk: customerPk(tenantId, survivorId),
    query: { FilterExpression: 'originMergeId = :mergeId', ExpressionAttributeValues: { ':mergeId': record.id } },
    stub: { tenantId, movedTo: absorbedId, mergeId: record.id },
    shouldStop,
    fate: (item: Record<string, unknown> & { sk: string }): ItemFate => {
      const origins = (item.mergeOrigin as MoveOrigin[] | undefined) ?? [];
      if (origins.at(-1)?.dropOnUndo) return { kind: 'drop' };
      if (item.type === 'certificate' && typeof item.redeemedAt === 'string' && item.redeemedAt > (record.at ?? '')) return { kind: 'stay' };
      const back = movedBack(item, move);
      if (item.type !== 'membership') return { kind: 'move', item: back };
      const membership = withIndexKeys(back as unknown as MembershipItem);
      // A membership live again takes back its club's guard (the merge left it behind).
      const along = isLive(membership.status) ? [guardPut(membership)] : [];
      return { kind: 'move', item: membership as unknown as Record<string, unknown>, along };
    },
  };
}

function guardPut(membership: MembershipItem): NamedWrite {
  return {
    name: `guard:${membership.customerId}:${membership.clubId}`,
    write: {
      Put: {
        TableName: tableName,
        Item: { ...membershipKeys.clubGuard(membership.tenantId, membership.customerId, membership.clubId), type: 'membership-guard', membershipId: membership.id },
        ConditionExpression: 'attribute_not_exists(pk) OR #type = :moved OR membershipId = :id',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: { ':moved': 'moved', ':id': membership.id },
      },
    },
  };
}

/**
 * The last step of an undo: the survivor's memberships the merge cancelled are live again (when
 * nobody joined that club since), the stubs the moves left in the survivor's partition go, and
 * the locks with them.
 */
async function finishUndo(record: MergeRecordItem, actor: Actor): Promise<void> {
  const { tenantId, customerId: survivorId, absorbedId } = record;
  for (const cancelled of record.plan!.survivorCancelled) {
    const result = await dynamo.send(
      new GetCommand({ TableName: tableName, Key: membershipKeys.membership(tenantId, survivorId, cancelled.membershipId), ConsistentRead: true }),
    );
    const membership = result.Item as MembershipItem | undefined;
    if (!membership || membership.status !== 'cancelled' || membership.cancelReason !== 'merged') continue;
    const revived = withIndexKeys({ ...membership, ...cancelled.was, ...nextStamp(membership, actor, nowIso()) });
    try {
      await transactWrite([putIfVersion('membership', revived, membership.version), guardPut(revived)]);
    } catch (error) {
      if (!(error instanceof ConditionsFailedError)) throw error; // Joined the club again since: it stays cancelled.
    }
  }
  await deleteStubs(customerPk(tenantId, survivorId), record.id);
  // Staff said these two are not one person: they are not suggested again.
  await keepApart(tenantId, survivorId, absorbedId, actor);
  try {
    await transactWrite([
      recordUpdate(record, { state: 'undone', undoneAt: nowIso(), undoneBy: actor }, actor, 'restored'),
      unlockWrite(tenantId, survivorId, record.id),
      unlockWrite(tenantId, absorbedId, record.id),
    ]);
  } catch (error) {
    if (!(error instanceof ConditionsFailedError) || !error.failed.has('record')) throw error;
  }
}
