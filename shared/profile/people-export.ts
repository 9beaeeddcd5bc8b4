import { nowIso } from '../clock';
import { newId } from '../ids';
import type { Actor } from '../schemas/common';
import { listClubs } from '../clubs/club-repository';
import { putNew } from '../db/item-writes';
import { transactWrite } from '../db/transact';
import { customerKeys } from '../people/keys';
import { readPeopleWithDefaults } from '../people/people-batch-read';
import { listCustomerIds } from '../people/people-list';
import { exportRecord, toCsv } from '../people/people-csv';
import { EXPORT_PAGE_SIZE, EXPORT_SORT, type ExportCustomersQuery } from '../people/import-schemas';
import { segmentPeopleIds } from '../segments/segment-people';
import { getSegmentItem } from '../segments/segment-repository';

export interface ExportPage {
  csv: string;
  /** People on this page. */
  count: number;
  nextCursor: string | null;
}

/**
 * `GET /v1/customers/export`: a page of the people list (its search and filters, by name) as
 * CSV. In requests: the list's Query, BatchGetItems for the people and their default addresses
 * (`readPeopleWithDefaults`), the clubs' names when someone is a member, and the record of the
 * export (who, when, which filters, how many people), kept for the winery's audit.
 */
export async function exportPeople(tenantId: string, query: ExportCustomersQuery, actor: Actor): Promise<ExportPage> {
  const list = query.segmentId
    ? await segmentPage(tenantId, query.segmentId, query.cursor)
    : await listCustomerIds(tenantId, { ...query, sort: EXPORT_SORT, limit: EXPORT_PAGE_SIZE });
  const people = await readPeopleWithDefaults(tenantId, list.ids);
  const anyMember = [...people.values()].some(({ profile }) => (profile.clubIds ?? []).length > 0);
  const clubNames = anyMember ? await allClubNames(tenantId) : new Map<string, string>();

  // In list order; someone listed but gone since (the list trails the table by a moment) is left out.
  const records = list.ids.flatMap((id) => {
    const person = people.get(id);
    return person ? [exportRecord(person.profile, person.billing, person.shipping, clubNames)] : [];
  });
  await recordExport(tenantId, actor, query, records.length);
  return { csv: toCsv(records), count: records.length, nextCursor: list.nextCursor };
}

/** A page of a segment's people (404 for a segment that is not the tenant's). */
async function segmentPage(tenantId: string, segmentId: string, cursor: string | undefined) {
  const [page] = await Promise.all([segmentPeopleIds(tenantId, segmentId, EXPORT_SORT, { limit: EXPORT_PAGE_SIZE, cursor }), getSegmentItem(tenantId, segmentId)]);
  return { ids: page.ids, nextCursor: page.nextCursor };
}

async function allClubNames(tenantId: string): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  let cursor: string | undefined;
  do {
    const page = await listClubs(tenantId, { limit: 100, cursor });
    for (const club of page.items) names.set(club.id, club.name);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return names;
}

async function recordExport(tenantId: string, actor: Actor, query: ExportCustomersQuery, count: number): Promise<void> {
  const at = nowIso();
  const id = newId();
  const { cursor, ...filters } = query;
  await transactWrite([
    putNew('export', {
      ...customerKeys.exportRecord(tenantId, at, id),
      type: 'people-export',
      tenantId,
      id,
      at,
      exportedBy: actor,
      filters,
      continued: cursor !== undefined,
      count,
    }),
  ]);
}
