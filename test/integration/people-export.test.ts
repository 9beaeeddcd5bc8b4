import { describe, expect, it } from '@jest/globals';
import { BatchWriteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import Papa from 'papaparse';
import { call, newTenant, type Caller } from '../support/invoke';
import { newPersonBody } from '../support/factories/people';
import { deliver } from '../support/streams';
import { dynamo, tableName } from '../../shared/db/client';
import { EXPORT_COLUMNS } from '../../shared/people/people-csv';
import { readCsv } from '../../web/src/features/import/lib/read-csv';
import { autoMap } from '../../web/src/features/import/lib/auto-map';
import { prepareRows } from '../../web/src/features/import/lib/convert-rows';
import { newCustomerWrites } from '../../shared/people/customer-repository';
import { listingEntries } from '../../shared/people/people-listing';
import { getItems } from '../../shared/db/batch-get';
import { customerKeys } from '../../shared/people/keys';
import type { CustomerItem } from '../../shared/people/customer-items';

/** `GET /v1/customers/export`: the people list as CSV, in the columns the import reads. */
const admin = (tenantId: string): Caller => ({ tenantId, role: 'admin', name: 'Ada Admin' });

async function importAll(tenantId: string, rows: Record<string, unknown>[]): Promise<{ status: string; id?: string }[]> {
  const results: { status: string; id?: string }[] = [];
  for (let i = 0; i < rows.length; i += 100) {
    const answer = await call('POST', '/v1/customers/import', { as: admin(tenantId), body: { rows: rows.slice(i, i + 100), source: 'export.csv' } });
    expect(answer.status).toBe(200);
    results.push(...answer.body.results);
  }
  return results;
}

async function exportCsv(tenantId: string, query = ''): Promise<{ status: number; headers: Record<string, string>; text: string }> {
  const answer = await call('GET', `/v1/customers/export${query}`, { as: admin(tenantId) });
  return { status: answer.status, headers: answer.headers, text: answer.status === 200 ? Buffer.from(answer.body as string, 'base64').toString('utf8') : '' };
}

const parse = (text: string) => Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });

/**
 * An exported file as the console's import reads it (the same functions: read, map the columns
 * by their headers, convert the cells), so the round trip is the one staff make.
 */
function rowsOfFile(text: string, flags: { key: string; title: string }[]): Record<string, unknown>[] {
  const file = readCsv(new TextEncoder().encode(text));
  const prepared = prepareRows(file.records, autoMap(file.headers), { flags, classes: [] });
  expect(prepared.filter((row) => row.errors.length > 0)).toEqual([]);
  return prepared.map((row) => row.row as Record<string, unknown>);
}

const FLAGS = [{ key: 'vip', title: 'VIP' }, { key: 'trade', title: 'Trade' }];

async function withFlags(tenantId: string) {
  const settings = await call('GET', '/v1/settings', { as: admin(tenantId) });
  const saved = await call('PUT', '/v1/settings', { as: admin(tenantId), body: { ...settings.body, flags: FLAGS } });
  expect(saved.status).toBe(200);
}

describe('Export', () => {
  it('writes the import columns and one line per person, safe to open in a spreadsheet, and records who exported', async () => {
    const tenantId = newTenant('export');
    await withFlags(tenantId);
    const results = await importAll(tenantId, [
      newPersonBody({
        billingAddress: { firstName: 'Zoë', lastName: 'Ångström', line1: '1 Vine St', city: 'Napa', country: 'US' },
        phone: '+1 707 555 0100',
        partner: '=HYPERLINK("http://evil.example","click")',
        flags: ['vip', 'trade'],
        permissions: { email: true, mail: true },
        specialInstructions: 'Leave at the "back" door,\nring twice',
        externalId: 'C7-1',
      }),
      newPersonBody({ billingAddress: { firstName: 'Bo', lastName: 'Brix' } }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['created', 'created']);
    expect((await deliver('customer-listing', tenantId)).batchItemFailures).toEqual([]);

    const exported = await exportCsv(tenantId);
    expect(exported.status).toBe(200);
    expect(exported.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(exported.headers['x-next-cursor']).toBeUndefined();
    const parsed = parse(exported.text);
    expect(parsed.errors).toEqual([]);
    expect(parsed.meta.fields).toEqual([...EXPORT_COLUMNS]);
    const [first, second] = parsed.data as [Record<string, string>, Record<string, string>];
    // By last name, as the list is (Ångström sorts as Angstrom).
    expect(first).toMatchObject({ 'billingAddress.firstName': 'Zoë', 'billingAddress.lastName': 'Ångström', 'billingAddress.line1': '1 Vine St' });
    expect(second['billingAddress.lastName']).toBe('Brix');
    expect(first).toMatchObject({
      customerNumber: '1000',
      externalId: 'C7-1',
      phone: '+1 707 555 0100',
      flags: 'vip; trade',
      'permissions.email': 'true',
      'permissions.sms': 'false',
      specialInstructions: 'Leave at the "back" door,\nring twice',
      creditBalance: '0.00',
      // A spreadsheet shows this as text instead of running it.
      partner: `'=HYPERLINK("http://evil.example","click")`,
    });

    // Filters are the list's: only the VIP.
    const vips = parse((await exportCsv(tenantId, '?flag=vip')).text);
    expect(vips.data.map((line) => line.externalId)).toEqual(['C7-1']);

    // Every page is recorded: who, when, which filters, how many.
    const records = await dynamo.send(new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `T#${tenantId}#EXPORTS` } }));
    expect(records.Items?.map((item) => [item.exportedBy.name, item.filters, item.count])).toEqual([
      ['Ada Admin', {}, 2],
      ['Ada Admin', { flag: 'vip' }, 1],
    ]);
  });

  it('neutralises the full-width and other Unicode forms of formula characters, and the file still imports back unchanged', async () => {
    const tenantId = newTenant('export-unicode');
    await withFlags(tenantId);
    // What a spreadsheet may read as `=`, `+`, `-` and `@` (NFKC maps each to the plain one).
    const formulas = {
      partner: '＝HYPERLINK("http://evil.example","click")',
      specialInstructions: '﹢cmd|\' /C calc\'!A0',
      externalId: '＠SUM(A1)',
      'billingAddress.company': '－2+3',
      'billingAddress.line1': '⁼1+1',
    };
    const results = await importAll(tenantId, [
      newPersonBody({
        billingAddress: { firstName: 'Uni', lastName: 'Code', company: formulas['billingAddress.company'], line1: formulas['billingAddress.line1'] },
        partner: formulas.partner,
        specialInstructions: formulas.specialInstructions,
        externalId: formulas.externalId,
      }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['created']);
    await listInAll(tenantId, results.map((r) => r.id!));
    const before = await versions(tenantId);

    const exported = await exportCsv(tenantId);
    const [line] = parse(exported.text).data as [Record<string, string>];
    for (const [column, value] of Object.entries(formulas)) expect(line[column]).toBe(`'${value}`);

    const back = await importAll(tenantId, rowsOfFile(exported.text, FLAGS));
    expect(back.map((r) => r.status)).toEqual(['unchanged']);
    expect(await versions(tenantId)).toEqual(before);
  });

  it('pages by 1000 people, the next page named in X-Next-Cursor, each page a whole CSV', async () => {
    const tenantId = newTenant('export-pages');
    await seedListedPeople(tenantId, 1001);
    const first = await exportCsv(tenantId);
    expect(first.status).toBe(200);
    const cursor = first.headers['x-next-cursor'];
    expect(cursor).toEqual(expect.any(String));
    expect(parse(first.text).data).toHaveLength(1000);
    const second = await exportCsv(tenantId, `?cursor=${encodeURIComponent(cursor!)}`);
    expect(second.headers['x-next-cursor']).toBeUndefined();
    const last = parse(second.text);
    expect(last.meta.fields).toEqual([...EXPORT_COLUMNS]);
    expect(last.data).toHaveLength(1);
    const numbers = new Set([...parse(first.text).data, ...last.data].map((line) => line.customerNumber));
    expect(numbers.size).toBe(1001);
  });

  it('round trip: 500 people exported and imported back change nothing', async () => {
    const tenantId = newTenant('roundtrip');
    await withFlags(tenantId);
    const rows = Array.from({ length: 500 }, (_, i) =>
      newPersonBody({
        billingAddress: { firstName: `First${i}`, lastName: `Last${i % 37}`, ...(i % 2 ? { line1: `${i} Main St`, city: 'Napa', region: 'CA', postalCode: '94558', country: 'US' } : {}) },
        ...(i % 3 ? { phone: `707-555-${String(1000 + i).slice(-4)}` } : {}),
        ...(i % 4 === 0 ? { birthDate: '1970-05-0' + ((i % 9) + 1), partner: `Partner, "${i}"` } : {}),
        ...(i % 5 === 0 ? { flags: i % 10 ? ['vip'] : ['trade', 'vip'], permissions: { email: true, sms: i % 2 === 0 } } : {}),
        ...(i % 7 === 0 ? { shippingAddress: { firstName: 'Gift', lastName: `Recipient${i}`, line1: '2 Oak Ave', country: 'US' } } : {}),
        ...(i % 11 === 0 ? { specialInstructions: `-fragile- line one\nline two ${i}`, externalId: `OLD-${i}` } : {}),
      }),
    );
    const imported = await importAll(tenantId, rows);
    expect(imported.filter((r) => r.status !== 'created')).toEqual([]);
    await listInAll(tenantId, imported.map((r) => r.id!));
    const before = await versions(tenantId);

    const exported = await exportCsv(tenantId);
    const parsed = parse(exported.text);
    expect(parsed.data).toHaveLength(500);
    const back = await importAll(tenantId, rowsOfFile(exported.text, FLAGS));
    expect(back.filter((r) => r.status !== 'unchanged')).toEqual([]);
    expect(new Set(back.map((r) => r.id))).toEqual(new Set(imported.map((r) => r.id)));
    expect(await versions(tenantId)).toEqual(before);
  }, 300_000);
});

/**
 * People written straight into the table (the items a create writes, and their entry in the
 * unfiltered list, as the listing consumer writes it), so a test can page through a thousand
 * of them in a second.
 */
async function seedListedPeople(tenantId: string, count: number): Promise<void> {
  const actor = { kind: 'system' as const, id: 'seed', name: null };
  const items = Array.from({ length: count }, (_, i) => {
    const { profile, writes } = newCustomerWrites(tenantId, newPersonBody({ billingAddress: { lastName: `Seed${i}` } }) as never, 1000 + i, undefined, actor);
    return [...writes.map((write) => write.write.Put!.Item as Record<string, unknown>), unfilteredEntry(profile)];
  }).flat();
  await putAll(items);
}

/** A person's entry in the unfiltered list by name, as the listing consumer writes it (its other ~30 entries serve search and filters). */
const unfilteredEntry = (profile: CustomerItem) => listingEntries(profile).find((entry) => entry.sk === 'L#ALL')!;

/**
 * Imported people put in the unfiltered list, where an export reads them: the consumer's own
 * entry for each, without the search and filter entries a 500-person backlog would cost
 * (15 000 writes that would crowd the tests running beside this one).
 */
async function listInAll(tenantId: string, ids: readonly string[]): Promise<void> {
  const profiles = (await getItems(ids.map((id) => customerKeys.profile(tenantId, id)))) as unknown as CustomerItem[];
  expect(profiles).toHaveLength(ids.length);
  await putAll(profiles.map(unfilteredEntry));
}

async function putAll(items: readonly Record<string, unknown>[]): Promise<void> {
  const chunks = Array.from({ length: Math.ceil(items.length / 25) }, (_, i) => items.slice(i * 25, i * 25 + 25));
  for (let i = 0; i < chunks.length; i += 8) {
    await Promise.all(chunks.slice(i, i + 8).map((chunk) => dynamo.send(new BatchWriteCommand({ RequestItems: { [tableName]: chunk.map((Item) => ({ PutRequest: { Item } })) } }))));
  }
}

/** Every stored item of the tenant's people with its version: what any write would move. */
async function versions(tenantId: string): Promise<Record<string, number>> {
  const answer: Record<string, number> = {};
  const list = await call('GET', '/v1/customers?limit=100', { as: admin(tenantId) });
  let cursor: string | null = list.body.nextCursor;
  const ids: string[] = list.body.items.map((item: { id: string }) => item.id);
  while (cursor) {
    const page = await call('GET', `/v1/customers?limit=100&cursor=${encodeURIComponent(cursor)}`, { as: admin(tenantId) });
    ids.push(...page.body.items.map((item: { id: string }) => item.id));
    cursor = page.body.nextCursor;
  }
  await Promise.all(
    ids.map(async (id) => {
      const profile = (await call('GET', `/v1/customers/${id}`, { as: admin(tenantId) })).body;
      answer[id] = profile.version;
      for (const address of profile.addresses) answer[address.id] = address.version;
    }),
  );
  return answer;
}
