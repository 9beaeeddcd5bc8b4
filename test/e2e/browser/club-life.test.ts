import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { screenshot, seriousViolations, signIn, startConsole, type ConsoleStack } from './console';

/**
 * Club life as staff and members meet it, in Chromium against `npm start`: the cancel dialog's
 * save offer and the winery's reasons, a gift membership, the club's page and the dashboard's
 * club line, the winery's reasons and self-service settings, and a member pausing within and
 * beyond the winery's limit on a phone. Each screen is checked with axe and saved to
 * web/screenshots/.
 */
describe('Club life', () => {
  let env: ConsoleStack;
  const tenantId = `web-${randomUUID().slice(0, 6)}`;
  const pages: Page[] = [];
  const password = 'correct horse battery staple';
  const nextYear = new Date().getUTCFullYear() + 1;
  let club: { id: string; variants: { id: string; name: string }[] };
  const people: Record<'ada' | 'bob' | 'cy' | 'grace' | 'dee', { id: string; email: string }> = {} as never;

  const person = async (firstName: string, lastName: string) => {
    const created = await env.api(tenantId, 'POST', '/v1/customers', {
      billingAddress: { firstName, lastName, email: `${firstName.toLowerCase()}.${randomUUID().slice(0, 6)}@example.com` },
      sendWelcomeEmail: false,
    });
    expect(created.status).toBe(201);
    return created.body as { id: string; email: string };
  };
  const join = async (customerId: string) =>
    expect((await env.api(tenantId, 'POST', `/v1/customers/${customerId}/memberships`, { clubId: club.id, variantId: club.variants[0]!.id, shippingPreference: 'ship' })).status).toBe(201);
  const staffPage = async () => {
    const page = await signIn(env, { tenantId, name: 'Dana Admin', role: 'Admin' });
    pages.push(page);
    return page;
  };
  const clubsTab = async (page: Page, customerId: string, name: string) => {
    await page.goto(`${env.webUrl}/people/${customerId}?tab=clubs`);
    await page.getByRole('heading', { name, level: 1 }).waitFor();
    return page.getByRole('article', { name: 'Reserve Club membership' });
  };

  beforeAll(async () => {
    env = await startConsole();
    const settings = await env.api(tenantId, 'GET', '/v1/settings');
    const saved = await env.api(tenantId, 'PUT', '/v1/settings', {
      ...settings.body,
      wineryName: 'Hillside Cellars',
      clubSelfService: { pause: { allowed: true, maxDaysPerYear: 30 }, changeVariant: true, changeShipping: true, cancel: true },
    });
    expect(saved.status).toBe(200);
    const created = await env.api(tenantId, 'POST', '/v1/clubs', { name: 'Reserve Club', discountPercent: 15, variants: [{ name: 'Reds only' }, { name: 'Mixed' }] });
    expect(created.status).toBe(201);
    club = created.body;
    people.ada = await person('Ada', 'Lovelace');
    people.bob = await person('Bob', 'Barolo');
    people.cy = await person('Cy', 'Cabernet');
    people.grace = await person('Grace', 'Hopper');
    people.dee = await person('Dee', 'Member');
    for (const who of [people.bob, people.cy, people.dee]) await join(who.id);
    expect((await env.api(tenantId, 'POST', `/v1/customers/${people.dee.id}/password`, { newPassword: password })).status).toBe(204);
  }, 180_000);

  afterAll(async () => {
    for (const page of pages) await page.context().close();
    await env?.close();
  });

  it('offers a pause before a cancel (a save), and cancels with one of the winery’s reasons and a note', async () => {
    const page = await staffPage();

    // Bob takes the save offer: a pause instead.
    let membership = await clubsTab(page, people.bob.id, 'Bob Barolo');
    await membership.getByRole('button', { name: 'Cancel membership' }).click();
    const offer = page.getByRole('dialog', { name: 'Before cancelling Reserve Club: would a pause help?' });
    await offer.getByText('A pause keeps them in the club').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'club-cancel-save-offer');
    await offer.getByRole('button', { name: 'Offer a pause' }).click();
    const pause = page.getByRole('dialog', { name: 'Pause Reserve Club instead' });
    await pause.getByLabel('Until').fill(`${nextYear}-01-31`);
    await pause.getByRole('combobox', { name: 'Reason' }).click();
    await page.getByRole('option', { name: 'Traveling' }).click();
    await pause.getByRole('button', { name: 'Pause now' }).click();
    await pause.waitFor({ state: 'detached' });
    await membership.getByText(/Paused from .* until Jan 31, \d{4} · Traveling/).waitFor();
    const bob = (await env.api(tenantId, 'GET', `/v1/customers/${people.bob.id}`)).body.memberships[0];
    expect(bob).toMatchObject({ status: 'paused', pausedUntil: `${nextYear}-01-31`, pauseReasonKey: 'travel' });

    // Cy declines it and leaves: a reason is required, a note is kept.
    membership = await clubsTab(page, people.cy.id, 'Cy Cabernet');
    const memberBadge = page.getByText('Club member', { exact: true });
    await memberBadge.waitFor();
    await membership.getByRole('button', { name: 'Cancel membership' }).click();
    await page.getByRole('dialog', { name: 'Before cancelling Reserve Club: would a pause help?' }).getByRole('button', { name: 'No, cancel the membership' }).click();
    const cancel = page.getByRole('dialog', { name: 'Cancel the Reserve Club membership?' });
    await cancel.getByRole('button', { name: 'Confirm cancellation' }).click();
    await cancel.getByText('Pick why they are leaving').waitFor();
    await cancel.getByRole('combobox', { name: 'Reason' }).click();
    await page.getByRole('option', { name: 'Too expensive' }).click();
    await cancel.getByLabel('Note').fill('Found a cheaper club nearby');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'club-cancel-reason');
    await cancel.getByRole('button', { name: 'Confirm cancellation' }).click();
    await cancel.waitFor({ state: 'detached' });
    await membership.getByText('Too expensive (Found a cheaper club nearby)', { exact: false }).waitFor();
    // The header says it with the cancel's answer (no reload): no longer a club member.
    await memberBadge.waitFor({ state: 'detached', timeout: 5_000 });
    expect((await env.api(tenantId, 'GET', `/v1/customers/${people.cy.id}`)).body.memberships[0]).toMatchObject({
      status: 'cancelled',
      cancelReasonKey: 'price',
      cancelReason: 'Too expensive',
      cancelNote: 'Found a cheaper club nearby',
    });
  }, 120_000);

  it('gives a club member a better class in the General tab: the header says it with the save’s answer', async () => {
    expect((await env.api(tenantId, 'POST', '/v1/customer-classes', { name: 'Partner', discountPercent: 40 })).status).toBe(201);
    const page = await staffPage();
    await page.goto(`${env.webUrl}/people/${people.dee.id}?tab=general`);
    await page.getByRole('heading', { name: 'Dee Member', level: 1 }).waitFor();
    // The club's class is in effect; the header's badge names it.
    const badge = (name: string) => page.locator('.mantine-Badge-root', { hasText: new RegExp(`^${name}$`) });
    await badge('Reserve Club').waitFor();
    await page.getByRole('combobox', { name: 'Class' }).click();
    await page.getByRole('option', { name: 'Partner (40%)' }).click();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Changes saved.').waitFor();
    await badge('Partner').waitFor({ timeout: 5_000 });
    expect(await badge('Reserve Club').count()).toBe(0);
    expect((await env.api(tenantId, 'GET', `/v1/customers/${people.dee.id}`)).body.effectiveClassId).toBe((await env.api(tenantId, 'GET', '/v1/customer-classes')).body.items.find((c: { name: string }) => c.name === 'Partner').id);
  }, 60_000);

  it('gives a membership as a gift: the giver found by name, a message and an end, on both timelines', async () => {
    const page = await staffPage();
    await page.goto(`${env.webUrl}/people/${people.ada.id}?tab=clubs`);
    await page.getByRole('heading', { name: 'Ada Lovelace', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Add Club' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add club' });
    await dialog.getByRole('combobox', { name: 'Club' }).click();
    await page.getByRole('option', { name: /Reserve Club/ }).click();
    await dialog.getByRole('combobox', { name: 'Variant' }).click();
    await page.getByRole('option', { name: 'Mixed' }).click();
    await dialog.getByLabel('This membership is a gift').check();
    await dialog.getByRole('combobox', { name: 'Given by' }).fill('Grac');
    await page.getByRole('option', { name: /Grace Hopper/ }).click();
    await dialog.getByLabel('Message').fill('Happy birthday, Ada!');
    await dialog.getByLabel('Ends on').fill(`${nextYear}-06-30`);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'club-gift');
    await dialog.getByRole('button', { name: 'Add club' }).click();
    await dialog.waitFor({ state: 'detached' });
    const membership = page.getByRole('article', { name: 'Reserve Club membership' });
    await membership.getByText(`A gift from Grace Hopper, until Jun 30, ${nextYear}`).waitFor();
    await membership.getByLabel('Gift message').getByText('Happy birthday, Ada!').waitFor();

    await page.goto(`${env.webUrl}/people/${people.grace.id}?tab=crm`);
    await page.getByText(`Gave Reserve Club to Ada Lovelace, until ${nextYear}-06-30`).waitFor();
  }, 120_000);

  it("shows each club's stats on its page and a club line on the People dashboard, and edits the winery's reasons and limits", async () => {
    const page = await staffPage();
    // Kept from the stream: the numbers show a moment later.
    await page.getByText(/Clubs: 2 active members · 1 paused · last 30 days: 4 joined, 1 cancelled, 1 kept by a pause/).waitFor({ timeout: 30_000 });
    await screenshot(page, 'dashboard-club-line');

    await page.goto(`${env.webUrl}/settings?section=clubs`);
    await page.getByRole('link', { name: 'Reserve Club' }).click();
    await page.getByRole('heading', { name: 'Reserve Club', level: 1 }).waitFor();
    await page.getByRole('group', { name: 'Kept by a pause, last 30 days' }).getByText('1', { exact: true }).waitFor({ timeout: 30_000 });
    await page.getByRole('group', { name: 'Active members' }).getByText('2', { exact: true }).waitFor();
    await page.getByText('50% of those who asked to leave').waitFor();
    await page.getByRole('region', { name: 'Why members left (last 30 days)' }).getByRole('cell', { name: 'Too expensive' }).waitFor();
    await page.getByRole('region', { name: 'Why members paused (last 30 days)' }).getByRole('cell', { name: 'Traveling' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'club-page');

    await page.goto(`${env.webUrl}/settings?section=club-rules`);
    const form = page.getByRole('form', { name: 'Club reasons and self-service' });
    await form.getByRole('button', { name: 'Add cancel reason' }).click();
    const added = form.getByRole('group', { name: 'Reasons for cancelling: 7' });
    await added.getByLabel('Key').fill('wine-club-elsewhere');
    await added.getByLabel('Title').fill('Joined another winery’s club');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'settings-club-rules');
    await form.getByRole('button', { name: 'Save club settings' }).click();
    await page.getByText('Club settings saved.').waitFor();
    const settings = (await env.api(tenantId, 'GET', '/v1/settings')).body;
    expect(settings.clubReasons.cancel).toContainEqual({ key: 'wine-club-elsewhere', title: 'Joined another winery’s club' });
    expect(settings.clubSelfService).toEqual({ pause: { allowed: true, maxDaysPerYear: 30 }, changeVariant: true, changeShipping: true, cancel: true });
  }, 120_000);

  it('lets a member pause within the winery’s limit on a phone, and says why beyond it', async () => {
    const context = await env.browser.newContext({ viewport: { width: 375, height: 812 }, reducedMotion: 'reduce' });
    const page = await context.newPage();
    pages.push(page);
    await page.goto(`${env.webUrl}/portal/${tenantId}/sign-in`);
    await page.getByLabel(/^Email/).fill(people.dee.email);
    await page.getByLabel(/^Password/).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'My account', level: 1 }).waitFor();
    await page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'My club' }).click();
    const card = page.getByRole('article', { name: 'Membership: Reserve Club' });
    await card.getByText('You can pause up to 30 days a year; 30 left this year.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    // Beyond the limit: 45 days next spring. The API says why, and the dialog shows it.
    await card.getByRole('button', { name: 'Pause', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Pause Reserve Club' });
    await dialog.getByText('From a later day').click();
    await dialog.getByLabel(/^From\s*\*?$/).fill(`${nextYear}-03-01`);
    await dialog.getByLabel('Until').fill(`${nextYear}-04-15`);
    await dialog.getByRole('button', { name: 'Book the pause' }).click();
    await dialog.getByText(`A membership can be paused at most 30 days a year; this pause would make 45 days in ${nextYear}. Choose an end date on or before ${nextYear}-03-31.`).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'portal-club-pause-refused');

    // Within it: booked, and the card says so.
    await dialog.getByLabel('Until').fill(`${nextYear}-03-21`);
    await dialog.getByRole('button', { name: 'Book the pause' }).click();
    await dialog.waitFor({ state: 'detached' });
    await card.getByText(`Pause booked from Mar 1, ${nextYear} until Mar 21, ${nextYear}`).waitFor();
    await card.getByRole('button', { name: 'Keep it active' }).waitFor();

    // Leaving offers a pause first.
    await card.getByRole('button', { name: 'Cancel membership' }).click();
    const leave = page.getByRole('dialog', { name: 'Leave Reserve Club?' });
    await leave.getByRole('button', { name: 'Keep my membership' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'portal-club-cancel');
    await leave.getByRole('button', { name: 'Keep my membership' }).click();
    await leave.waitFor({ state: 'detached' });
    await screenshot(page, 'portal-club-self-service');

    expect((await env.api(tenantId, 'GET', `/v1/customers/${people.dee.id}`)).body.memberships[0]).toMatchObject({
      status: 'active',
      scheduledPause: { from: `${nextYear}-03-01`, until: `${nextYear}-03-21` },
    });
  }, 120_000);
});
