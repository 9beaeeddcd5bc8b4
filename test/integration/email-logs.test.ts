import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { handler as notifications } from '../../functions/streams/notifications';
import { dynamo, tableName } from '../../shared/db/client';
import {
  applyDeliveryOutcome,
  getEmailLog,
  markEmailFailed,
  markEmailSent,
  releaseEmailLog,
  startEmailLog,
} from '../../shared/email/email-log-repository';
import { customerPk } from '../../shared/db/keys';
import { call, newTenant } from '../support/invoke';
import { consumerRecords } from '../support/streams';
import { newPersonBody } from '../support/factories/people';

const notificationRecords = (tenantId: string, expected: number) => consumerRecords('notifications', tenantId, expected);

describe('GET /v1/customers/{id}/email-logs', () => {
  const tenantId = newTenant('email-logs');
  const admin = { tenantId, role: 'admin' as const };
  const viewer = { tenantId, role: 'viewer' as const };
  const ses = mockClient(SESv2Client);
  let customerId: string;

  beforeAll(async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-message' });
    const created = await call('POST', '/v1/customers', { as: admin, body: newPersonBody() });
    customerId = created.body.id;

    // A membership joined, paused, then resumed, as the memberships capability writes it.
    const key = { pk: customerPk(tenantId, customerId), sk: 'P#M#M1' };
    const at = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();
    const actor = { kind: 'staff', id: 'staff-1', name: 'Sam Staff' };
    await dynamo.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          ...key, type: 'membership', tenantId, customerId, id: 'M1', clubId: 'club-1', clubName: 'Reserve Club',
          status: 'active', pausedUntil: null, version: 1, createdAt: at(0), updatedAt: at(0), updatedBy: actor,
        },
      }),
    );
    for (const [status, pausedUntil, seconds] of [['paused', '2030-09-01', 1], ['active', null, 2]] as const) {
      await dynamo.send(
        new UpdateCommand({
          TableName: tableName,
          Key: key,
          UpdateExpression: 'SET #status = :status, pausedUntil = :until, updatedAt = :at ADD version :one',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':status': status, ':until': pausedUntil, ':at': at(seconds), ':one': 1 },
        }),
      );
    }
    const result = await notifications({ Records: await notificationRecords(tenantId, 3) } as DynamoDBStreamEvent);
    expect(result.batchItemFailures).toEqual([]);
  });

  afterAll(() => ses.restore());

  it('lists the person’s emails newest first, a page at a time', async () => {
    const first = await call('GET', `/v1/customers/${customerId}/email-logs?limit=2`, { as: viewer });
    expect(first.status).toBe(200);
    expect(first.body.items.map((log: { subject: string }) => log.subject)).toEqual([
      'Your Reserve Club membership is active again',
      'Your Reserve Club membership is paused',
    ]);
    expect(first.body.items[0]).toMatchObject({ template: 'club-resumed', status: 'sent', messageId: 'ses-message', error: null });
    expect(first.body.nextCursor).toEqual(expect.any(String));

    const second = await call('GET', `/v1/customers/${customerId}/email-logs?limit=2&cursor=${first.body.nextCursor}`, { as: viewer });
    expect(second.status).toBe(200);
    expect(second.body.items.map((log: { template: string }) => log.template)).toEqual(['club-joined']);
    expect(second.body.nextCursor).toBeNull();
  });

  it('answers 404 for another tenant’s person and 400 for a cursor from another list', async () => {
    const other = { tenantId: newTenant('other'), role: 'admin' as const };
    expect((await call('GET', `/v1/customers/${customerId}/email-logs`, { as: other })).status).toBe(404);

    const someoneElse = await call('POST', '/v1/customers', { as: admin, body: newPersonBody() });
    const first = await call('GET', `/v1/customers/${customerId}/email-logs?limit=1`, { as: viewer });
    const moved = await call('GET', `/v1/customers/${someoneElse.body.id}/email-logs?cursor=${first.body.nextCursor}`, { as: viewer });
    expect(moved.status).toBe(400);
    expect(moved.headers['content-type']).toBe('application/problem+json');
  });

  it('answers an empty list for a person without emails', async () => {
    const quiet = await call('POST', '/v1/customers', { as: admin, body: newPersonBody() });
    const logs = await call('GET', `/v1/customers/${quiet.body.id}/email-logs`, { as: viewer });
    expect(logs.body).toEqual({ items: [], nextCursor: null });
  });

  it('refuses a limit out of range', async () => {
    const result = await call('GET', `/v1/customers/${customerId}/email-logs?limit=101`, { as: viewer });
    expect(result.status).toBe(400);
    expect(result.body.errors.map((e: { path: string }) => e.path)).toEqual(['limit']);
  });
});

describe('Module: email-log-repository, status rules', () => {
  const tenantId = newTenant('email-status');
  let n = 0;

  async function sendingLog() {
    const log = { tenantId, customerId: 'C1', id: `LOG${(n += 1)}`, template: 'welcome', subject: 'Welcome', to: ['ada@example.com'] };
    expect(await startEmailLog(log)).toBe(true);
    return log.id;
  }

  it('lets exactly one of several concurrent starts send, and one again after a release', async () => {
    const log = { tenantId, customerId: 'C1', id: 'CLAIMED', template: 'welcome', subject: 'Welcome', to: ['ada@example.com'] };
    const started = await Promise.all(Array.from({ length: 5 }, () => startEmailLog(log)));
    expect(started.filter(Boolean)).toHaveLength(1);
    expect(await releaseEmailLog(tenantId, 'C1', log.id, 'Throttling')).toBe(true);
    const again = await Promise.all(Array.from({ length: 5 }, () => startEmailLog(log)));
    expect(again.filter(Boolean)).toHaveLength(1);
  });

  const stored = async (id: string) =>
    (await dynamo.send(new GetCommand({ TableName: tableName, Key: { pk: customerPk(tenantId, 'C1'), sk: `H#EMAIL#${id}` }, ConsistentRead: true }))).Item;

  it('puts a log on the timeline once SES answered, not while it is being sent', async () => {
    const id = await sendingLog();
    expect(await stored(id)).not.toHaveProperty('gsi3pk');
    await markEmailSent(tenantId, 'C1', id, 'm-t', { subject: 'Welcome' });
    expect(await stored(id)).toMatchObject({ gsi3pk: expect.any(String), timeline: expect.objectContaining({ type: 'email', summary: 'Welcome' }) });
  });

  it('takes an event that arrives before `sent` was written, and keeps it', async () => {
    const id = await sendingLog();
    expect(await applyDeliveryOutcome(tenantId, 'C1', id, { status: 'delivered', messageId: 'm-early' })).toBe(true);
    expect(await markEmailSent(tenantId, 'C1', id, 'm-early', { subject: 'Welcome' })).toBe(false);
    expect(await getEmailLog(tenantId, 'C1', id)).toMatchObject({ status: 'delivered', messageId: 'm-early' });
    expect(await stored(id)).toMatchObject({ gsi3pk: expect.any(String) });
  });

  it('only moves towards the worse outcome: delivered → bounced → complained, never back', async () => {
    const id = await sendingLog();
    await markEmailSent(tenantId, 'C1', id, 'm-1', { subject: 'Welcome' });
    const apply = (status: 'delivered' | 'bounced' | 'complained') => applyDeliveryOutcome(tenantId, 'C1', id, { status, messageId: 'm-1', detail: status });
    expect(await apply('delivered')).toBe(true);
    expect(await apply('delivered')).toBe(false); // a duplicate event changes nothing
    expect(await apply('bounced')).toBe(true);
    expect(await apply('delivered')).toBe(false);
    expect(await apply('complained')).toBe(true);
    expect(await apply('bounced')).toBe(false);
    expect(await getEmailLog(tenantId, 'C1', id)).toMatchObject({ status: 'complained', error: 'complained' });
  });

  it('ignores events for another message id, and events once an email failed', async () => {
    const sent = await sendingLog();
    await markEmailSent(tenantId, 'C1', sent, 'm-right', { subject: 'Welcome' });
    expect(await applyDeliveryOutcome(tenantId, 'C1', sent, { status: 'bounced', messageId: 'm-wrong' })).toBe(false);
    expect(await getEmailLog(tenantId, 'C1', sent)).toMatchObject({ status: 'sent', messageId: 'm-right' });

    const failed = await sendingLog();
    await markEmailFailed(tenantId, 'C1', failed, 'MessageRejected', { subject: 'Welcome' });
    expect(await applyDeliveryOutcome(tenantId, 'C1', failed, { status: 'delivered', messageId: 'm-x' })).toBe(false);
    expect(await getEmailLog(tenantId, 'C1', failed)).toMatchObject({ status: 'failed', error: 'MessageRejected', messageId: null });
  });

  it('never creates a log from an event', async () => {
    expect(await applyDeliveryOutcome(tenantId, 'C1', 'NO-SUCH-LOG', { status: 'delivered', messageId: 'm' })).toBe(false);
    expect(await getEmailLog(tenantId, 'C1', 'NO-SUCH-LOG')).toBeUndefined();
  });
});
