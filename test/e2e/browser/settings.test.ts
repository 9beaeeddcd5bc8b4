import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { screenshot, seriousViolations, signIn, startConsole, type ConsoleStack } from './console';

/**
 * The admin Settings screens in Chromium against `npm start`: required fields (seen on Add
 * person), flags, customer classes (a class in use cannot go), clubs with variants.
 */
describe('Settings', () => {
  let env: ConsoleStack;
  const tenantId = `web-${randomUUID().slice(0, 6)}`;
  const pages: Page[] = [];
  const openSettings = async (section: string) => {
    const page = await signIn(env, { tenantId, name: 'Dana Admin', role: 'Admin' });
    pages.push(page);
    await page.goto(`${env.webUrl}/settings?section=${section}`);
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    return page;
  };

  beforeAll(async () => {
    env = await startConsole();
  }, 180_000);
  afterAll(async () => {
    for (const page of pages) await page.context().close();
    await env?.close();
  });

  it('makes a field required, and Add person marks it with the red asterisk', async () => {
    const page = await openSettings('customers');
    const phone = page.getByRole('group', { name: /Required fields/ }).getByRole('checkbox', { name: 'Phone', exact: true });
    await phone.waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'settings-customers');

    await phone.check();
    await page.getByRole('button', { name: 'Add flag' }).click();
    await page.getByRole('group', { name: 'Flag 1' }).getByLabel('Key').fill('vip');
    await page.getByRole('group', { name: 'Flag 1' }).getByLabel('Title').fill('VIP');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved.').waitFor();
    const saved = (await env.api(tenantId, 'GET', '/v1/settings')).body;
    expect(saved.requiredFields).toContain('phone');
    expect(saved.flags).toEqual([{ key: 'vip', title: 'VIP' }]);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' }).click();
    await page.getByRole('link', { name: 'Add person' }).click();
    const input = page.getByRole('textbox', { name: 'Phone', exact: true });
    await input.waitFor();
    expect(await input.getAttribute('required')).not.toBeNull();
    // Mantine's asterisk: a red "*" in the label.
    const asterisk = page.locator(`label[for="${await input.getAttribute('id')}"] .mantine-InputWrapper-required`);
    expect(await asterisk.textContent()).toContain('*');
  }, 90_000);

  it('adds, edits and deletes a customer class, and says so when a class is in use', async () => {
    const page = await openSettings('classes');
    await page.getByLabel('Class name').fill('Employees');
    await page.getByLabel('Discount %').fill('30');
    await page.getByRole('button', { name: 'Add class' }).click();
    await page.getByRole('cell', { name: 'Employees', exact: true }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'settings-classes');

    await page.getByRole('button', { name: 'Edit Employees' }).click();
    const edit = page.getByRole('form', { name: 'Edit Employees' });
    await edit.getByLabel('Discount %').fill('35');
    await edit.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('cell', { name: '35%' }).waitFor();

    // A person in the class: deleting it is refused, and the alert says why.
    const classId = (await env.api(tenantId, 'GET', '/v1/customer-classes')).body.items.find((c: { name: string }) => c.name === 'Employees').id;
    const person = await env.api(tenantId, 'POST', '/v1/customers', {
      billingAddress: { firstName: 'Eve', lastName: 'Employee', email: `eve.${randomUUID().slice(0, 4)}@example.com` },
      phone: '707-555-0100',
      customerClassId: classId,
      sendWelcomeEmail: false,
    });
    expect(person.status).toBe(201);
    await page.getByRole('button', { name: 'Delete Employees' }).click();
    await page.getByRole('dialog', { name: 'Delete Employees' }).getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('alert').waitFor();
    await page.getByRole('cell', { name: 'Employees', exact: true }).waitFor();

    await page.getByLabel('Class name').fill('Trade');
    await page.getByLabel('Discount %').fill('20');
    await page.getByRole('button', { name: 'Add class' }).click();
    await page.getByRole('button', { name: 'Delete Trade' }).click();
    await page.getByRole('dialog', { name: 'Delete Trade' }).getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('cell', { name: 'Trade', exact: true }).waitFor({ state: 'detached' });
  }, 90_000);

  it('adds a club with variants, edits its discount and retires it', async () => {
    const page = await openSettings('clubs');
    await page.getByRole('button', { name: 'Add club' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add club' });
    await dialog.getByLabel('Club name').fill('Reserve Club');
    await dialog.getByLabel('Discount %').fill('15');
    await dialog.getByRole('button', { name: 'Add variant' }).click();
    await dialog.getByLabel('Variant 1 name').fill('Reds only');
    await dialog.getByRole('button', { name: 'Add variant' }).click();
    await dialog.getByLabel('Variant 2 name').fill('Mixed');
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Add club' }).click();
    await page.getByRole('cell', { name: 'Reds only, Mixed' }).waitFor();
    await screenshot(page, 'settings-clubs');

    await page.getByRole('button', { name: 'Edit Reserve Club' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit Reserve Club' });
    await edit.getByLabel('Discount %').fill('20');
    await edit.getByRole('button', { name: 'Save club' }).click();
    await page.getByRole('cell', { name: '20%' }).waitFor();

    await page.getByRole('button', { name: 'Retire Reserve Club' }).click();
    await page.getByText('retired', { exact: true }).waitFor();
    const club = (await env.api(tenantId, 'GET', '/v1/clubs')).body.items[0];
    expect(club).toMatchObject({ name: 'Reserve Club', discountPercent: 20, status: 'retired', variants: [{ name: 'Reds only' }, { name: 'Mixed' }] });
  }, 90_000);
});
