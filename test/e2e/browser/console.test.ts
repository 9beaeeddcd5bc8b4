import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { eventually } from '../../support/eventually';
import { screenshot, seriousViolations, signIn, startConsole, type ConsoleStack } from './console';

/**
 * The staff console as staff use it, in Chromium against `npm start`: sign in, the people
 * dashboard, add a person, the profile, roles, a concurrent edit, a list that keeps itself
 * current. Each screen is checked with axe (no serious or critical violation) and saved to
 * web/screenshots/.
 */
describe('Staff console', () => {
  let env: ConsoleStack;
  const tenantId = `web-${randomUUID().slice(0, 6)}`;
  const pages: Page[] = [];
  const open = async (who: Parameters<typeof signIn>[1]) => {
    const page = await signIn(env, who);
    pages.push(page);
    return page;
  };

  /** A person made through the API, as another staff member would. */
  async function createPerson(tenant: string, firstName: string, lastName: string, extra: Record<string, unknown> = {}) {
    const created = await env.api(tenant, 'POST', '/v1/customers', {
      billingAddress: { firstName, lastName, email: `${firstName}.${lastName}.${randomUUID().slice(0, 4)}@example.com`.toLowerCase(), line1: '1 Vineyard Rd', city: 'Napa', region: 'CA', postalCode: '94558', country: 'US' },
      sendWelcomeEmail: false,
      ...extra,
    });
    expect(created.status).toBe(201);
    return created.body as { id: string; customerNumber: number; version: number };
  }

  beforeAll(async () => {
    env = await startConsole();
    await env.api(tenantId, 'PUT', '/v1/settings', {
      ...(await env.api(tenantId, 'GET', '/v1/settings')).body,
      flags: [
        { key: 'vip', title: 'VIP' },
        { key: 'trade', title: 'Trade' },
      ],
    });
    await createPerson(tenantId, 'Grace', 'Hopper', { phone: '707-555-0101', flags: ['vip'] });
    await createPerson(tenantId, 'Alan', 'Turing', { phone: '707-555-0102' });
  }, 180_000);
  afterAll(async () => {
    for (const page of pages) await page.context().close();
    await env?.close();
  });

  it('signs in locally and shows the People dashboard with the admin navigation', async () => {
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
    const page = await context.newPage();
    pages.push(page);
    await page.goto(`${env.webUrl}/people`);
    // Not signed in: the sign-in page, then back to where the user was going.
    await page.getByRole('heading', { name: 'Winery People' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'sign-in');

    await page.getByLabel('Winery').fill(tenantId);
    await page.getByLabel('Your name').fill('Dana Admin');
    await page.getByRole('button', { name: 'Sign in' }).click();

    await page.getByRole('heading', { name: 'People', level: 1, exact: true }).waitFor();
    expect(page.url()).toBe(`${env.webUrl}/people`);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).waitFor();
    await page.getByText('Dana Admin · admin').waitFor();
    // Counted from the stream: on a machine busy with other tests that can take a while.
    await page.getByText(/2 people · 0 club members/).waitFor({ timeout: 60_000 });
    await page.getByRole('link', { name: 'Hopper, Grace' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  }, 150_000);

  it('adds a person, shows their new number on the profile, and finds them by search', async () => {
    const page = await open({ tenantId, name: 'Sam Staff', role: 'Staff' });
    await page.getByRole('link', { name: 'Add person' }).click();
    await page.getByRole('heading', { name: 'Add person' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'add-person');

    await page.getByRole('textbox', { name: 'First name', exact: true }).fill('Ada');
    await page.getByRole('textbox', { name: 'Last name', exact: true }).fill('Lovelace');
    await page.getByRole('textbox', { name: 'Email', exact: true }).fill(`ada.${randomUUID().slice(0, 6)}@example.com`);
    await page.getByRole('textbox', { name: 'Phone', exact: true }).fill('707-555-0199');
    await page.getByLabel('VIP').check();
    await page.getByRole('button', { name: 'Save person' }).click();

    await page.getByRole('heading', { name: 'Ada Lovelace', level: 1 }).waitFor();
    await page.getByText('#1002', { exact: true }).waitFor();
    await page.getByText('Ada Lovelace is customer #1002.').waitFor();
    expect(page.url()).toMatch(new RegExp(`^${env.webUrl}/people/[0-9A-Z]+$`));

    await page.getByRole('link', { name: 'People' }).click();
    await page.getByLabel('Search').fill('lovel');
    // The list is fed from the table's stream: the new person shows within moments.
    await page.getByRole('link', { name: 'Hopper, Grace' }).waitFor({ state: 'detached' });
    await page.getByRole('link', { name: 'Lovelace, Ada' }).waitFor({ timeout: 60_000 });
    await page.getByLabel('Search').fill('');
    await page.getByRole('link', { name: 'Hopper, Grace' }).waitFor();
    await page.getByText(/^3 people · /).waitFor({ timeout: 60_000 });
    await screenshot(page, 'dashboard');
  }, 90_000);

  it('marks the fields the settings require and shows a 400 field error next to its field', async () => {
    const strictTenant = `${tenantId}-strict`;
    const settings = (await env.api(strictTenant, 'GET', '/v1/settings')).body;
    expect((await env.api(strictTenant, 'PUT', '/v1/settings', { ...settings, requiredFields: ['phone', 'billingAddress.city'] })).status).toBe(200);

    const page = await open({ tenantId: strictTenant, name: 'Sam Staff', role: 'Staff' });
    await page.getByRole('link', { name: 'Add person' }).click();
    const phone = page.getByRole('textbox', { name: 'Phone', exact: true });
    const city = page.getByRole('textbox', { name: 'City', exact: true });
    await phone.waitFor();
    // Required: announced to assistive technology and marked with an asterisk.
    for (const input of [phone, city, page.getByRole('textbox', { name: 'Email', exact: true })]) {
      expect(await input.getAttribute('required')).not.toBeNull();
      // In the page: the input's <label> (browser types are not in this Node project).
      expect(await input.evaluate((el: any) => el.labels?.[0]?.textContent)).toMatch(/\*$/);
    }
    expect(await page.getByRole('textbox', { name: 'Partner', exact: true }).getAttribute('required')).toBeNull();

    await page.getByRole('textbox', { name: 'First name', exact: true }).fill('Bo');
    await page.getByRole('textbox', { name: 'Last name', exact: true }).fill('Missing');
    await page.getByRole('textbox', { name: 'Email', exact: true }).fill(`bo.${randomUUID().slice(0, 6)}@example.com`);
    await page.getByRole('textbox', { name: 'City', exact: true }).fill('Sonoma');
    await page.getByRole('button', { name: 'Save person' }).click();

    // The API's 400 names each bad field; each message shows at its input.
    await eventually(async () => (await phone.getAttribute('aria-invalid')) === 'true');
    // The message the input points to (aria-describedby), as a screen reader announces it.
    const phoneError = await phone.evaluate((el: any) => el.ownerDocument.getElementById(el.getAttribute('aria-describedby')?.split(' ').find((id: string) => id.endsWith('-error')) ?? '')?.textContent);
    // In words that say what to do, and why.
    expect(phoneError).toBe('Enter a phone number: this winery’s settings require it');
    expect(await city.getAttribute('aria-invalid')).toBeNull();
    expect(page.url()).toMatch(/\/people\/new$/);
    expect(await seriousViolations(page)).toEqual([]);
  }, 90_000);

  it('shows a viewer the people and profiles without any write control', async () => {
    const person = await createPerson(tenantId, 'Vera', 'Viewed', { birthDate: '1990-04-02' });
    const page = await open({ tenantId, name: 'Val Viewer', role: 'Viewer' });
    await page.getByRole('link', { name: 'Hopper, Grace' }).waitFor();
    expect(await page.getByRole('link', { name: 'Add person' }).count()).toBe(0);
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).count()).toBe(0);

    await page.goto(`${env.webUrl}/people/${person.id}`);
    await page.getByRole('heading', { name: 'Vera Viewed', level: 1 }).waitFor();
    await page.getByRole('img', { name: 'Needs age verification' }).waitFor();
    for (const name of ['Save changes', 'New order', 'Reservation', 'Login', 'Send password reset email', 'Verified ID manually']) {
      expect(await page.getByRole('button', { name }).or(page.getByRole('link', { name })).count()).toBe(0);
    }
    expect(await page.getByRole('textbox', { name: 'Phone', exact: true }).getAttribute('readonly')).not.toBeNull();
    await page.getByRole('tab', { name: 'Addresses' }).click();
    await page.getByRole('heading', { name: 'Cards on file' }).waitFor();
    for (const name of ['Add address', 'Add email', 'Save instructions']) expect(await page.getByRole('button', { name }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
  }, 150_000);

  it('refuses an order for an unverified person, verifies their age by hand with a note, then places it', async () => {
    const person = await createPerson(tenantId, 'Ada', 'Adult', { birthDate: '1984-06-01' });
    const page = await open({ tenantId, name: 'Sam Staff', role: 'Staff' });
    await page.goto(`${env.webUrl}/people/${person.id}`);
    await page.getByRole('heading', { name: 'Ada Adult', level: 1 }).waitFor();
    await page.getByRole('img', { name: 'Needs age verification' }).waitFor();

    const placeOrder = async () => {
      await page.getByRole('button', { name: 'New order' }).click();
      const dialog = page.getByRole('dialog', { name: 'New order for Ada Adult' });
      await dialog.getByRole('textbox', { name: 'SKU' }).fill('CAB-21');
      await dialog.getByRole('textbox', { name: 'Name' }).fill('Cabernet Sauvignon 2021');
      await dialog.getByRole('textbox', { name: 'Unit price' }).fill('45.00');
      await dialog.getByRole('button', { name: 'Place order' }).click();
      return dialog;
    };
    // Wine is sold to verified adults only: the dialog says why, and nothing is placed.
    const refused = await placeOrder();
    await refused.getByText(/verify the person’s age/).waitFor();
    await refused.getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('textbox', { name: 'What you checked' }).fill('CA driver licence checked');
    await page.getByRole('button', { name: 'Verified ID manually' }).click();
    await page.getByText('Note: CA driver licence checked').waitFor();
    await page.getByRole('img', { name: 'Needs age verification' }).waitFor({ state: 'detached' });
    expect(await page.getByRole('button', { name: 'Verified ID manually' }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);

    const placed = await placeOrder();
    await page.getByText(/Order #\d+ placed/).waitFor();
    await placed.waitFor({ state: 'detached' });
    const orders = await env.api(tenantId, 'GET', `/v1/customers/${person.id}/orders`);
    expect(orders.body.items).toHaveLength(1);
    expect(orders.body.items[0].totalCents).toBe(4500);
  }, 90_000);

  it('tells staff when someone else saved the person first, and reloads their version', async () => {
    const person = await createPerson(tenantId, 'Carl', 'Concurrent', { phone: '707-555-0110', birthDate: '1980-01-15' });
    await env.expiredCard(tenantId, person.id, { brand: 'Visa', last4: '4242', expMonth: 1, expYear: 2021, cardholderName: 'Carl Concurrent' });
    const page = await open({ tenantId, name: 'Sam Staff', role: 'Staff' });
    await page.goto(`${env.webUrl}/people/${person.id}`);
    await page.getByRole('heading', { name: 'Carl Concurrent', level: 1 }).waitFor();
    await page.getByRole('img', { name: 'Needs age verification' }).waitFor();
    for (const name of ['New order', 'Reservation']) await page.getByRole('button', { name }).waitFor();
    await page.getByRole('button', { name: 'Login' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'profile');

    await page.getByRole('textbox', { name: 'Phone', exact: true }).fill('707-555-0111');
    // Someone else saves the same person between this page's read and its save.
    const elsewhere = await env.api(tenantId, 'PATCH', `/v1/customers/${person.id}`, { phone: '707-555-0222' }, { 'if-match': String(person.version) });
    expect(elsewhere).toMatchObject({ status: 200 });
    await page.getByRole('button', { name: 'Save changes' }).click();

    await page.getByText('Someone else changed this record').waitFor();
    await page.getByRole('button', { name: 'Reload' }).click();
    await eventually(async () => (await page.getByRole('textbox', { name: 'Phone', exact: true }).inputValue()) === '707-555-0222');
    expect(await page.getByText('Someone else changed this record').count()).toBe(0);

    // Now the save goes through with the current version.
    await page.getByRole('textbox', { name: 'Phone', exact: true }).fill('707-555-0333');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Changes saved.').waitFor();
    expect((await env.api(tenantId, 'GET', `/v1/customers/${person.id}`)).body.phone).toBe('707-555-0333');

    await page.getByRole('tab', { name: 'Addresses' }).click();
    await page.getByText('Expired', { exact: true }).waitFor();
    await page.getByRole('heading', { name: 'Billing', level: 3 }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'profile-addresses');
  }, 90_000);

  it('shows a person a colleague added when staff come back to the People list, on the page, search and order they left', async () => {
    // A winery of its own: 26 Curies fill a first page of 25 and start a second.
    const winery = `web-${randomUUID().slice(0, 6)}`;
    for (let i = 0; i < 26; i += 2) await Promise.all([createPerson(winery, 'Marie', 'Curie'), createPerson(winery, 'Pierre', 'Curie')]);
    const listed = (tenant: string) => env.api(tenant, 'GET', '/v1/customers?q=curie&sort=number&order=asc&limit=100');
    await eventually(async () => (await listed(winery)).body.items.length === 26, { timeoutMs: 60_000, intervalMs: 500 });

    const page = await open({ tenantId: winery, name: 'Front Desk', role: 'Staff' });
    await page.goto(`${env.webUrl}/people?q=curie&sort=number-asc`);
    await page.getByText('Showing 25 people (more below)').waitFor();
    await page.getByRole('button', { name: 'Load more' }).click();
    await page.getByText('Showing 26 people', { exact: true }).waitFor();
    const url = page.url();
    // What a reload or a navigation would wipe, and a watch on the table while it is read again:
    // it must never go (a loader in its place) nor shrink (back to the first page).
    await page.evaluate(() => {
      const w = globalThis as any;
      const rows = () => w.document.querySelectorAll('table tbody tr').length;
      w.sameDocument = true;
      w.fewestRows = rows();
      new w.MutationObserver(() => {
        w.fewestRows = Math.min(w.fewestRows, rows());
      }).observe(w.document.body, { childList: true, subtree: true });
    });
    /** The tab hidden or shown again, as the browser reports it (Chromium headless is always "visible"). */
    const setVisible = (visible: boolean) =>
      page.evaluate((shown) => {
        const w = globalThis as any;
        if (shown) {
          delete w.document.visibilityState;
          delete w.document.hidden;
        } else {
          Object.defineProperty(w.document, 'visibilityState', { configurable: true, get: () => 'hidden' });
          Object.defineProperty(w.document, 'hidden', { configurable: true, get: () => true });
        }
        w.document.dispatchEvent(new w.Event('visibilitychange', { bubbles: true }));
      }, visible);

    // The front desk turns to another tab; meanwhile a colleague adds a person, and the listing
    // (fed by the table's stream, a moment later) has them.
    await setVisible(false);
    const irene = await createPerson(winery, 'Irene', 'Curie');
    await eventually(async () => (await listed(winery)).body.items.some((item: { id: string }) => item.id === irene.id), { timeoutMs: 60_000, intervalMs: 500 });
    expect(await page.getByRole('link', { name: 'Curie, Irene' }).count()).toBe(0);

    // Back to the tab: the list is read again, both pages, and Irene (the highest number) is last.
    await setVisible(true);
    await page.getByRole('link', { name: 'Curie, Irene' }).waitFor();
    await page.getByText('Showing 27 people', { exact: true }).waitFor();
    expect(await page.locator('table tbody tr').last().getByRole('link').textContent()).toBe('Curie, Irene');
    expect(await page.evaluate(() => [(globalThis as any).sameDocument, (globalThis as any).fewestRows])).toEqual([true, 26]);
    expect(page.url()).toBe(url);
    expect(await page.getByLabel('Search').inputValue()).toBe('curie');
    expect(await page.getByRole('combobox', { name: 'Sort by' }).inputValue()).toBe('Number, lowest first');
  }, 150_000);
});
