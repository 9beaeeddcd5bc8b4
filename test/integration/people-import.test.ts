import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { call, newTenant, type Caller } from '../support/invoke';
import { createPerson, newPersonBody } from '../support/factories/people';
import { deliver } from '../support/streams';
import { dynamo, tableName } from '../../shared/db/client';

/** `POST /v1/customers/import`: a batch of rows, a result per row, nothing half-done. */
const admin = (tenantId: string): Caller => ({ tenantId, role: 'admin' });
const importRows = (as: Caller, rows: unknown[], extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  call('POST', '/v1/customers/import', { as, body: { rows, ...extra }, headers });
const row = (overrides: Record<string, unknown> = {}) => newPersonBody(overrides) as Record<string, any>;
const profileOf = async (tenantId: string, id: string) => (await call('GET', `/v1/customers/${id}`, { as: admin(tenantId) })).body;

/** Every item of a tenant, as stored (to show what was, and was not, written). */
async function tenantItems(tenantId: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: start, FilterExpression: 'begins_with(pk, :t)', ExpressionAttributeValues: { ':t': `T#${tenantId}` } }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}
const people = async (tenantId: string) => (await tenantItems(tenantId)).filter((item) => item.type === 'customer');

describe('Import: a result per row, in row order', () => {
  it('creates the good rows with consecutive numbers and reports each bad row with all its fields, writing nothing for it', async () => {
    const tenantId = newTenant('import');
    const rows = [
      row({ externalId: 'WD-1', phone: '707-555-0101', shippingAddress: { line1: '9 Cellar Ln', city: 'Napa', country: 'US' } }),
      row({ billingAddress: { email: 'not-an-email', lastName: '' } }),
      row({ flags: ['vip'] }),
      row({ birthDate: '1980-02-30', shoeSize: 44 }),
      row({ externalId: 'WD-5' }),
    ];
    const answer = await importRows(admin(tenantId), rows, { source: 'people.csv' });
    expect(answer.status).toBe(200);
    const results = answer.body.results;
    expect(results.map((r: { row: number; status: string }) => [r.row, r.status])).toEqual([
      [0, 'created'],
      [1, 'invalid'],
      [2, 'invalid'],
      [3, 'invalid'],
      [4, 'created'],
    ]);
    expect(results[0].customerNumber).toBe(1000);
    expect(results[4].customerNumber).toBe(1001);
    expect(results[1].errors.map((e: { path: string }) => e.path).sort()).toEqual(['billingAddress.email', 'billingAddress.lastName']);
    expect(results[2].errors).toEqual([{ path: 'flags[0]', message: 'is not a flag defined in settings' }]);
    expect(results[3].errors.map((e: { path: string }) => e.path).sort()).toEqual(['birthDate', 'shoeSize']);

    const first = await profileOf(tenantId, results[0].id);
    expect(first).toMatchObject({ externalId: 'WD-1', phone: '707-555-0101', customerNumber: 1000 });
    // The shipping address without names is addressed to the billing names.
    expect(first.addresses.find((a: { kind: string }) => a.kind === 'shipping')).toMatchObject({ firstName: 'Ada', lastName: 'Lovelace', line1: '9 Cellar Ln', isDefault: true });
    expect((await people(tenantId)).map((p) => p.email).sort()).toEqual([rows[0]!.billingAddress.email, rows[4]!.billingAddress.email].sort());
    // Imported people have no password until they set one, and get no welcome email unless asked.
    const stored = (await people(tenantId))[0]!;
    expect(stored.passwordHash).toBeUndefined();
    expect(stored.sendWelcomeEmail).toBe(false);
  });

  it('applies the settings a create applies: required fields for new people', async () => {
    const tenantId = newTenant('import-required');
    const settings = await call('GET', '/v1/settings', { as: admin(tenantId) });
    expect((await call('PUT', '/v1/settings', { as: admin(tenantId), body: { ...settings.body, requiredFields: ['phone'] } })).status).toBe(200);
    const answer = await importRows(admin(tenantId), [row(), row({ phone: '707-555-0199' })]);
    expect(answer.body.results[0]).toMatchObject({ status: 'invalid', errors: [{ path: 'phone', message: expect.stringContaining('required') }] });
    expect(answer.body.results[1].status).toBe('created');
  });

  it('refuses a row that carries a card number, in any field, and stores it nowhere', async () => {
    const tenantId = newTenant('import-card');
    const card = '4111 1111 1111 1111';
    const rows = [row({ partner: card }), row({ specialInstructions: 'fine' }), row({ billingAddress: { line2: card.replaceAll(' ', '-') } })];
    const answer = await importRows(admin(tenantId), rows, {}, { 'Idempotency-Key': 'card-batch' });
    expect(answer.status).toBe(200);
    expect(answer.body.results.map((r: { status: string }) => r.status)).toEqual(['invalid', 'created', 'invalid']);
    expect(answer.body.results[0].errors).toEqual([{ path: 'partner', message: expect.stringContaining('card number') }]);
    expect(answer.body.results[2].errors).toEqual([{ path: 'billingAddress.line2', message: expect.stringContaining('card number') }]);
    expect(JSON.stringify(answer.body)).not.toMatch(/4111/);
    // Not in any item: not the people, not the recorded results of the batch.
    expect(JSON.stringify(await tenantItems(tenantId))).not.toMatch(/4111/);
  });
});

describe('Import: matching people by email', () => {
  it('updates only the fields the row has, and a second time changes nothing', async () => {
    const tenantId = newTenant('import-update');
    const settings = await call('GET', '/v1/settings', { as: admin(tenantId) });
    await call('PUT', '/v1/settings', { as: admin(tenantId), body: { ...settings.body, flags: [{ key: 'vip', title: 'VIP' }, { key: 'trade', title: 'Trade' }] } });
    const person = await createPerson(tenantId, {
      phone: '707-555-0100',
      partner: 'Bob',
      flags: ['vip'],
      billingAddress: { line1: '1 Vine St', city: 'Napa', email: `Mixed.${randomUUID().slice(0, 8)}@Example.com` },
    });
    const update = row({
      billingAddress: { firstName: 'Ada', lastName: 'Byron', email: person.email.toUpperCase(), city: 'Sonoma' },
      partner: 'Charles',
      flags: ['vip', 'trade'],
      externalId: 'OLD-7',
    });
    const first = await importRows(admin(tenantId), [update], { source: 'winedirect.csv' });
    expect(first.body.results).toEqual([{ row: 0, status: 'updated', id: person.id, customerNumber: person.customerNumber }]);

    const after = await profileOf(tenantId, person.id);
    expect(after).toMatchObject({ lastName: 'Byron', partner: 'Charles', flags: ['vip', 'trade'], externalId: 'OLD-7', phone: '707-555-0100', email: person.email });
    const billing = after.addresses.find((a: { kind: string }) => a.kind === 'billing');
    expect(billing).toMatchObject({ line1: '1 Vine St', city: 'Sonoma' });
    expect(after.addresses).toHaveLength(1);

    const again = await importRows(admin(tenantId), [update], { source: 'winedirect.csv' });
    expect(again.body.results[0].status).toBe('unchanged');
    expect((await profileOf(tenantId, person.id)).version).toBe(after.version);

    // The change history names the importing staff member and the file.
    expect((await deliver('change-history', tenantId)).batchItemFailures).toEqual([]);
    const changes = await call('GET', `/v1/customers/${person.id}/changes`, { as: admin(tenantId) });
    const imported = changes.body.items.filter((c: { actor: { via?: string } }) => c.actor.via === 'import winedirect.csv');
    expect(imported.length).toBeGreaterThanOrEqual(2);
    expect(imported[0].actor).toMatchObject({ kind: 'staff', name: 'Sam Staff', via: 'import winedirect.csv' });
  });

  it('refuses a flag settings do not define on an update, and keeps the others of the batch', async () => {
    const tenantId = newTenant('import-flag');
    const person = await createPerson(tenantId);
    const answer = await importRows(admin(tenantId), [row({ billingAddress: { email: person.email }, flags: ['ghost'] }), row()]);
    expect(answer.body.results.map((r: { status: string }) => r.status)).toEqual(['invalid', 'created']);
    expect((await profileOf(tenantId, person.id)).flags).toEqual([]);
  });

  it('takes the first of two rows with one email and reports the second', async () => {
    const tenantId = newTenant('import-dup');
    const email = `twice.${randomUUID().slice(0, 8)}@example.com`;
    const answer = await importRows(admin(tenantId), [row({ billingAddress: { email } }), row(), row({ billingAddress: { email: email.toUpperCase(), firstName: 'Other' } })]);
    expect(answer.body.results.map((r: { status: string }) => r.status)).toEqual(['created', 'created', 'invalid']);
    expect(answer.body.results[2].errors).toEqual([{ path: 'billingAddress.email', message: expect.stringContaining('row 0') }]);
    expect((await people(tenantId)).filter((p) => String(p.email).toLowerCase() === email)).toHaveLength(1);
  });

  it("never reaches another tenant's people: the same email in another winery is a new person there", async () => {
    const mine = newTenant('import-mine');
    const theirs = newTenant('import-theirs');
    const person = await createPerson(theirs, { partner: 'Theirs' });
    const answer = await importRows(admin(mine), [row({ billingAddress: { email: person.email }, partner: 'Mine' })]);
    expect(answer.body.results[0]).toMatchObject({ status: 'created', customerNumber: 1000 });
    expect(answer.body.results[0].id).not.toBe(person.id);
    expect(await profileOf(theirs, person.id)).toMatchObject({ partner: 'Theirs', version: person.version });
  });
});

describe('Import: sending a batch again', () => {
  it('answers the first results for the same Idempotency-Key and body, and 409 for another body', async () => {
    const tenantId = newTenant('import-idem');
    const rows = [row(), row(), row({ billingAddress: { email: 'bad' } })];
    const headers = { 'Idempotency-Key': 'batch-0001' };
    const first = await importRows(admin(tenantId), rows, { source: 'f.csv' }, headers);
    const second = await importRows(admin(tenantId), rows, { source: 'f.csv' }, headers);
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
    expect(first.body.results.map((r: { status: string }) => r.status)).toEqual(['created', 'created', 'invalid']);
    expect(await people(tenantId)).toHaveLength(2);
    const other = await importRows(admin(tenantId), [row()], { source: 'f.csv' }, headers);
    expect(other.status).toBe(409);
  });

  it('makes nobody twice when a batch is sent again without a key, or twice at once (a resumed import)', async () => {
    const tenantId = newTenant('import-resume');
    const rows = Array.from({ length: 30 }, () => row());
    const [a, b] = await Promise.all([importRows(admin(tenantId), rows), importRows(admin(tenantId), rows)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const again = await importRows(admin(tenantId), rows);
    expect(again.body.results.every((r: { status: string }) => r.status === 'unchanged')).toBe(true);
    const stored = await people(tenantId);
    expect(stored).toHaveLength(30);
    // Each row names one person in every answer.
    const ids = (answer: typeof a) => answer.body.results.map((r: { id: string }) => r.id);
    expect(ids(a)).toEqual(ids(again));
    expect(ids(b)).toEqual(ids(again));
  });

  it('changes nothing at all in a dry run, and says what a run would do', async () => {
    const tenantId = newTenant('import-dry');
    const person = await createPerson(tenantId);
    const rows = [row(), row({ billingAddress: { email: person.email }, partner: 'New' }), row({ billingAddress: { email: 'x' } })];
    const answer = await importRows(admin(tenantId), rows, { dryRun: true }, { 'Idempotency-Key': 'dry-1' });
    expect(answer.body.results).toEqual([
      { row: 0, status: 'created' },
      { row: 1, status: 'updated', id: person.id, customerNumber: person.customerNumber },
      { row: 2, status: 'invalid', errors: [expect.objectContaining({ path: 'billingAddress.email' })] },
    ]);
    expect(await people(tenantId)).toHaveLength(1);
    expect((await profileOf(tenantId, person.id)).version).toBe(person.version);
    // No number was taken, and the key was not used up by the dry run.
    const created = await createPerson(tenantId);
    expect(created.customerNumber).toBe(person.customerNumber + 1);
    const real = await importRows(admin(tenantId), [row()], {}, { 'Idempotency-Key': 'dry-1' });
    expect(real.body.results[0].status).toBe('created');
  });
});

describe('Import and export: who may', () => {
  it('lets a viewer neither import nor export, and staff import but not export', async () => {
    const tenantId = newTenant('import-roles');
    expect((await importRows({ tenantId, role: 'viewer' }, [row()])).status).toBe(403);
    expect((await importRows({ tenantId, role: 'staff' }, [row()])).status).toBe(200);
    expect((await call('GET', '/v1/customers/export', { as: { tenantId, role: 'staff' } })).status).toBe(403);
    expect((await call('GET', '/v1/customers/export', { as: { tenantId, role: 'admin' } })).status).toBe(200);
  });

  it('refuses a body over 1 MiB with a 413, and a row nested to exhaust the stack as that row, never a 500', async () => {
    const tenantId = newTenant('import-attack');
    const huge = await importRows(admin(tenantId), [row({ specialInstructions: 'x'.repeat(2000) })].concat(Array.from({ length: 99 }, () => row({ partner: 'y'.repeat(11_000) }))));
    expect(huge.status).toBe(413);
    const deep = '{"partner":'.repeat(50_000) + '"bottom"' + '}'.repeat(50_000);
    const answer = await call('POST', '/v1/customers/import', { as: admin(tenantId), rawBody: `{"rows":[${JSON.stringify(row())},${deep}]}` });
    expect(answer.status).toBe(200);
    expect(answer.body.results[0].status).toBe('created');
    expect(answer.body.results[1]).toMatchObject({ status: 'invalid', errors: expect.arrayContaining([expect.objectContaining({ message: expect.stringContaining('nests deeper') })]) });
    expect(await people(tenantId)).toHaveLength(1);
  });

  it('refuses a batch of more than 100 rows, or none, as a whole', async () => {
    const tenantId = newTenant('import-size');
    const tooMany = await importRows(admin(tenantId), Array.from({ length: 101 }, () => row()));
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors).toEqual([expect.objectContaining({ path: 'rows' })]);
    expect((await importRows(admin(tenantId), [])).status).toBe(400);
    expect(await people(tenantId)).toHaveLength(0);
  });
});
