import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { setClock } from '../../shared/clock';
import { call, newTenant } from '../support/invoke';
import { createPerson, newPersonBody } from '../support/factories/people';
import { bearer, portalTokenOf } from '../support/factories/commerce';

/**
 * Input that would make staff distrust what the console shows, sent as an attacker (or a slip of
 * the finger) would send it: a card that expired years ago, a birth date in the future, a manual
 * age check that vouches for nothing. Each is a 400 naming the field, and changes nothing.
 * The clock stands on 2030-06-15 12:00 UTC, so "the past" and "the future" are fixed.
 */
const tenantId = newTenant('trust');
const staffer = { tenantId, role: 'staff' as const, sub: 'staff-1', name: 'Sam Staff' };
const NOW = new Date('2030-06-15T12:00:00.000Z');
let restoreClock: () => void;
beforeEach(() => {
  restoreClock = setClock(() => new Date(NOW));
});
afterEach(() => restoreClock());

const card = { processor: 'test', token: 'tok_visa', brand: 'Visa', last4: '4242', expMonth: 12, expYear: 2031, cardholderName: 'Ada Lovelace' };
const cardsOf = async (customerId: string) => (await call('GET', `/v1/customers/${customerId}/cards`, { as: staffer })).body.items as Array<Record<string, unknown>>;

describe('A card expiry in the past', () => {
  it('is refused on POST, naming the year when the year has passed, the month when only the month has; nothing is stored', async () => {
    const person = await createPerson(staffer);
    const lastYear = await call('POST', `/v1/customers/${person.id}/cards`, { as: staffer, body: { ...card, expMonth: 3, expYear: 2023 } });
    expect(lastYear.status).toBe(400);
    expect(lastYear.headers['content-type']).toMatch(/problem\+json/);
    expect(lastYear.body.errors).toEqual([{ path: 'expYear', message: expect.stringMatching(/03\/2023 is in the past/) }]);

    const lastMonth = await call('POST', `/v1/customers/${person.id}/cards`, { as: staffer, body: { ...card, expMonth: 5, expYear: 2030 } });
    expect(lastMonth.status).toBe(400);
    expect(lastMonth.body.errors).toEqual([{ path: 'expMonth', message: expect.stringMatching(/05\/2030 is in the past/) }]);
    expect(await cardsOf(person.id)).toEqual([]);

    // The card is good to the end of its month: this month is still fine.
    const thisMonth = await call('POST', `/v1/customers/${person.id}/cards`, { as: staffer, body: { ...card, expMonth: 6, expYear: 2030 } });
    expect(thisMonth.status).toBe(201);
    expect(thisMonth.body).toMatchObject({ expMonth: 6, expYear: 2030, expired: false });
  });

  it('is refused on PATCH, with the stored month or year making the expiry; the card stays as it was', async () => {
    const person = await createPerson(staffer);
    const created = await call('POST', `/v1/customers/${person.id}/cards`, { as: staffer, body: { ...card, expMonth: 3, expYear: 2031 } });
    const path = `/v1/customers/${person.id}/cards/${created.body.id}`;
    // Only the year is sent: 03/2030 has passed.
    const year = await call('PATCH', path, { as: staffer, body: { expYear: 2030 } });
    expect(year.status).toBe(400);
    expect(year.body.errors).toEqual([{ path: 'expMonth', message: expect.stringMatching(/03\/2030 is in the past/) }]);
    const both = await call('PATCH', path, { as: staffer, body: { token: 'tok_renewed', expMonth: 3, expYear: 2023 }, headers: { 'if-match': '1' } });
    expect(both.status).toBe(400);
    expect(both.body.errors).toEqual([{ path: 'expYear', message: expect.any(String) }]);
    expect(await cardsOf(person.id)).toEqual([expect.objectContaining({ expMonth: 3, expYear: 2031, version: 1 })]);
  });

  it('does not stop a card that has since expired from being changed otherwise (made default, its holder renamed)', async () => {
    const person = await createPerson(staffer);
    await call('POST', `/v1/customers/${person.id}/cards`, { as: staffer, body: card });
    const created = await call('POST', `/v1/customers/${person.id}/cards`, { as: staffer, body: { ...card, last4: '4444', expMonth: 6, expYear: 2030 } });
    restoreClock();
    restoreClock = setClock(() => new Date('2030-07-01T00:00:00.000Z'));
    const renamed = await call('PATCH', `/v1/customers/${person.id}/cards/${created.body.id}`, { as: staffer, body: { cardholderName: 'A. Lovelace', isDefault: true } });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ expired: true, isDefault: true, cardholderName: 'A. Lovelace' });
  });
});

describe('A birth date in the future', () => {
  const errorsAt = (body: { errors?: Array<{ path: string }> }) => body.errors?.map((e) => e.path);

  it('is refused on create, naming birthDate; nobody is created (the email stays free)', async () => {
    const body = newPersonBody({ birthDate: '2031-01-01' });
    const refused = await call('POST', '/v1/customers', { as: staffer, body });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([{ path: 'birthDate', message: 'must not be in the future' }]);
    const retried = await call('POST', '/v1/customers', { as: staffer, body: { ...body, birthDate: '1931-01-01' } });
    expect(retried.status).toBe(201);
  });

  it('takes today, and tomorrow while it is already tomorrow somewhere on Earth (UTC+14)', async () => {
    expect((await call('POST', '/v1/customers', { as: staffer, body: newPersonBody({ birthDate: '2030-06-15' }) })).status).toBe(201);
    expect((await call('POST', '/v1/customers', { as: staffer, body: newPersonBody({ birthDate: '2030-06-16' }) })).status).toBe(201);
    const dayAfter = await call('POST', '/v1/customers', { as: staffer, body: newPersonBody({ birthDate: '2030-06-17' }) });
    expect(errorsAt(dayAfter.body)).toEqual(['birthDate']);
  });

  it('is refused on PATCH, and the birth date (and its age check) stays as it was', async () => {
    const person = await createPerson(staffer, { birthDate: '1980-05-01' });
    await call('POST', `/v1/customers/${person.id}/age-verification`, { as: staffer, body: { method: 'manual', note: 'CA driver licence' } });
    const refused = await call('PATCH', `/v1/customers/${person.id}`, { as: staffer, body: { birthDate: '2031-01-01', partner: 'Charles' } });
    expect(refused.status).toBe(400);
    expect(errorsAt(refused.body)).toEqual(['birthDate']);
    const after = (await call('GET', `/v1/customers/${person.id}`, { as: staffer })).body;
    expect(after).toMatchObject({ birthDate: '1980-05-01', partner: null, ageVerification: { status: 'verified' } });
  });

  it('makes its import row invalid, at the row’s field, and the other rows go on', async () => {
    const good = newPersonBody({ birthDate: '1990-02-03' }).billingAddress;
    const bad = newPersonBody().billingAddress;
    const imported = await call('POST', '/v1/customers/import', {
      as: staffer,
      body: { rows: [{ billingAddress: bad, birthDate: '2031-01-01' }, { billingAddress: good, birthDate: '1990-02-03' }] },
    });
    expect(imported.status).toBe(200);
    expect(imported.body.results).toEqual([
      { row: 0, status: 'invalid', errors: [{ path: 'birthDate', message: 'must not be in the future' }] },
      expect.objectContaining({ row: 1, status: 'created' }),
    ]);
    // The bad row's email names nobody: a create with it goes through.
    expect((await call('POST', '/v1/customers', { as: staffer, body: { billingAddress: bad, sendWelcomeEmail: false } })).status).toBe(201);
  });

  it('cannot be set from the portal at all: a member may change only their phone and permissions', async () => {
    const person = await createPerson(staffer, { birthDate: '1980-05-01' });
    const token = await portalTokenOf(staffer, person.id);
    const refused = await call('PATCH', '/portal/me', { ...bearer(token), body: { birthDate: '2031-01-01' } });
    expect(refused.status).toBe(400);
    expect(errorsAt(refused.body)).toEqual(['birthDate']);
    expect((await call('GET', `/v1/customers/${person.id}`, { as: staffer })).body.birthDate).toBe('1980-05-01');
  });
});

describe('A manual age check', () => {
  it('needs a note of what staff checked: without one (or with blanks) it is a 400 naming note, and the person stays unverified', async () => {
    const person = await createPerson(staffer, { birthDate: '1980-05-01' });
    const path = `/v1/customers/${person.id}/age-verification`;
    for (const body of [{ method: 'manual' }, { method: 'manual', note: '   ' }]) {
      const refused = await call('POST', path, { as: staffer, body });
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual([{ path: 'note', message: expect.stringMatching(/what you checked/i) }]);
    }
    const after = (await call('GET', `/v1/customers/${person.id}`, { as: staffer })).body;
    expect(after).toMatchObject({ needsAgeVerification: true, ageVerification: { status: 'unverified', note: null } });

    const verified = await call('POST', path, { as: staffer, body: { method: 'manual', note: 'CA driver licence, exp. 2032' } });
    expect(verified.status).toBe(200);
    expect(verified.body.ageVerification).toMatchObject({ status: 'verified', note: 'CA driver licence, exp. 2032' });
  });
});
