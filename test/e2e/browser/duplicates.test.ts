import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { eventually } from '../../support/eventually';
import { screenshot, seriousViolations, signIn, startConsole, type ConsoleStack } from './console';

/**
 * One person, once, as staff use it in Chromium against `npm start`: the possible duplicates
 * side by side, a merge and its Undo from the toast, the survivor's Merges tab with Undo, and an
 * admin erasing a person through the Privacy menu (typing the name to confirm).
 */
describe('Duplicates, merge, undo and erase in the console', () => {
  let env: ConsoleStack;
  const tenantId = `dup-${randomUUID().slice(0, 6)}`;
  const pages: Page[] = [];
  const people: Record<string, { id: string; customerNumber: number; version: number; email: string }> = {};

  const create = async (key: string, firstName: string, lastName: string, extra: Record<string, unknown> = {}) => {
    const created = await env.api(tenantId, 'POST', '/v1/customers', {
      billingAddress: { firstName, lastName, email: `${firstName.toLowerCase()}.${randomUUID().slice(0, 6)}@example.com`, line1: '12 Vine Rd', postalCode: '94558', country: 'US' },
      sendWelcomeEmail: false,
      ...extra,
    });
    expect(created.status).toBe(201);
    people[key] = created.body;
  };
  const open = async (role: 'Admin' | 'Staff' | 'Viewer') => {
    const page = await signIn(env, { tenantId, name: `${role} Person`, role });
    pages.push(page);
    return page;
  };

  beforeAll(async () => {
    env = await startConsole();
    await create('robert', 'Robert', 'Müller', { phone: '707-555-0111' });
    await create('bob', 'Bob', 'Muller', { phone: '707-555-0111' });
    await create('zelda', 'Zelda', 'Quintero', { phone: '707-555-0177' });
  }, 180_000);
  afterAll(async () => {
    for (const page of pages) await page.context().close();
    await env?.close();
  });

  it('shows a possible duplicate side by side, merges it, and the toast’s Undo gives both back', async () => {
    const page = await open('Staff');
    await page.getByRole('link', { name: 'Possible duplicates' }).click();
    await page.getByRole('heading', { name: 'Possible duplicates', level: 1 }).waitFor();
    const card = page.getByLabel(/Possible duplicate: Robert Müller .* and Bob Muller|Possible duplicate: Bob Muller .* and Robert Müller/);
    // Kept from the stream: the pair appears a moment after the people were added.
    await eventually(async () => {
      if (await card.isVisible()) return true;
      await page.reload();
      await page.getByRole('heading', { name: 'Possible duplicates', level: 1 }).waitFor();
      return false;
    }, { timeoutMs: 60_000, intervalMs: 1000 });
    await card.getByText('Same phone').waitFor();
    await card.getByText('Similar name, shared address or phone').waitFor();
    // The names differ, the phones do not.
    expect(await card.getByRole('row', { name: /^Name/ }).getAttribute('data-differs')).toBe('true');
    expect(await card.getByRole('row', { name: /^Phone/ }).getAttribute('data-differs')).toBeNull();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'duplicates');

    const robert = people.robert!;
    const bob = people.bob!;
    await card.getByRole('button', { name: `Keep #${robert.customerNumber}, merge #${bob.customerNumber} into it` }).click();
    const toast = page.getByRole('alert').filter({ hasText: `Merged Bob Muller (#${bob.customerNumber}) into Robert Müller (#${robert.customerNumber}).` });
    await toast.waitFor();
    expect((await env.api(tenantId, 'GET', `/v1/customers/${bob.id}`)).status).toBe(410);
    expect((await env.api(tenantId, 'GET', `/v1/customers/${robert.id}`)).body.emails.map((e: { email: string }) => e.email)).toContain(bob.email);

    await toast.getByRole('button', { name: 'Undo' }).click();
    await page.getByText('The merge was undone: both people are back.').waitFor();
    const back = await env.api(tenantId, 'GET', `/v1/customers/${bob.id}`);
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ customerNumber: bob.customerNumber, email: bob.email, firstName: 'Bob' });
    expect((await env.api(tenantId, 'GET', `/v1/customers/${robert.id}`)).body.emails.map((e: { email: string }) => e.email)).not.toContain(bob.email);
  });

  it('lists the survivor’s merges on the profile, with Undo', async () => {
    const robert = people.robert!;
    const bob = people.bob!;
    expect((await env.api(tenantId, 'POST', `/v1/customers/${robert.id}/merge`, { absorbedId: bob.id })).status).toBe(200);
    const page = await open('Staff');
    // An old link to the absorbed person opens the survivor.
    await page.goto(`${env.webUrl}/people/${bob.id}`);
    await page.getByRole('heading', { name: 'Robert Müller', level: 1 }).waitFor();
    expect(page.url()).toContain(`/people/${robert.id}`);
    await page.goto(`${env.webUrl}/people/${robert.id}?tab=merges`);
    const merges = page.getByRole('table', { name: 'Merges into this person' });
    // The first merge (undone from the toast) and this one.
    const undoButton = merges.getByRole('button', { name: `Undo merge of #${bob.customerNumber}` });
    await undoButton.waitFor();
    expect(await merges.getByRole('cell', { name: `Bob Muller (#${bob.customerNumber})` }).count()).toBe(2);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'tab-merges');
    await undoButton.click();
    await page.getByText(`Bob Muller is back as #${bob.customerNumber}.`).waitFor();
    await undoButton.waitFor({ state: 'detached' });
    expect(await merges.getByText(/^Undone /).count()).toBe(2);
    expect((await env.api(tenantId, 'GET', `/v1/customers/${bob.id}`)).status).toBe(200);
  });

  it('lets an admin erase a person once the name is typed, and shows no Privacy menu to staff', async () => {
    const zelda = people.zelda!;
    const staffPage = await open('Staff');
    await staffPage.goto(`${env.webUrl}/people/${zelda.id}`);
    await staffPage.getByRole('heading', { name: 'Zelda Quintero', level: 1 }).waitFor();
    expect(await staffPage.getByRole('button', { name: 'Privacy' }).count()).toBe(0);

    const page = await open('Admin');
    await page.goto(`${env.webUrl}/people/${zelda.id}`);
    await page.getByRole('heading', { name: 'Zelda Quintero', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Privacy' }).click();
    await page.getByRole('menuitem', { name: 'Erase…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Erase Zelda Quintero?' });
    await dialog.getByLabel('Reason').fill('CCPA deletion request');
    const erase = dialog.getByRole('button', { name: 'Erase personal data' });
    await dialog.getByLabel('Type Zelda Quintero to confirm').fill('Zelda');
    expect(await erase.isDisabled()).toBe(true);
    await dialog.getByLabel('Type Zelda Quintero to confirm').fill('Zelda Quintero');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'erase-dialog');
    await erase.click();
    await page.getByRole('heading', { name: `Erased customer #${zelda.customerNumber}`, level: 1 }).waitFor();
    const profile = await env.api(tenantId, 'GET', `/v1/customers/${zelda.id}`);
    expect(JSON.stringify(profile.body)).not.toMatch(/Zelda|Quintero|555-0177/);
  });
});
