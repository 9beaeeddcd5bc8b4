import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { eventually } from '../../support/eventually';
import { screenshot, seriousViolations, signIn, startConsole, type ConsoleStack } from './console';

/**
 * The profile tabs built on the scaffold (CRM, Clubs, Orders, Credits, Cellar, Changes, Emails),
 * used as staff use them in Chromium against `npm start`. Each tab is checked with axe and saved
 * to web/screenshots/; a viewer sees none of their write controls.
 */
describe('Profile tabs', () => {
  let env: ConsoleStack;
  const tenantId = `web-${randomUUID().slice(0, 6)}`;
  const pages: Page[] = [];
  let person: { id: string; version: number };
  let membershipId: string;

  const open = async (role: 'Admin' | 'Staff' | 'Viewer', tab: string) => {
    const page = await signIn(env, { tenantId, name: `${role} Person`, role });
    pages.push(page);
    await page.goto(`${env.webUrl}/people/${person.id}?tab=${tab}`);
    await page.getByRole('heading', { name: 'Grace Hopper', level: 1 }).waitFor();
    return page;
  };
  const at = async (page: Page, tab: string) => {
    await page.getByRole('tab', { name: tab, exact: true }).click();
    await page.getByRole('tab', { name: tab, exact: true, selected: true }).waitFor();
  };

  beforeAll(async () => {
    env = await startConsole();
    const settings = await env.api(tenantId, 'GET', '/v1/settings');
    expect((await env.api(tenantId, 'PUT', '/v1/settings', { ...settings.body, features: { cellar: true } })).status).toBe(200);
    const created = await env.api(tenantId, 'POST', '/v1/customers', {
      billingAddress: { firstName: 'Grace', lastName: 'Hopper', email: `grace.${randomUUID().slice(0, 4)}@example.com`, line1: '1 Vineyard Rd', city: 'Napa', region: 'CA', postalCode: '94558', country: 'US' },
      shippingAddress: { firstName: 'Grace', lastName: 'Hopper', line1: '1 Vineyard Rd', city: 'Napa', region: 'CA', postalCode: '94558', country: 'US' },
      phone: '707-555-0101',
      birthDate: '1980-04-02',
      sendWelcomeEmail: false,
    });
    expect(created.status).toBe(201);
    person = created.body;
    // Orders are for verified adults.
    expect((await env.api(tenantId, 'POST', `/v1/customers/${person.id}/age-verification`, { method: 'manual', note: 'ID checked' })).status).toBe(200);
    const club = await env.api(tenantId, 'POST', '/v1/clubs', { name: 'Reserve Club', discountPercent: 15, variants: [{ name: 'Reds only' }, { name: 'Mixed' }] });
    expect(club.status).toBe(201);
    await env.api(tenantId, 'POST', '/v1/clubs', { name: 'Sparkling Society', discountPercent: 10 });
    const joined = await env.api(tenantId, 'POST', `/v1/customers/${person.id}/memberships`, { clubId: club.body.id, variantId: club.body.variants[0].id, shippingPreference: 'ship' });
    expect(joined.status).toBe(201);
    membershipId = joined.body.id;
    const order = await env.api(tenantId, 'POST', '/v1/orders', {
      customerId: person.id,
      lines: [{ sku: 'CAB-21', name: 'Cabernet Sauvignon 2021', quantity: 2, unitPriceCents: 4500 }],
      fulfillment: 'pickup',
    });
    expect(order.status).toBe(201);
    // A change that the Changes tab shows (written from the stream, a moment later). No If-Match:
    // the class-assignment consumer may still be writing the membership's club onto the profile.
    expect((await env.api(tenantId, 'PATCH', `/v1/customers/${person.id}`, { phone: '707-555-0199' })).status).toBe(200);
  }, 180_000);
  afterAll(async () => {
    for (const page of pages) await page.context().close();
    await env?.close();
  });

  it('adds a note with the "+" and shows it on the timeline', async () => {
    const page = await open('Staff', 'crm');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.getByLabel('Note', { exact: true }).fill('Prefers Cabernet; call before shipping.');
    await page.getByRole('button', { name: 'Save note' }).click();
    await page.getByRole('article', { name: 'Note by Staff Person' }).getByText('Prefers Cabernet; call before shipping.').waitFor();
    await page.getByRole('list', { name: 'Timeline entries' }).getByText(/Prefers Cabernet/).waitFor({ timeout: 20_000 });
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'tab-crm');

    // Its author may delete it, after saying so.
    await page.getByRole('button', { name: 'Delete note' }).click();
    await page.getByRole('dialog', { name: 'Delete note' }).getByRole('button', { name: 'Delete' }).click();
    await page.getByText('No notes yet.').waitFor();
  }, 90_000);

  it('pauses a membership until a date, then resumes it', async () => {
    const page = await open('Staff', 'clubs');
    const membership = page.getByRole('article', { name: 'Reserve Club membership' });
    await membership.getByText('Variant: Reds only').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'tab-clubs');

    const until = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await membership.getByRole('button', { name: 'Pause', exact: true }).click();
    const pauseDialog = page.getByRole('dialog', { name: 'Pause Reserve Club' });
    await pauseDialog.getByLabel('Until').fill(until);
    await pauseDialog.getByRole('button', { name: 'Pause now' }).click();
    await pauseDialog.waitFor({ state: 'detached' });
    // A date as a date: "Paused from Dec 6, 2026 until Jan 5, 2027".
    await membership.getByText(`until ${new Date(`${until}T12:00:00Z`).toLocaleDateString('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' })}`).waitFor();
    await membership.getByText('paused', { exact: true }).waitFor();
    expect((await env.api(tenantId, 'GET', `/v1/customers/${person.id}`)).body.memberships.find((m: { id: string }) => m.id === membershipId)).toMatchObject({ status: 'paused', pausedUntil: until });

    await membership.getByRole('button', { name: 'Resume' }).click();
    await membership.getByText('active', { exact: true }).waitFor();
    await membership.getByText(/Paused from/).waitFor({ state: 'detached' });

    // The cancel (power button) offers a pause, then asks for a reason, before anything happens.
    await membership.getByRole('button', { name: 'Cancel membership' }).click();
    const dialog = page.getByRole('dialog', { name: 'Before cancelling Reserve Club: would a pause help?' });
    await dialog.getByRole('button', { name: 'No, cancel the membership' }).click();
    const cancelDialog = page.getByRole('dialog', { name: 'Cancel the Reserve Club membership?' });
    await cancelDialog.waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await cancelDialog.getByRole('button', { name: 'Keep membership' }).click();
    await cancelDialog.waitFor({ state: 'detached' });
  }, 90_000);

  it('adds a reservation certificate with the green "+" and redeems it', async () => {
    const page = await open('Staff', 'clubs');
    await page.getByRole('button', { name: 'Add certificate' }).click();
    const dialog = page.getByRole('dialog', { name: 'New certificate' });
    await dialog.getByLabel('Title').fill('Tasting for two');
    await dialog.getByRole('button', { name: 'Add certificate', exact: true }).click();
    await page.getByRole('cell', { name: 'Tasting for two', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Redeem Tasting for two' }).click();
    await page.getByText('Redeemed', { exact: true }).waitFor();
  }, 60_000);

  it('shows an order with its totals and downloads its receipt as a PDF', async () => {
    const page = await open('Staff', 'orders');
    await page.getByRole('button', { name: 'Order #1000' }).click();
    const dialog = page.getByRole('dialog', { name: 'Order #1000' });
    await dialog.getByRole('cell', { name: 'Cabernet Sauvignon 2021' }).waitFor();
    await dialog.getByRole('table', { name: 'Order totals' }).getByText('$90.00').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'tab-orders');

    const [response, download] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/receipt')),
      page.waitForEvent('download'),
      dialog.getByRole('button', { name: 'Receipt (PDF)' }).click(),
    ]);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toContain('application/pdf');
    expect(download.suggestedFilename()).toBe('receipt-1000.pdf');
    // The file the browser saved is the PDF itself.
    expect(readFileSync((await download.path())!).subarray(0, 4).toString('latin1')).toBe('%PDF');
  }, 60_000);

  it('adds credit and shows the balance; using more than the balance is refused with the reason', async () => {
    const page = await open('Staff', 'credits');
    await page.getByRole('heading', { name: 'Balance: $0.00' }).waitFor();
    await page.getByLabel('Amount').fill('25.00');
    await page.getByLabel('Reason').fill('Welcome gift');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { name: 'Balance: $25.00' }).waitFor();
    await page.getByRole('cell', { name: 'Welcome gift' }).waitFor();
    // The form is cleared for the next entry with this message (the balance may show before it).
    await page.getByText('Credit added.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'tab-credits');

    await page.getByText('Use credit', { exact: true }).click();
    await page.getByLabel('Amount').fill('100');
    await page.getByLabel('Reason').fill('Too much');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('alert').filter({ hasText: /balance/i }).waitFor();
    await page.getByRole('heading', { name: 'Balance: $25.00' }).waitFor();
  }, 60_000);

  it('manages the cellar: add, change the quantity, remove', async () => {
    const page = await open('Staff', 'cellar');
    const form = page.getByRole('form', { name: 'Add to cellar' });
    await form.getByLabel('SKU').fill('PN-19');
    await form.getByLabel('Wine').fill('Pinot Noir 2019');
    await form.getByLabel('Quantity').fill('6');
    await form.getByLabel('Location').fill('Rack B');
    await form.getByRole('button', { name: 'Add to cellar' }).click();
    await page.getByRole('cell', { name: 'Pinot Noir 2019', exact: true }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'tab-cellar');

    await page.getByRole('button', { name: 'Edit Pinot Noir 2019' }).click();
    const edit = page.getByRole('form', { name: 'Edit Pinot Noir 2019' });
    await edit.getByLabel('Quantity').fill('4');
    await edit.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('cell', { name: '4', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Remove Pinot Noir 2019' }).click();
    await page.getByRole('dialog', { name: 'Remove Pinot Noir 2019' }).getByRole('button', { name: 'Remove' }).click();
    await page.getByText('Nothing in the cellar.').waitFor();
  }, 60_000);

  it('shows who changed a field, with old → new', async () => {
    const page = await open('Staff', 'changes');
    const change = page.getByText('707-555-0101 → 707-555-0199');
    // Written from the stream: refresh until it is there.
    await eventually(async () => {
      if (await change.isVisible()) return true;
      await page.getByRole('button', { name: 'Refresh' }).click();
      return false;
    }, { timeoutMs: 20_000, intervalMs: 1000 });
    await page.getByRole('row').filter({ hasText: '707-555-0199' }).getByText('API Admin').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'tab-changes');
  }, 60_000);

  it('shows the email log with delivery status badges', async () => {
    const page = await open('Staff', 'emails');
    const status = page.getByRole('row').filter({ hasText: /queued|sending|sent|delivered/ }).first();
    await eventually(async () => {
      if (await status.isVisible()) return true;
      await page.getByRole('button', { name: 'Refresh' }).click();
      return false;
    }, { timeoutMs: 20_000, intervalMs: 1000 });
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'tab-emails');
  }, 60_000);

  it('shows a viewer no write controls on these tabs', async () => {
    const page = await open('Viewer', 'crm');
    await page.getByRole('heading', { name: 'Notes' }).waitFor();
    const absent = async (name: string) => expect(await page.getByRole('button', { name }).count()).toBe(0);
    await absent('Add note');
    await at(page, 'Clubs');
    await page.getByRole('article', { name: 'Reserve Club membership' }).waitFor();
    for (const name of ['Add Club', 'Add certificate', 'Cancel membership', 'Pause', 'Resume', 'Switch']) await absent(name);
    await at(page, 'Orders');
    await page.getByRole('button', { name: 'Order #1000' }).click();
    await page.getByRole('button', { name: 'Receipt (PDF)' }).waitFor();
    await absent('Cancel order');
    await page.keyboard.press('Escape');
    await at(page, 'Credits');
    await page.getByRole('heading', { name: /Balance/ }).waitFor();
    expect(await page.getByRole('form', { name: 'Add or use credit' }).count()).toBe(0);
    await at(page, 'Cellar');
    await page.getByRole('heading', { name: 'Cellar' }).waitFor();
    expect(await page.getByRole('form', { name: 'Add to cellar' }).count()).toBe(0);
  }, 90_000);
});
