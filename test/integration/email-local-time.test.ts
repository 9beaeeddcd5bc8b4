import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { freePort } from '../../infra/local/dynamodb-local';
import { startLocalSes, type LocalSes } from '../../infra/local/ses';
import { handler as notifications } from '../../functions/streams/notifications';
import { call, newTenant } from '../support/invoke';
import { consumerRecords } from '../support/streams';
import { newPersonBody } from '../support/factories/people';

/**
 * Emails show times in the winery's time zone, and moving a pause date tells the member: the
 * API writes, DynamoDB Local's stream carries the records, the notifications consumer sends
 * through the local SES (aws-ses-v2-local), whose store is what the person would receive.
 */
interface StoredMail {
  subject: string;
  destination: { to: string[] };
  body: { text?: string; html?: string };
}

let ses: LocalSes;

beforeAll(async () => {
  ses = await startLocalSes({ port: await freePort() });
  process.env.SES_ENDPOINT = ses.url;
});

afterAll(async () => {
  await ses?.stop();
});

async function mailTo(address: string): Promise<StoredMail[]> {
  const store = (await (await fetch(`${ses.url}/store`)).json()) as { emails: StoredMail[] };
  return store.emails.filter((mail) => mail.destination.to.includes(address));
}

const deliver = (records: DynamoDBRecord[]) => notifications({ Records: records } as DynamoDBStreamEvent);

async function newWinery(label: string, timeZone?: string) {
  const tenantId = newTenant(label);
  const admin = { tenantId, role: 'admin' as const };
  const defaults = (await call('GET', '/v1/settings', { as: admin })).body;
  const saved = await call('PUT', '/v1/settings', {
    as: admin,
    body: { ...defaults, wineryName: 'Vine & Oak', ...(timeZone ? { timeZone } : {}), ageVerification: { ...defaults.ageVerification, requiredForOrders: false } },
  });
  expect(saved.status).toBe(200);
  const person = await call('POST', '/v1/customers', { as: admin, body: newPersonBody() });
  expect(person.status).toBe(201);
  return { tenantId, admin, person: person.body as { id: string; email: string } };
}

describe('Emails: times in the winery\'s time zone', () => {
  it('shows a reservation\'s start in the winery\'s zone with its abbreviation', async () => {
    // Prepare: a winery in New York; a tasting at 22:00 UTC on a winter day (17:00 there).
    const { tenantId, admin, person } = await newWinery('tz-ny', 'America/New_York');
    const booked = await call('POST', '/v1/reservations', {
      as: admin,
      body: { customerId: person.id, experience: 'Cellar tour', startsAt: '2030-12-07T22:00:00.000Z', partySize: 2 },
    });
    expect(booked.status).toBe(201);

    // Act
    expect((await deliver(await consumerRecords('notifications', tenantId, 1))).batchItemFailures).toEqual([]);

    // Assess
    const [mail] = await mailTo(person.email);
    expect(mail?.body.text).toContain('Cellar tour on Sat, Dec 7, 2030, 5:00 PM EST for 2 guests');
    expect(mail?.body.html).toContain('Sat, Dec 7, 2030, 5:00 PM EST');
    expect(mail?.body.text).not.toContain('UTC');
  });

  it('uses Pacific time for a winery that has not chosen a zone', async () => {
    const { tenantId, admin, person } = await newWinery('tz-default');
    await call('POST', '/v1/reservations', {
      as: admin,
      body: { customerId: person.id, experience: 'Sunset tasting', startsAt: '2030-12-08T02:30:00.000Z', partySize: 1 },
    });
    await deliver(await consumerRecords('notifications', tenantId, 1));
    const [mail] = await mailTo(person.email);
    // 02:30 UTC on the 8th is still the evening of the 7th in California.
    expect(mail?.body.text).toContain('Sunset tasting on Sat, Dec 7, 2030, 6:30 PM PST for 1 guest');
  });
});

describe('Emails: a pause date moved', () => {
  it('tells the member when the pause now ends, once per change, even when the records come twice', async () => {
    // Prepare: a member pauses, then staff move the end of the pause twice.
    const { tenantId, admin, person } = await newWinery('pause-moved');
    const club = await call('POST', '/v1/clubs', { as: admin, body: { name: 'Barrel Club', discountPercent: 10 } });
    const joined = await call('POST', `/v1/customers/${person.id}/memberships`, { as: admin, body: { clubId: club.body.id, shippingPreference: 'ship' } });
    const membership = `/v1/customers/${person.id}/memberships/${joined.body.id}`;
    expect((await call('POST', `${membership}/pause`, { as: admin, body: { until: '2099-02-01' } })).status).toBe(200);
    expect((await call('POST', `${membership}/pause`, { as: admin, body: { until: '2099-03-15' } })).status).toBe(200);
    expect((await call('POST', `${membership}/pause`, { as: admin, body: { until: '2099-04-01' } })).status).toBe(200);
    const records = await consumerRecords('notifications', tenantId, 4);

    // Act: the batch is delivered twice.
    expect((await deliver(records)).batchItemFailures).toEqual([]);
    expect((await deliver(records)).batchItemFailures).toEqual([]);

    // Assess: joined, paused, then one "now ends on" per move.
    const subjects = (await mailTo(person.email)).map((mail) => mail.subject);
    expect(subjects.filter((subject) => /pause now ends/.test(subject)).sort()).toEqual([
      'Your Barrel Club membership pause now ends on Sun, Mar 15, 2099',
      'Your Barrel Club membership pause now ends on Wed, Apr 1, 2099',
    ]);
    expect(subjects).toHaveLength(4);
    const moved = (await mailTo(person.email)).find((mail) => mail.subject.endsWith('Mar 15, 2099'))!;
    expect(moved.body.text).toContain('stays paused: the pause now ends on Sun, Mar 15, 2099 (it was Sun, Feb 1, 2099)');

    // Staff see each in the email log.
    const logs = await call('GET', `/v1/customers/${person.id}/email-logs`, { as: admin });
    expect(logs.body.items.filter((log: { template: string }) => log.template === 'club-pause-moved')).toHaveLength(2);
  });
});
