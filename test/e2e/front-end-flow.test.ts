import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { eventually, startLocalStackProcess, type LocalStackProcess } from '../support/local-stack';

/**
 * A front end's day against `npm start`: everything here goes through the real gateway, the
 * real stream poller and consumers, the local SES and the scheduler's job endpoint.
 */
describe('Front-end flow over npm start', () => {
  let stack: LocalStackProcess;
  let token: string;
  const tenantId = `e2e-${randomUUID().slice(0, 6)}`;

  beforeAll(async () => {
    stack = await startLocalStackProcess();
    token = await stack.token(tenantId, ['admin'], 'admin-1', 'Dana Admin');
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
  });

  async function api(method: string, path: string, body?: unknown) {
    const response = await fetch(`${stack.apiUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
  }

  it('creates a person who is then found, counted, welcomed by email, and audited', async () => {
    const email = `ada.${randomUUID().slice(0, 6)}@example.com`;
    const created = await api('POST', '/v1/customers', { billingAddress: { firstName: 'Ada', lastName: 'Lovelace', email }, phone: '707-555-0100' });
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe('"1"');
    const id = created.body.id as string;

    const found = await eventually(async () => {
      const result = await api('GET', '/v1/customers?q=lovel');
      return result.body.items.length === 1 ? result.body.items : undefined;
    });
    expect(found[0]).toMatchObject({ id, customerNumber: 1000 });
    await eventually(async () => (await api('GET', '/v1/customers/summary')).body.people === 1);

    const mail = await eventually(async () => {
      const store = (await (await fetch(`${stack.sesUrl}/store`)).json()) as { emails: { destination: { to: string[] }; subject: string }[] };
      return store.emails.find((m) => m.destination.to.includes(email));
    });
    expect(mail.subject).toMatch(/Welcome/);
    const log = await eventually(async () => {
      const logs = await api('GET', `/v1/customers/${id}/email-logs`);
      return logs.body.items.find((l: { status: string }) => l.status === 'sent');
    });
    expect(log).toMatchObject({ template: 'welcome', to: [email] });

    await api('PATCH', `/v1/customers/${id}`, { phone: '707-555-0199' });
    const change = await eventually(async () => {
      const changes = await api('GET', `/v1/customers/${id}/changes`);
      return changes.body.items.find((c: { action: string; fields: { field: string }[] }) => c.action === 'updated' && c.fields.some((f) => f.field === 'phone'));
    });
    expect(change).toMatchObject({ actor: { kind: 'staff', id: 'admin-1', name: 'Dana Admin' }, fields: [{ field: 'phone', old: '707-555-0100', new: '707-555-0199' }] });
  });

  it('joins a club, takes its class, pauses, and resumes on the date through the job endpoint', async () => {
    const club = await api('POST', '/v1/clubs', { name: 'Cellar Club', discountPercent: 15 });
    const person = await api('POST', '/v1/customers', { billingAddress: { firstName: 'Bo', lastName: 'Vine', email: `bo.${randomUUID().slice(0, 6)}@example.com` }, sendWelcomeEmail: false });
    const id = person.body.id as string;
    const joined = await api('POST', `/v1/customers/${id}/memberships`, { clubId: club.body.id, shippingPreference: 'ship' });
    expect(joined.status).toBe(201);
    await eventually(async () => (await api('GET', `/v1/customers/${id}`)).body.effectiveClassId === club.body.classId);
    const members = await eventually(async () => {
      const result = await api('GET', `/v1/customers?clubId=${club.body.id}`);
      return result.body.items.length === 1 ? result.body.items : undefined;
    });
    expect(members[0].id).toBe(id);

    const paused = await api('POST', `/v1/customers/${id}/memberships/${joined.body.id}/pause`, { until: '2099-05-01' });
    expect(paused.body.status).toBe('paused');
    const run = await fetch(`${stack.apiUrl}/local/jobs/pause-expiry`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ now: '2099-05-01T08:00:00Z' }),
    });
    expect(run.status).toBe(200);
    expect(await run.json()).toMatchObject({ today: '2099-05-01', done: 1, failed: 0 });
    const after = await api('GET', `/v1/customers/${id}/memberships`);
    expect(after.body.items[0]).toMatchObject({ status: 'active', pausedUntil: null });
  });
});
