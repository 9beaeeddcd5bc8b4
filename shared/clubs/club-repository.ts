import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { nowIso } from '../clock';
import { NotFoundError } from '../errors';
import { newId } from '../ids';
import type { Actor } from '../schemas/common';
import type { Club, CreateClubBody, UpdateClubBody } from './club-schemas';
import { dynamo, tableName } from '../db/client';
import { newCustomerClassItem } from '../classes/customer-class-repository';
import { firstStamp, nextStamp, type Stamped } from '../db/item-stamp';
import { prefixPage, type PageRequest } from '../db/cursor';
import { fieldUpdateWrite, putIfVersion, putNew } from '../db/item-writes';
import { clubKeys } from './keys';
import { classKeys } from '../classes/keys';
import { checkIfMatch, transactWrite, withLostRaceRetry } from '../db/transact';

/**
 * Clubs live under `T#<tenant>` / `CLUB#<id>`. Each has its own customer class (same name and
 * discount), created in the same transaction and changed with it. Memberships carry the club's
 * and variant's names; a rename reaches them through the `class-assignment` stream consumer
 * (`copyClubNamesToMemberships`), a moment later.
 */
export interface ClubItem extends Stamped {
  pk: string;
  sk: string;
  type: 'club';
  tenantId: string;
  id: string;
  name: string;
  description: string | null;
  discountPercent: number;
  variants: { id: string; name: string }[];
  status: 'active' | 'retired';
  classId: string;
}

function toClub(item: ClubItem): Club {
  return {
    id: item.id,
    name: item.name,
    description: item.description ?? null,
    discountPercent: item.discountPercent,
    variants: item.variants ?? [],
    status: item.status,
    classId: item.classId,
    version: item.version,
  };
}

/** The clubs in the order they were created (their ids are time-ordered), a page at a time. */
export function listClubs(tenantId: string, page: PageRequest): Promise<{ items: Club[]; nextCursor: string | null }> {
  return prefixPage(tenantId, 'clubs', clubKeys.all(tenantId), page, toClub);
}

/** A club as the API shows it. */
export async function getClub(tenantId: string, clubId: string): Promise<Club> {
  return toClub(await getClubItem(tenantId, clubId));
}

export async function getClubItem(tenantId: string, clubId: string): Promise<ClubItem> {
  const result = await dynamo.send(new GetCommand({ TableName: tableName, Key: clubKeys.club(tenantId, clubId), ConsistentRead: true }));
  if (!result.Item) throw new NotFoundError('club');
  return result.Item as ClubItem;
}

export async function createClub(tenantId: string, input: CreateClubBody, actor: Actor): Promise<Club> {
  const id = newId();
  const classItem = newCustomerClassItem(tenantId, { name: input.name, discountPercent: input.discountPercent, clubId: id }, actor);
  const club: ClubItem = {
    ...clubKeys.club(tenantId, id),
    type: 'club',
    tenantId,
    id,
    name: input.name,
    description: input.description ?? null,
    discountPercent: input.discountPercent,
    variants: input.variants.map((variant) => ({ id: newId(), name: variant.name })),
    status: 'active',
    classId: classItem.id,
    ...firstStamp(actor, nowIso()),
  };
  await transactWrite([putNew('club', club), putNew('class', classItem)]);
  return toClub(club);
}

/** Reads, checks `If-Match`, writes conditioned on the version read; a lost race reads again. */
export async function updateClub(
  tenantId: string,
  clubId: string,
  patch: UpdateClubBody,
  actor: Actor,
  ifMatch: number | undefined,
): Promise<Club> {
  return withLostRaceRetry(async () => {
    const current = await getClubItem(tenantId, clubId);
    checkIfMatch(ifMatch, current.version);
    const at = nowIso();
    const next: ClubItem = {
      ...current,
      ...patch,
      variants: patch.variants ? patch.variants.map((variant) => ({ id: variant.id ?? newId(), name: variant.name })) : current.variants,
      ...nextStamp(current, actor, at),
    };
    const writes = [putIfVersion('club', next, current.version)];
    if (next.name !== current.name || next.discountPercent !== current.discountPercent) {
      // The club's class follows its club (and only through it: see customer classes).
      writes.push(fieldUpdateWrite('class', classKeys.customerClass(tenantId, current.classId), { name: next.name, discountPercent: next.discountPercent }, actor, at));
    }
    await transactWrite(writes);
    return toClub(next);
  });
}
