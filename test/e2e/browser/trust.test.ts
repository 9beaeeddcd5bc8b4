import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { eventually } from '../../support/eventually';
import { join } from 'node:path';
import { contrastRatio, screenshot, SCREENSHOTS, seriousViolations, signIn, startConsole, type ConsoleStack } from './console';

/**
 * The console staff can trust all day, each case as staff met it in Chromium: edits that must
 * not vanish, times in the winery's zone whatever the browser's, words instead of ids and ISO
 * instants, deletes that ask, a save that is one request, messages that say what to do, a list
 * that keeps its state, one sign-in for every tab, a viewer without dead controls, the front desk's
 * Today. Every dialog opened is checked with axe.
 */
describe('A console staff can trust', () => {
  let env: ConsoleStack;
  const tenantId = `web-${randomUUID().slice(0, 6)}`;
  const pages: Page[] = [];
  let grace: { id: string; version: number };
  let clubId = '';

  const open = async (role: 'Admin' | 'Staff' | 'Viewer', path: string, timezoneId?: string) => {
    const page = await signIn(env, { tenantId, name: `${role} Person`, role }, timezoneId ? { timezoneId } : {});
    pages.push(page);
    await page.goto(`${env.webUrl}${path}`);
    return page;
  };
  const openProfile = async (role: 'Admin' | 'Staff' | 'Viewer', tab = 'general', timezoneId?: string) => {
    const page = await open(role, `/people/${grace.id}?tab=${tab}`, timezoneId);
    await page.getByRole('heading', { name: 'Grace Hopper', level: 1 }).waitFor();
    return page;
  };
  const expectAccessible = async (page: Page) => expect(await seriousViolations(page)).toEqual([]);
  /** Any ISO instant or 26-character id (ULID) on the page, as staff would see it. */
  const rawData = async (page: Page) => (await page.locator('main').innerText()).match(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}|\b[0-9A-HJKMNP-TV-Z]{26}\b/g) ?? [];

  beforeAll(async () => {
    env = await startConsole();
    const settings = (await env.api(tenantId, 'GET', '/v1/settings')).body;
    expect((await env.api(tenantId, 'PUT', '/v1/settings', { ...settings, timeZone: 'America/Los_Angeles', flags: [{ key: 'vip', title: 'VIP' }] })).status).toBe(200);
    const club = await env.api(tenantId, 'POST', '/v1/clubs', { name: 'Reserve Club', discountPercent: 15 });
    clubId = club.body.id;
    const created = await env.api(tenantId, 'POST', '/v1/customers', {
      billingAddress: { firstName: 'Grace', lastName: 'Hopper', email: `grace.${randomUUID().slice(0, 4)}@example.com`, line1: '1 Vineyard Rd', city: 'Napa', region: 'CA', postalCode: '94558', country: 'US' },
      shippingAddress: { firstName: 'Grace', lastName: 'Hopper', line1: '9 Harbor Way', city: 'Sonoma', region: 'CA', postalCode: '95476', country: 'US' },
      birthDate: '1980-04-02',
      flags: ['vip'],
      sendWelcomeEmail: false,
    });
    expect(created.status).toBe(201);
    grace = created.body;
    // Orders are for verified adults.
    expect((await env.api(tenantId, 'POST', `/v1/customers/${grace.id}/age-verification`, { method: 'manual', note: 'CA driver licence' })).status).toBe(200);
    expect((await env.api(tenantId, 'POST', `/v1/customers/${grace.id}/memberships`, { clubId, shippingPreference: 'ship' })).status).toBe(201);
    expect((await env.api(tenantId, 'POST', `/v1/customers/${grace.id}/certificates`, { title: 'Tasting for two', expiresAt: '2027-06-30' })).status).toBe(201);
    expect((await env.api(tenantId, 'POST', `/v1/customers/${grace.id}/credits`, { amountCents: 2500, reason: 'Welcome gift' })).status).toBe(201);
    expect(
      (await env.api(tenantId, 'POST', `/v1/customers/${grace.id}/cards`, { processor: 'test', token: 'tok_a', brand: 'Visa', last4: '4242', expMonth: 3, expYear: 2031, cardholderName: 'Grace Hopper', isDefault: true })).status,
    ).toBe(201);
    expect((await env.api(tenantId, 'POST', `/v1/customers/${grace.id}/cards`, { processor: 'test', token: 'tok_b', brand: 'Mastercard', last4: '4444', expMonth: 5, expYear: 2032, cardholderName: 'Grace Hopper' })).status).toBe(201);
  }, 180_000);
  afterAll(async () => {
    for (const page of pages) await page.context().close();
    await env?.close();
  });

  it('1. keeps an unsaved edit across tabs, and asks before a link, Back, a reload or a sign-out loses it', async () => {
    const page = await open('Staff', '/people');
    // From the list, so that Back is the app's own navigation.
    await page.getByRole('link', { name: 'Hopper, Grace' }).click({ timeout: 60_000 });
    await page.getByRole('heading', { name: 'Grace Hopper', level: 1 }).waitFor();
    const partner = page.getByRole('textbox', { name: 'Partner' });
    await partner.fill('Grace’s partner');
    await page.getByRole('tab', { name: 'Addresses' }).click();
    await page.getByRole('heading', { name: 'Cards on file' }).waitFor();
    await page.getByRole('tab', { name: 'General' }).click();
    expect(await partner.inputValue()).toBe('Grace’s partner');

    // A link: the guard asks; "Stay" keeps the edit.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' }).click();
    const ask = page.getByRole('dialog', { name: 'Leave without saving?' });
    await ask.getByText('General · Grace Hopper').waitFor();
    await expectAccessible(page);
    await ask.getByRole('button', { name: 'Stay on this page' }).click();
    await ask.waitFor({ state: 'detached' });
    expect(page.url()).toContain(`/people/${grace.id}`);

    // Back (the browser's button), then sign-out: the same question.
    await page.goBack();
    await ask.waitFor();
    await ask.getByRole('button', { name: 'Stay on this page' }).click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await ask.waitFor();
    await ask.getByRole('button', { name: 'Stay on this page' }).click();
    expect(await partner.inputValue()).toBe('Grace’s partner');

    // A reload: the browser's own "Leave site?".
    const dialog = page.waitForEvent('dialog');
    const reload = page.reload({ timeout: 5_000 }).catch(() => undefined);
    const prompt = await dialog;
    expect(prompt.type()).toBe('beforeunload');
    await prompt.dismiss();
    await reload;
    expect(await partner.inputValue()).toBe('Grace’s partner');

    // Saved, nothing asks any more.
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Changes saved.').waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' }).click();
    await page.getByRole('heading', { name: 'People', level: 1 }).waitFor();
  }, 120_000);

  it('2. books 11:00 as 11:00 AM PT from a New York browser and shows it so from a UTC one', async () => {
    const page = await openProfile('Staff', 'general', 'America/New_York');
    await page.getByRole('button', { name: 'Reservation' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reservation for Grace Hopper' });
    await dialog.getByLabel('Experience').fill('Estate tasting');
    await dialog.getByLabel(/^Starts at/).fill('2030-01-16T11:00');
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Book reservation' }).click();
    await page.getByText('Estate tasting booked for Jan 16, 2030, 11:00 AM PT.').waitFor();
    const reservations = await env.api(tenantId, 'GET', `/v1/customers/${grace.id}/reservations`);
    expect(reservations.body.items[0].startsAt).toBe('2030-01-16T19:00:00.000Z');

    // The day's list from a browser in UTC: still the winery's 11:00.
    const utc = await open('Staff', '/today?date=2030-01-16', 'UTC');
    const row = utc.getByRole('table', { name: 'Reservations' }).getByRole('row').filter({ hasText: 'Estate tasting' });
    await row.getByText('11:00 AM PT').waitFor();
    await row.getByRole('link', { name: 'Grace Hopper' }).waitFor();
    await row.getByText('Reserve Club').waitFor();
    await expectAccessible(utc);
    await screenshot(utc, 'today');
  }, 120_000);

  it('3. shows dates as dates, times in the winery’s zone, money as money, and names instead of ids', async () => {
    const page = await openProfile('Staff', 'clubs');
    // Valid through June 30 in the winery's zone (stored as the last millisecond of that day).
    await page.getByRole('row').filter({ hasText: 'Tasting for two' }).getByText('Jun 30, 2027').waitFor();
    expect(await rawData(page)).toEqual([]);

    await page.getByRole('tab', { name: 'CRM' }).click();
    await page.getByRole('list', { name: 'Timeline entries' }).getByText(/Reservation: Estate tasting/).waitFor({ timeout: 20_000 });
    expect(await rawData(page)).toEqual([]);

    await page.getByRole('tab', { name: 'Changes' }).click();
    const credit = page.getByText('$0.00 → $25.00');
    await eventually(async () => {
      if (await credit.isVisible()) return true;
      await page.getByRole('button', { name: 'Refresh' }).click();
      return false;
    }, { timeoutMs: 30_000, intervalMs: 1000 });
    await page.getByRole('listitem').filter({ hasText: 'Clubs: none → Reserve Club' }).first().waitFor({ timeout: 20_000 });
    await page.getByRole('listitem').filter({ hasText: 'Contact permissions: none' }).first().waitFor();
    expect(await page.getByText(/creditBalanceCents|clubIds|effectiveClassId|\{"/).count()).toBe(0);
    expect(await rawData(page)).toEqual([]);
    await expectAccessible(page);
    await screenshot(page, 'tab-changes');
  }, 120_000);

  it('4. makes another card the default, deletes one after asking, refuses an expiry in the past, and adds a card through the processor’s field', async () => {
    const page = await openProfile('Staff', 'addresses');
    await page.getByRole('button', { name: 'Make default: card ending 4444' }).click();
    await page.getByRole('row').filter({ hasText: '4444' }).getByText('Default').waitFor();

    await page.getByRole('button', { name: 'Update card ending 4242' }).click();
    const update = page.getByRole('dialog', { name: 'Update card' });
    await update.getByLabel('Expiry month').fill('3');
    await update.getByLabel('Expiry year').fill('2023');
    await expectAccessible(page);
    await update.getByRole('button', { name: 'Save card' }).click();
    await update.getByText(/expiry is in the past/).waitFor();
    await update.getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('button', { name: 'Delete card ending 4242' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete card ending 4242' });
    await confirm.getByText(/Delete the Visa card ending 4242/).waitFor();
    await expectAccessible(page);
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('row').filter({ hasText: '4242' }).waitFor({ state: 'detached' });
    const cards = (await env.api(tenantId, 'GET', `/v1/customers/${grace.id}`)).body.cards;
    expect(cards.map((c: { last4: string; isDefault: boolean }) => [c.last4, c.isDefault])).toEqual([['4444', true]]);

    // Add a card the way real consoles do: typed into the processor's own field (a frame on its
    // origin), which answers with a token; the API never sees the number.
    const sentToApi: string[] = [];
    page.on('request', (request) => {
      if (request.url().startsWith(env.stack.apiUrl) && request.method() !== 'GET') sentToApi.push(request.postData() ?? '');
    });
    await page.getByRole('button', { name: 'Add card' }).click();
    const add = page.getByRole('dialog', { name: 'Add card' });
    const field = add.locator('iframe[title="Card details (Test processor)"]').contentFrame();
    expect(new URL((await add.locator('iframe').getAttribute('src'))!).origin).not.toBe(new URL(env.webUrl).origin);
    await field.getByLabel('Card number').fill('4000 0000 0000 0002');
    await field.getByLabel('Expiry (MM/YY)').fill('12/34');
    await field.getByLabel('Security code').fill('123');
    expect(await field.getByLabel('Name on card').inputValue()).toBe('Grace Hopper');
    await expectAccessible(page);
    // The dialog alone (a full-page shot of a fixed dialog cuts the page around it).
    await add.screenshot({ path: join(SCREENSHOTS, 'add-card.png') });
    await field.getByRole('button', { name: 'Save card' }).click();
    await field.getByText('The card was declined. Try another card.').waitFor();
    await field.getByLabel('Card number').fill('6011 1111 1111 1117');
    await field.getByRole('button', { name: 'Save card' }).click();
    await add.waitFor({ state: 'detached' });
    const added = page.getByRole('row').filter({ hasText: '1117' });
    await added.getByText('Discover •••• 1117').waitFor();
    expect(await added.getByText('12/2034').count()).toBe(1);

    // Made the default, then deleted after asking.
    await page.getByRole('button', { name: 'Make default: card ending 1117' }).click();
    await added.getByText('Default', { exact: true }).waitFor();
    await page.getByRole('row').filter({ hasText: '4444' }).getByText('Default', { exact: true }).waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Delete card ending 1117' }).click();
    await page.getByRole('dialog', { name: 'Delete card ending 1117' }).getByRole('button', { name: 'Delete' }).click();
    await added.waitFor({ state: 'detached' });
    const after = (await env.api(tenantId, 'GET', `/v1/customers/${grace.id}`)).body.cards;
    expect(after.map((c: { last4: string }) => c.last4)).toEqual(['4444']);

    // What reached the API: the processor's token and the card's public details, never a card number.
    const created = sentToApi.map((body) => (body ? JSON.parse(body) : {})).find((body) => body.token);
    expect(created).toMatchObject({ processor: 'test', token: expect.stringMatching(/^tok_test_/), brand: 'Discover', last4: '1117', expMonth: 12, expYear: 2034 });
    expect(sentToApi.join('\n')).not.toMatch(/6011|4000 ?0000/);
  }, 120_000);

  it('5. edits an address in place, and a delete asks first', async () => {
    const page = await openProfile('Staff', 'addresses');
    await page.getByRole('button', { name: 'Edit shipping address 9 Harbor Way' }).click();
    const form = page.getByRole('form', { name: 'Edit address' });
    await form.getByLabel(/^Address line 2/).fill('Gate B');
    await expectAccessible(page);
    await form.getByRole('button', { name: 'Save address' }).click();
    await page.getByRole('article', { name: 'shipping address 9 Harbor Way' }).getByText('Gate B').waitFor();

    await page.getByRole('button', { name: 'Add address' }).click();
    const add = page.getByRole('dialog', { name: 'Add address' });
    await add.getByLabel(/^Address line 1/).fill('5 Cellar Lane');
    await add.getByLabel(/^City/).fill('Napa');
    await expectAccessible(page);
    await add.getByRole('button', { name: 'Save address' }).click();
    const card = page.getByRole('article', { name: 'shipping address 5 Cellar Lane' });
    await card.waitFor();
    await card.getByRole('button', { name: 'Delete shipping address 5 Cellar Lane' }).click();
    // One click removes nothing: "Keep" leaves it.
    await page.getByRole('dialog', { name: 'Delete shipping address 5 Cellar Lane' }).getByRole('button', { name: 'Keep' }).click();
    expect(await card.isVisible()).toBe(true);
    await card.getByRole('button', { name: 'Delete shipping address 5 Cellar Lane' }).click();
    await page.getByRole('dialog', { name: 'Delete shipping address 5 Cellar Lane' }).getByRole('button', { name: 'Delete' }).click();
    await card.waitFor({ state: 'detached' });
  }, 90_000);

  it('6. needs a note for a manual age check and refuses a birth date in the future, at the field', async () => {
    const person = await env.api(tenantId, 'POST', '/v1/customers', {
      billingAddress: { firstName: 'Una', lastName: 'Verified', email: `una.${randomUUID().slice(0, 4)}@example.com` },
      birthDate: '1990-01-01',
      sendWelcomeEmail: false,
    });
    const page = await open('Staff', `/people/${person.body.id}`);
    await page.getByRole('heading', { name: 'Una Verified', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Verified ID manually' }).click();
    const note = page.getByRole('textbox', { name: 'What you checked' });
    await eventually(async () => (await note.getAttribute('aria-invalid')) === 'true');
    expect((await env.api(tenantId, 'GET', `/v1/customers/${person.body.id}`)).body.ageVerification.status).toBe('unverified');

    await page.getByRole('textbox', { name: 'Birth date' }).fill('2031-01-01');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('A birth date cannot be in the future').waitFor();
    expect((await env.api(tenantId, 'GET', `/v1/customers/${person.body.id}`)).body.birthDate).toBe('1990-01-01');
  }, 90_000);

  it('7. sends one request for a double-clicked Save', async () => {
    const page = await openProfile('Staff');
    const patches: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'PATCH' && request.url().includes(`/v1/customers/${grace.id}`)) patches.push(request.url());
    });
    await page.getByRole('textbox', { name: 'Phone' }).fill('707-555-0142');
    await page.getByRole('button', { name: 'Save changes' }).dblclick();
    await page.getByText('Changes saved.').waitFor();
    await page.waitForLoadState('networkidle');
    expect(patches).toHaveLength(1);
    expect(await page.getByText('Someone else changed this record').count()).toBe(0);
  }, 60_000);

  it('8. can read "Cancel order", and every dialog passes axe', async () => {
    const order = await env.api(tenantId, 'POST', '/v1/orders', { customerId: grace.id, lines: [{ sku: 'CAB', name: 'Cabernet', quantity: 1, unitPriceCents: 4000 }], fulfillment: 'pickup' });
    const page = await openProfile('Staff', 'orders');
    await page.getByRole('button', { name: `Order #${order.body.orderNumber}` }).click();
    const cancel = page.getByRole('dialog').getByRole('button', { name: 'Cancel order' });
    await cancel.waitFor();
    expect(await contrastRatio(cancel)).toBeGreaterThanOrEqual(4.5);
    await expectAccessible(page);
    await page.keyboard.press('Escape');

    for (const [button, dialog] of [
      ['New order', 'New order for Grace Hopper'],
      ['Reservation', 'Reservation for Grace Hopper'],
    ] as const) {
      await page.getByRole('button', { name: button, exact: true }).click();
      await page.getByRole('dialog', { name: dialog }).waitFor();
      await expectAccessible(page);
      await page.keyboard.press('Escape');
      await page.getByRole('dialog', { name: dialog }).waitFor({ state: 'detached' });
    }
    await page.getByRole('tab', { name: 'Clubs' }).click();
    await page.getByRole('button', { name: 'Add certificate' }).click();
    await page.getByRole('dialog', { name: 'New certificate' }).waitFor();
    await expectAccessible(page);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Cancel membership' }).click();
    await page.getByRole('dialog', { name: 'Before cancelling Reserve Club: would a pause help?' }).waitFor();
    await expectAccessible(page);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Add Club' }).click();
    await page.getByRole('dialog', { name: 'Add club' }).waitFor();
    await expectAccessible(page);
  }, 120_000);

  it('9. says what to do: an empty Add person form, and a note over the limit counted before saving', async () => {
    const page = await open('Staff', '/people/new');
    await page.getByRole('button', { name: 'Save person' }).click();
    await page.getByText('Enter a first name').waitFor();
    await page.getByText('Enter a last name').waitFor();
    await page.getByText('Enter an email address').waitFor();
    expect(await page.getByText(/Invalid input|expected string|Too small/).count()).toBe(0);

    const profile = await openProfile('Staff', 'crm');
    await profile.getByRole('button', { name: 'Add note' }).click();
    const dialog = profile.getByRole('dialog', { name: 'New note' });
    await dialog.getByRole('textbox', { name: 'Note' }).fill('x'.repeat(10_001));
    await dialog.getByText('10,001 / 10,000 characters').waitFor();
    await dialog.getByText('Notes can be up to 10,000 characters').first().waitFor();
    await expectAccessible(profile);
    const posts: string[] = [];
    profile.on('request', (request) => request.method() === 'POST' && posts.push(request.url()));
    await dialog.getByRole('button', { name: 'Save note' }).click();
    expect(posts).toEqual([]);
    expect(await profile.getByText(/Payload too large|65536/).count()).toBe(0);
  }, 90_000);

  it('10. keeps the list’s search, filter and order in the URL through Back and reload, and says "1 person"', async () => {
    const single = `${tenantId}-one`;
    await env.api(single, 'POST', '/v1/customers', { billingAddress: { firstName: 'Solo', lastName: 'Person', email: `solo.${randomUUID().slice(0, 4)}@example.com` }, sendWelcomeEmail: false });
    const solo = await signIn(env, { tenantId: single, name: 'Staff Person', role: 'Staff' });
    pages.push(solo);
    await solo.getByText(/^1 person · 0 club members$/).waitFor({ timeout: 60_000 });

    const page = await open('Staff', '/people');
    await page.getByLabel('Search').fill('hopp');
    await page.getByRole('combobox', { name: 'Flag' }).click();
    await page.getByRole('option', { name: 'VIP' }).click();
    await page.getByRole('combobox', { name: 'Sort by' }).click();
    await page.getByRole('option', { name: 'Number, highest first' }).click();
    await eventually(async () => /q=hopp/.test(page.url()) && /flag=vip/.test(page.url()) && /sort=number/.test(page.url()));
    await page.getByRole('link', { name: 'Hopper, Grace' }).click({ timeout: 60_000 });
    await page.getByRole('heading', { name: 'Grace Hopper', level: 1 }).waitFor();
    await page.goBack();
    expect(await page.getByLabel('Search').inputValue()).toBe('hopp');
    expect(await page.getByRole('combobox', { name: 'Flag' }).inputValue()).toBe('VIP');
    expect(await page.getByRole('combobox', { name: 'Sort by' }).inputValue()).toBe('Number, highest first');
    await page.reload();
    expect(await page.getByLabel('Search').inputValue()).toBe('hopp');
    await page.getByRole('link', { name: 'Hopper, Grace' }).waitFor();
    expect(await page.title()).toBe('People');

    // Sorted both ways: names Z to A, numbers lowest first (and a reload keeps it).
    const sorted = `${tenantId}-sort`;
    for (const [firstName, lastName] of [['Ada', 'Byron'], ['Zed', 'Adams'], ['Cy', 'Carter']] as const) {
      const made = await env.api(sorted, 'POST', '/v1/customers', { billingAddress: { firstName, lastName, email: `${firstName.toLowerCase()}.${randomUUID().slice(0, 4)}@example.com` }, sendWelcomeEmail: false });
      expect(made.status).toBe(201);
    }
    // The list is fed from the stream: the console reads it once, so wait until all three are listed.
    await eventually(async () => (await env.api(sorted, 'GET', '/v1/customers')).body.items?.length === 3, { timeoutMs: 90_000 });
    const lister = await signIn(env, { tenantId: sorted, name: 'Staff Person', role: 'Staff' });
    pages.push(lister);
    const rows = async () => (await lister.getByRole('table').getByRole('row').allInnerTexts()).slice(1).map((row) => row.split('\t').slice(0, 2).join(' '));
    const choose = async (label: string) => {
      await lister.getByRole('combobox', { name: 'Sort by' }).click();
      await lister.getByRole('option', { name: label }).click();
    };
    const shows = (expected: string[], timeoutMs?: number) =>
      eventually(async () => {
        expect(await rows()).toEqual(expected);
        return true;
      }, { timeoutMs });
    await shows(['1001 Adams, Zed', '1000 Byron, Ada', '1002 Carter, Cy'], 30_000);
    await choose('Name, Z to A');
    await shows(['1002 Carter, Cy', '1000 Byron, Ada', '1001 Adams, Zed']);
    expect(lister.url()).toMatch(/sort=name-desc/);
    await choose('Number, highest first');
    await shows(['1002 Carter, Cy', '1001 Adams, Zed', '1000 Byron, Ada']);
    await choose('Number, lowest first');
    await shows(['1000 Byron, Ada', '1001 Adams, Zed', '1002 Carter, Cy']);
    await lister.reload();
    await shows(['1000 Byron, Ada', '1001 Adams, Zed', '1002 Carter, Cy']);
    expect(await lister.getByRole('combobox', { name: 'Sort by' }).inputValue()).toBe('Number, lowest first');
  }, 150_000);

  it('11. serves every tab with one sign-in, and a sign-out ends them all', async () => {
    const first = await openProfile('Staff');
    const second = await first.context().newPage();
    await second.goto(`${env.webUrl}/people/${grace.id}`);
    await second.getByRole('heading', { name: 'Grace Hopper', level: 1 }).waitFor();
    expect(await second.title()).toBe('Grace Hopper · People');
    await first.getByRole('button', { name: 'Sign out' }).click();
    await second.getByRole('button', { name: 'Sign in' }).waitFor();
  }, 60_000);

  it('12. shows a viewer no control that cannot work', async () => {
    const page = await openProfile('Viewer');
    expect(await page.getByRole('checkbox').count()).toBe(0);
    await page.getByText('Email', { exact: false }).first().waitFor();
    await page.goto(`${env.webUrl}/people/new`);
    await page.getByRole('heading', { name: 'Not available' }).waitFor();
    expect(await page.getByRole('button', { name: 'Save person' }).count()).toBe(0);
  }, 60_000);

  it('13. has an icon and a title per screen, and takes a sender with a name', async () => {
    const page = await open('Staff', '/today');
    await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
    expect(await page.title()).toBe('Today');
    const icon = await page.locator('link[rel="icon"]').getAttribute('href');
    const touch = await page.locator('link[rel="apple-touch-icon"]').getAttribute('href');
    for (const href of [icon, touch]) expect((await fetch(`${env.webUrl}${href}`)).status).toBe(200);

    // The sender as mail programs write it: a name with the address.
    const settings = await open('Admin', '/settings?section=customers');
    await settings.getByRole('textbox', { name: 'From', exact: true }).fill('Hillside Cellars <wine@example.com>');
    await settings.getByRole('button', { name: 'Save settings' }).click();
    await settings.getByText('Settings saved.').waitFor();
    expect((await env.api(tenantId, 'GET', '/v1/settings')).body.email.from).toBe('Hillside Cellars <wine@example.com>');
  }, 90_000);
});
