import { describe, expect, it } from '@jest/globals';
import type { DynamoDBRecord } from 'aws-lambda';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../../shared/db/client';
import { clubKeys } from '../../shared/clubs/keys';
import { readStreamRecords } from '../../infra/local/stream-reader';
import { call, eventually, newTenant } from '../support/invoke';
import { deliver } from '../support/streams';
import { clubsFactory } from '../support/factories/clubs';

/**
 * Memberships carry their club's and variant's names, so the profile and the portal show them
 * from the one Query that reads the membership; a rename reaches live memberships through the
 * `class-assignment` stream consumer.
 */
const tenantId = newTenant('club-names');
const { admin, staffer, club, person, join } = clubsFactory(tenantId);

const membershipsOf = async (customerId: string) => (await call('GET', `/v1/customers/${customerId}/memberships`, { as: staffer })).body.items;
const profileMemberships = async (customerId: string) => (await call('GET', `/v1/customers/${customerId}`, { as: staffer })).body.memberships;

/** Every stream record of this tenant, tenant-level items (clubs) included, once `expected` holds. */
async function tenantStream(expected: (records: DynamoDBRecord[]) => boolean): Promise<DynamoDBRecord[]> {
  return eventually(async () => {
    const records = (await readStreamRecords({ endpoint: process.env.DYNAMODB_ENDPOINT!, tableName: process.env.TABLE_NAME! })).filter((record) => {
      const pk = String(record.dynamodb?.Keys?.pk?.S ?? '');
      return pk === `T#${tenantId}` || pk.startsWith(`T#${tenantId}#`);
    });
    return expected(records) ? records : undefined;
  });
}

const typeOf = (record: DynamoDBRecord) => record.dynamodb?.NewImage?.type?.S ?? record.dynamodb?.OldImage?.type?.S;
const nameIn = (record: DynamoDBRecord) => record.dynamodb?.NewImage?.name?.S;

describe('Memberships carry club and variant names', () => {
  it('shows the names in the profile and the memberships list, and moves them with a variant change and a switch', async () => {
    const reserve = await club({ name: 'Reserve', variants: ['Red', 'Mixed'] });
    const gold = await club({ name: 'Gold' });
    const ada = await person();
    const joined = await join(ada.id, reserve, { variant: 'Red' });
    expect(joined).toMatchObject({ clubName: 'Reserve', variantName: 'Red' });
    expect(await membershipsOf(ada.id)).toEqual([expect.objectContaining({ id: joined.id, clubName: 'Reserve', variantName: 'Red' })]);
    expect(await profileMemberships(ada.id)).toEqual([expect.objectContaining({ id: joined.id, clubName: 'Reserve', variantName: 'Red' })]);

    const mixed = reserve.variants.find((v) => v.name === 'Mixed')!;
    const edited = await call('PATCH', `/v1/customers/${ada.id}/memberships/${joined.id}`, { as: staffer, body: { variantId: mixed.id } });
    expect(edited.body).toMatchObject({ clubName: 'Reserve', variantId: mixed.id, variantName: 'Mixed' });

    const switched = await call('POST', `/v1/customers/${ada.id}/memberships/${joined.id}/switch`, { as: staffer, body: { clubId: gold.id } });
    expect(switched.body).toMatchObject({ clubId: gold.id, clubName: 'Gold', variantId: null, variantName: null });
    expect(await membershipsOf(ada.id)).toEqual([expect.objectContaining({ clubName: 'Gold', variantName: null })]);
  });

  it('copies a club rename and a variant rename onto live memberships a moment later, not onto cancelled ones', async () => {
    const reserve = await club({ name: 'Cellar Club', variants: ['Red', 'Mixed'] });
    const [red, mixed] = reserve.variants as [{ id: string; name: string }, { id: string; name: string }];
    const [ada, bob, cy] = await Promise.all([person(), person(), person()]);
    await join(ada.id, reserve, { variant: 'Red' });
    await join(bob.id, reserve, { variant: 'Mixed' });
    const gone = await join(cy.id, reserve, { variant: 'Red' });
    await call('POST', `/v1/customers/${cy.id}/memberships/${gone.id}/cancel`, { as: staffer, body: { reason: 'moved' } });

    const renamed = await call('PATCH', `/v1/clubs/${reserve.id}`, {
      as: admin,
      body: { name: 'Cellar Society', variants: [{ id: red.id, name: 'Rouge' }, { id: mixed.id, name: 'Mixed' }] },
    });
    expect(renamed.status).toBe(200);

    // From the rename on: the memberships' own records (their joins) are not what carries it.
    const all = await tenantStream((rs) => rs.some((r) => typeOf(r) === 'club' && nameIn(r) === 'Cellar Society'));
    const records = all.slice(all.findIndex((r) => typeOf(r) === 'club' && nameIn(r) === 'Cellar Society'));
    expect((await deliver('class-assignment', tenantId, records)).batchItemFailures).toEqual([]);
    expect(await membershipsOf(ada.id)).toEqual([expect.objectContaining({ clubName: 'Cellar Society', variantName: 'Rouge' })]);
    expect(await profileMemberships(bob.id)).toEqual([expect.objectContaining({ clubName: 'Cellar Society', variantName: 'Mixed' })]);
    expect(await membershipsOf(cy.id)).toEqual([expect.objectContaining({ status: 'cancelled', clubName: 'Cellar Club', variantName: 'Red' })]);

    // A record delivered twice changes nothing twice.
    const before = await membershipsOf(ada.id);
    expect((await deliver('class-assignment', tenantId, records)).batchItemFailures).toEqual([]);
    expect(await membershipsOf(ada.id)).toEqual(before);
  });

  it('gives the new name to a membership whose join read the club just before a rename', async () => {
    const early = await club({ name: 'Early Name' });
    const dee = await person();
    const joined = await join(dee.id, early);
    expect(joined.clubName).toBe('Early Name');
    // The rename commits after the join read the club: the join stored the old name. Only the
    // join's own record is delivered (the rename's copy ran before the join was in the index).
    await dynamo.send(
      new UpdateCommand({
        TableName: tableName,
        Key: clubKeys.club(tenantId, early.id),
        UpdateExpression: 'SET #name = :name, #version = #version + :one',
        ExpressionAttributeNames: { '#name': 'name', '#version': 'version' },
        ExpressionAttributeValues: { ':name': 'Late Name', ':one': 1 },
      }),
    );
    const records = await tenantStream((all) => all.some((r) => r.dynamodb?.NewImage?.id?.S === joined.id));
    const joinRecord = records.filter((r) => r.eventName === 'INSERT' && r.dynamodb?.NewImage?.id?.S === joined.id);
    expect((await deliver('class-assignment', tenantId, joinRecord)).batchItemFailures).toEqual([]);
    expect(await membershipsOf(dee.id)).toEqual([expect.objectContaining({ clubName: 'Late Name' })]);
  });

  it('shows the names in the member portal', async () => {
    const reserve = await club({ name: 'Portal Club', variants: ['White'] });
    const eve = await person();
    await join(eve.id, reserve);
    const session = await call('POST', `/v1/customers/${eve.id}/portal-session`, { as: staffer });
    expect(session.status).toBe(201);
    const mine = await call('GET', '/portal/me/memberships', { as: null, headers: { authorization: `Bearer ${session.body.token}` } });
    expect(mine.status).toBe(200);
    expect(mine.body.items).toEqual([expect.objectContaining({ clubName: 'Portal Club', variantName: 'White' })]);
  });
});
