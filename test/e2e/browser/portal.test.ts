import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { eventually } from '../../support/eventually';
import { screenshot, seriousViolations, startConsole, type ConsoleStack } from './console';

/**
 * The member portal as a new club member meets it, in Chromium against `npm start`: the welcome
 * email's "choose your password" link, sign-in, their account and club; a used link; the
 * sign-in lockout; staff opening a member's portal. Designed for phones first: the member's own
 * journey runs at 375×812. Each page is checked with axe and saved to web/screenshots/portal-*.png.
 */
describe('Member portal', () => {
  let env: ConsoleStack;
  const tenantId = `web-${randomUUID().slice(0, 6)}`;
  const pages: Page[] = [];
  const member = { firstName: 'Ada', lastName: 'Lovelace', email: `ada.${randomUUID().slice(0, 6)}@example.com` };
  const password = 'correct horse battery staple';
  const wineryName = 'Hillside Cellars';
  let memberId = '';
  let welcomeLink = '';

  async function newPage(viewport: { width: number; height: number }): Promise<Page> {
    const context = await env.browser.newContext({ viewport, reducedMotion: 'reduce' });
    const page = await context.newPage();
    pages.push(page);
    return page;
  }
  const phone = () => newPage({ width: 375, height: 812 });

  async function expectAccessible(page: Page) {
    expect(await seriousViolations(page)).toEqual([]);
  }

  beforeAll(async () => {
    env = await startConsole();
    // The portal shows the winery's name from its settings (GET /portal/{tenantId}/branding).
    const settings = await env.api(tenantId, 'GET', '/v1/settings');
    expect((await env.api(tenantId, 'PUT', '/v1/settings', { ...settings.body, wineryName })).status).toBe(200);
    const club = await env.api(tenantId, 'POST', '/v1/clubs', { name: 'Reserve Club', discountPercent: 15, variants: [{ name: 'Reds only' }] });
    expect(club.status).toBe(201);
    const created = await env.api(tenantId, 'POST', '/v1/customers', {
      billingAddress: { ...member, line1: '12 Analytical Way', city: 'Napa', region: 'CA', postalCode: '94558', country: 'US' },
      phone: '707-555-0100',
      birthDate: '1980-05-01',
      sendWelcomeEmail: true,
    });
    expect(created.status).toBe(201);
    memberId = created.body.id;
    // Orders need a verified adult (`settings.ageVerification.requiredForOrders`, on by default).
    expect((await env.api(tenantId, 'POST', `/v1/customers/${memberId}/age-verification`, { method: 'manual', note: 'ID checked' })).status).toBe(200);
    const joined = await env.api(tenantId, 'POST', `/v1/customers/${memberId}/memberships`, {
      clubId: club.body.id,
      variantId: club.body.variants[0].id,
      shippingPreference: 'pickup',
      pickupLocation: 'Tasting room',
    });
    expect(joined.status).toBe(201);
    const order = await env.api(tenantId, 'POST', '/v1/orders', {
      customerId: memberId,
      fulfillment: 'pickup',
      lines: [{ sku: 'CAB-21', name: 'Cabernet Sauvignon 2021', quantity: 2, unitPriceCents: 4800 }],
    });
    expect(order.status).toBe(201);

    // The welcome email, as the member receives it (local SES keeps every message).
    const mail = await eventually(
      async () => {
        const store = (await (await fetch(`${env.stack.sesUrl}/store`)).json()) as { emails: { destination: { to: string[] } }[] };
        return store.emails.find((m) => m.destination.to.includes(member.email));
      },
      { timeoutMs: 30_000 },
    );
    const link = /https?:\/\/[^\s"'<>]+\/set-password\?token=[A-Za-z0-9_%-]+/.exec(JSON.stringify(mail))?.[0];
    if (!link) throw new Error(`The welcome email has no set-password link: ${JSON.stringify(mail)}`);
    // The stack names the web origin in PORTAL_URL; should it point elsewhere, the page is still the web app's.
    const url = new URL(link);
    welcomeLink = `${env.webUrl}${url.pathname}${url.search}`;
    expect(url.pathname).toBe(`/portal/${tenantId}/set-password`);
  }, 180_000);

  afterAll(async () => {
    for (const page of pages) await page.context().close();
    await env?.close();
  });

  it('takes a new member from the welcome email to their account and club, on a phone', async () => {
    const page = await phone();
    await page.goto(welcomeLink);
    await page.getByRole('heading', { name: 'Choose your password' }).waitFor();
    // The winery's name from its settings, and the rule, before typing.
    await page.getByRole('banner').getByRole('link', { name: wineryName }).waitFor();
    await page.getByText(`Welcome to ${wineryName}.`, { exact: false }).waitFor();
    await page.getByText('At least 10 characters (up to 200).', { exact: false }).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'portal-set-password');

    await page.getByLabel(/^New password/).fill('too short');
    await page.getByLabel(/^Repeat the new password/).fill('too short');
    await page.getByRole('button', { name: 'Save password' }).click();
    await page.getByText('Use at least 10 characters').waitFor();

    await page.getByLabel(/^New password/).fill(password);
    await page.getByLabel(/^Repeat the new password/).fill(password);
    await page.getByRole('button', { name: 'Save password' }).click();
    await page.getByText('Your password is set').waitFor();
    await page.getByRole('link', { name: 'Sign in' }).click();

    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'portal-sign-in');
    await page.getByLabel(/^Email/).fill(member.email);
    await page.getByLabel(/^Password/).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();

    await page.getByRole('heading', { name: 'My account', level: 1 }).waitFor();
    expect(page.url()).toBe(`${env.webUrl}/portal/${tenantId}/account`);
    await page.getByText(member.email).waitFor();
    await page.getByRole('article', { name: /Billing address 12 Analytical Way/ }).getByText('Default billing').waitFor();
    await expectAccessible(page);
    await screenshot(page, 'portal-account');

    // Addresses open in a full-screen form on a phone; the member saves their own.
    await page.getByRole('button', { name: 'Add address' }).click();
    const addressForm = page.getByRole('dialog', { name: 'Add address' });
    await addressForm.getByLabel(/^Address line 1/).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'portal-address-form');
    await addressForm.getByLabel(/^Address line 1/).fill('1 Vineyard Road');
    await addressForm.getByLabel(/^City/).fill('Sonoma');
    await addressForm.getByLabel(/^Postal code/).fill('95476');
    await addressForm.getByLabel(/^Country/).fill('us');
    await addressForm.getByRole('button', { name: 'Save address' }).click();
    await addressForm.waitFor({ state: 'hidden' });
    // The first shipping address is the default one.
    await page.getByRole('article', { name: 'Shipping address 1 Vineyard Road' }).getByText('Default shipping').waitFor();
    const addresses = await env.api(tenantId, 'GET', `/v1/customers/${memberId}/addresses`);
    expect(addresses.body.items).toContainEqual(expect.objectContaining({ kind: 'shipping', line1: '1 Vineyard Road', city: 'Sonoma', country: 'US', isDefault: true }));
    // Editing sends the version the form started from (If-Match).
    await page.getByRole('button', { name: 'Edit shipping address 1 Vineyard Road' }).click();
    const editForm = page.getByRole('dialog', { name: 'Edit address' });
    await editForm.getByLabel(/^Address line 2/).fill('Gate B');
    await editForm.getByRole('button', { name: 'Save address' }).click();
    await editForm.waitFor({ state: 'hidden' });
    await page.getByRole('article', { name: 'Shipping address 1 Vineyard Road' }).getByText('Gate B').waitFor();

    const phoneInput = page.getByRole('textbox', { name: /^Phone/ });
    expect(await phoneInput.inputValue()).toBe('707-555-0100');
    await phoneInput.fill('707-555-0199');
    await page.getByRole('checkbox', { name: 'Email' }).check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Your changes are saved.').waitFor();
    const saved = await env.api(tenantId, 'GET', `/v1/customers/${memberId}`);
    expect(saved.body).toMatchObject({ phone: '707-555-0199', permissions: { email: true, sms: false } });

    await page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'My club' }).click();
    const membership = page.getByRole('article', { name: /Membership/ });
    await membership.getByText('Active').waitFor();
    await membership.getByText('Pick up at the winery: Tasting room').waitFor();
    await expectAccessible(page);
    await screenshot(page, 'portal-club');

    await page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'My orders' }).click();
    const order = page.getByRole('article', { name: /Order \d+/ });
    await order.getByText('Cabernet Sauvignon 2021').waitFor();
    // The receipt is fetched with the member's token and saved as a PDF.
    const download = page.waitForEvent('download');
    await order.getByRole('button', { name: /Receipt for order \d+ \(PDF\)/ }).click();
    const receipt = await download;
    expect(receipt.suggestedFilename()).toMatch(/^receipt-\d+\.pdf$/);
    expect((await readFile((await receipt.path())!)).subarray(0, 5).toString()).toBe('%PDF-');
    // The winery does not use the cellar: no cellar section at all.
    expect(await page.getByRole('heading', { name: 'My cellar' }).count()).toBe(0);
    await expectAccessible(page);
    await screenshot(page, 'portal-orders');
  }, 120_000);

  it('says a used welcome link no longer works and offers a new one', async () => {
    const page = await phone();
    await page.goto(welcomeLink);
    await page.getByLabel(/^New password/).fill('another good password');
    await page.getByLabel(/^Repeat the new password/).fill('another good password');
    await page.getByRole('button', { name: 'Save password' }).click();

    await page.getByRole('heading', { name: 'This link no longer works' }).waitFor();
    await page.getByText('The password link has already been used.').waitFor();
    await expectAccessible(page);
    await screenshot(page, 'portal-link-used');

    await page.getByLabel(/^Email/).fill(member.email);
    await page.getByRole('button', { name: 'Send me a link' }).click();
    await page.getByText(`If ${member.email} has an account, we sent a link to it.`).waitFor();
    await expectAccessible(page);
    // The old password still works: a refused link changed nothing.
    const login = await fetch(`${env.stack.apiUrl}/portal/${tenantId}/login`, { method: 'POST', body: JSON.stringify({ email: member.email, password }), headers: { 'content-type': 'application/json' } });
    expect(login.status).toBe(200);
  }, 60_000);

  it('locks sign-in after five wrong passwords and says how long to wait', async () => {
    const guessed = await env.api(tenantId, 'POST', '/v1/customers', {
      billingAddress: { firstName: 'Grace', lastName: 'Hopper', email: `grace.${randomUUID().slice(0, 6)}@example.com` },
      sendWelcomeEmail: false,
    });
    expect(guessed.status).toBe(201);
    const page = await newPage({ width: 1280, height: 900 });
    await page.goto(`${env.webUrl}/portal/${tenantId}/sign-in`);
    await page.getByLabel(/^Email/).fill(guessed.body.email);
    const attempt = async (guess: string) => {
      await page.getByLabel(/^Password/).fill(guess);
      const answered = page.waitForResponse((r) => r.url().endsWith('/login') && r.request().method() === 'POST');
      await page.getByRole('button', { name: 'Sign in' }).click();
      return (await answered).status();
    };
    for (let n = 1; n <= 5; n += 1) {
      expect(await attempt(`wrong password ${n}`)).toBe(401);
      await page.getByText('The email or password is not right.').waitFor();
    }
    expect(await attempt('wrong password 6')).toBe(429);
    const locked = page.getByRole('alert').filter({ hasText: 'Sign-in is paused for this email' });
    await locked.waitFor();
    // The real wait, from Retry-After (exposed by CORS): 15 minutes from the first failure.
    expect(await locked.innerText()).toMatch(/Try again in 15 minutes/);
    await locked.getByRole('link', { name: 'Or choose a new password by email' }).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'portal-locked');

    await locked.getByRole('link', { name: 'Or choose a new password by email' }).click();
    await page.getByRole('heading', { name: 'Reset your password' }).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'portal-reset-password');
  }, 90_000);

  it('opens a member’s portal for staff ("Login") with a banner, taking the token out of the address bar', async () => {
    const session = await env.api(tenantId, 'POST', `/v1/customers/${memberId}/portal-session`);
    expect(session.status).toBe(201);
    const page = await phone();
    await page.goto(`${env.webUrl}/portal/${tenantId}/?session=${encodeURIComponent(session.body.token)}`);

    await page.getByRole('heading', { name: 'My account', level: 1 }).waitFor();
    // The staff member who opened it, by name (the token's `act` claim).
    await page.getByRole('status').filter({ hasText: 'Viewing as Ada Lovelace, by API Admin' }).waitFor();
    await eventually(() => !page.url().includes('session='));
    expect(page.url()).toBe(`${env.webUrl}/portal/${tenantId}/account`);
    // The portal's own token store; the staff console's stays empty.
    const storage = await page.evaluate(() => {
      // Runs in the page, whose globals the Node typings do not know.
      const store = (globalThis as unknown as { sessionStorage: { getItem(key: string): string | null } }).sessionStorage;
      return { portal: store.getItem('winery-people.portal-token'), staff: store.getItem('winery-people.token') };
    });
    expect(storage).toEqual({ portal: session.body.token, staff: null });
    // Staff do not know the member's password: no password change offered.
    expect(await page.getByRole('heading', { name: 'Password' }).count()).toBe(0);
    await expectAccessible(page);
    await screenshot(page, 'portal-staff-login');
  }, 60_000);

  it('changes the member’s password and keeps them signed in with the new one', async () => {
    const page = await phone();
    await page.goto(`${env.webUrl}/portal/${tenantId}/account`);
    // Not signed in in this browser: the sign-in page first, then back to the account.
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByLabel(/^Email/).fill(member.email);
    await page.getByLabel(/^Password/).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'My account', level: 1 }).waitFor();

    const newPassword = 'a brand new vintage 2026';
    await page.getByLabel(/^Current password/).fill('not my password at all');
    await page.getByLabel(/^New password/).fill(newPassword);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('is not your current password').waitFor();

    await page.getByLabel(/^Current password/).fill(password);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Your password is changed.').waitFor();
    // The change ended the old session; the portal signed in again, so a reload still shows the account.
    await page.reload();
    await page.getByRole('heading', { name: 'My account', level: 1 }).waitFor();
    await page.getByText(member.email).waitFor();

    const login = (pw: string) =>
      fetch(`${env.stack.apiUrl}/portal/${tenantId}/login`, { method: 'POST', body: JSON.stringify({ email: member.email, password: pw }), headers: { 'content-type': 'application/json' } });
    expect((await login(password)).status).toBe(401);
    expect((await login(newPassword)).status).toBe(200);
  }, 90_000);
});
