import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { eventually } from '../../support/eventually';
import { screenshot, seriousViolations, signIn, startConsole, type ConsoleStack } from './console';

/**
 * Settings → Webhooks in Chromium against `npm start`: an admin adds an endpoint (a receiver on
 * 127.0.0.1 in this test), copies its secret from the one dialog that shows it, sends a test that
 * the receiver verifies with that secret, reads the delivery log, and sends a failed delivery again.
 */
describe('Settings → Webhooks', () => {
  let env: ConsoleStack;
  let receiver: Server;
  let receiverUrl: string;
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];
  const answers: number[] = [];
  const tenantId = `web-${randomUUID().slice(0, 6)}`;
  let page: Page | undefined;

  beforeAll(async () => {
    receiver = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        received.push({ headers: request.headers, body });
        const status = answers.shift() ?? 200;
        response.writeHead(status).end(status >= 300 ? 'receiver internals: do not show' : 'ok');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/winery-hooks`;
    env = await startConsole();
  }, 180_000);
  afterAll(async () => {
    await page?.context().close();
    await env?.close();
    receiver?.closeAllConnections();
    await new Promise<void>((resolve) => receiver?.close(() => resolve()));
  });

  it('adds an endpoint, shows its secret once, sends a signed test, and sends a failed delivery again', async () => {
    page = await signIn(env, { tenantId, name: 'Dana Admin', role: 'Admin' });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('link', { name: 'Webhooks' }).click();
    await page.getByRole('heading', { name: 'Webhooks', level: 1 }).waitFor();

    // Add an endpoint for two events.
    await page.getByLabel('Endpoint URL').fill(receiverUrl);
    await page.getByLabel('Description').fill('Accounting');
    await page.getByLabel('All events (also those added later)').uncheck();
    await page.getByRole('checkbox', { name: 'Person created' }).check();
    await page.getByRole('checkbox', { name: 'Order placed' }).check();
    await page.getByRole('button', { name: 'Add endpoint' }).click();

    // The secret, once.
    const dialog = page.getByRole('dialog', { name: 'Signing secret' });
    const secret = await dialog.getByLabel('Secret').inputValue();
    expect(secret).toMatch(/^whsec_/);
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'I have stored it' }).click();
    const endpoint = page.getByRole('region', { name: /^Endpoint 127\.0\.0\.1/ });
    await endpoint.getByText('Events: Person created, Order placed').waitFor();
    expect(await page.content()).not.toContain(secret);

    // A test the receiver verifies with the secret it was given.
    await endpoint.getByRole('button', { name: 'Send test' }).click();
    await eventually(() => received.length === 1, { timeoutMs: 20_000 });
    const ping = received[0]!;
    const verified = new StandardWebhook(secret).verify(ping.body, {
      'webhook-id': String(ping.headers['webhook-id']),
      'webhook-timestamp': String(ping.headers['webhook-timestamp']),
      'webhook-signature': String(ping.headers['webhook-signature']),
    });
    expect(verified).toMatchObject({ type: 'ping' });

    // The log shows it delivered.
    await endpoint.getByRole('button', { name: 'Deliveries' }).click();
    const log = endpoint.getByRole('table', { name: /^Deliveries to/ });
    await log.getByRole('row', { name: /Test \(ping\) Delivered 1 Answered 200/ }).waitFor({ timeout: 20_000 });
    expect(await seriousViolations(page)).toEqual([]);

    // A person created while the receiver fails: the log says so in our words, and it can be sent again.
    answers.push(500);
    const person = await env.api(tenantId, 'POST', '/v1/customers', {
      billingAddress: { firstName: 'Hook', lastName: 'Tester', email: `hook.${randomUUID().slice(0, 6)}@example.com` },
      sendWelcomeEmail: false,
    });
    expect(person.status).toBe(201);
    const failedRow = log.getByRole('row', { name: /Person created Waiting 1 The endpoint answered 500\./ });
    await failedRow.waitFor({ timeout: 30_000 });
    expect(await page.content()).not.toContain('receiver internals');
    await screenshot(page, 'settings-webhooks');

    // The retry is 30 s away: the local job sends what is due by a given time (SQS's delays, locally).
    const due = await fetch(`${env.stack.apiUrl}/local/jobs/webhook-retries`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ now: new Date(Date.now() + 31_000).toISOString() }),
    });
    expect(due.status).toBe(200);
    expect(((await due.json()) as { sent: number }).sent).toBeGreaterThanOrEqual(1);
    const retriedRow = log.getByRole('row', { name: /Person created Delivered 2 Answered 200/ });
    await retriedRow.waitFor({ timeout: 30_000 });

    // And by hand, from the log: the same event again.
    await retriedRow.getByRole('button', { name: 'Send again: Person created' }).click();
    await log.getByRole('row', { name: /Person created Delivered 3 Answered 200/ }).waitFor({ timeout: 30_000 });
    const personEvents = received.filter((request) => JSON.parse(request.body).type === 'customer.created');
    expect(personEvents).toHaveLength(3);
    expect(new Set(personEvents.map((request) => request.headers['webhook-id'])).size).toBe(1);
    expect(JSON.parse(personEvents[2]!.body).data.id).toBe(person.body.id);
  }, 150_000);
});
