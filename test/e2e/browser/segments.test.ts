import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { screenshot, seriousViolations, signIn, startConsole, type ConsoleStack } from './console';

/**
 * People → Segments in Chromium against `npm start` (its stream consumers and jobs running):
 * a segment built with the rule builder (its live count while editing), counted in the
 * background, its people listed and exported, its count following a new person, the People
 * list filtered by it; and a person's order statistics in the profile header.
 */
describe('Segments', () => {
  let env: ConsoleStack;
  let page: Page;
  const tenantId = `seg-${randomUUID().slice(0, 6)}`;
  const person = async (lastName: string, region: string, flags: string[], extra: Record<string, unknown> = {}) => {
    const created = await env.api(tenantId, 'POST', '/v1/customers', {
      billingAddress: { firstName: 'Pat', lastName, email: `${lastName.toLowerCase()}.${randomUUID().slice(0, 4)}@example.com`, region, country: 'US' },
      flags,
      sendWelcomeEmail: false,
      ...extra,
    });
    expect(created.status).toBe(201);
    return created.body as { id: string };
  };

  beforeAll(async () => {
    env = await startConsole();
    const settings = (await env.api(tenantId, 'GET', '/v1/settings')).body;
    expect((await env.api(tenantId, 'PUT', '/v1/settings', { ...settings, flags: [{ key: 'vip', title: 'VIP' }] })).status).toBe(200);
    await person('Alvarez', 'CA', ['vip']);
    await person('Brooks', 'CA', ['vip']);
    await person('Chen', 'ca', ['vip']);
    await person('Diaz', 'OR', ['vip']);
    await person('Evans', 'CA', []);
    await person('Foster', 'WA', []);
    page = await signIn(env, { tenantId, name: 'Dana Admin', role: 'Admin' });
  }, 240_000);
  afterAll(async () => {
    await page?.context().close();
    await env?.close();
  });

  it('builds a segment with a live count, counts it in the background, lists and exports its people', async () => {
    await page.getByRole('link', { name: 'Segments' }).click();
    await page.getByRole('heading', { name: 'Segments', level: 1 }).waitFor();
    await page.getByText('No segments yet.').waitFor();
    await page.getByRole('link', { name: 'New segment' }).click();
    await page.getByRole('heading', { name: 'New segment', level: 1 }).waitFor();

    await page.getByRole('textbox', { name: 'Name' }).fill('VIPs in California');
    await page.getByRole('combobox', { name: 'Rule 1: value' }).click();
    await page.getByRole('option', { name: 'VIP' }).click();
    await page.getByRole('button', { name: 'Add rule' }).click();
    await page.getByRole('combobox', { name: 'Rule 2: field' }).click();
    await page.getByRole('option', { name: 'Region (billing address)' }).click();
    const regions = page.getByRole('combobox', { name: 'Rule 2: value' });
    await regions.fill('CA');
    await regions.press('Enter');
    // The dry count: three VIPs whose billing region is CA, whatever its case, of the six people.
    await page.getByText('3 people match now, of 6 people').waitFor({ timeout: 30_000 });
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'segment-editor');

    await page.getByRole('button', { name: 'Create segment' }).click();
    await page.getByRole('heading', { name: 'VIPs in California', level: 1 }).waitFor();
    // Counted in the background by the local stack's stream consumer.
    await page.getByText(/^3 people · counted /).waitFor({ timeout: 30_000 });
    for (const name of ['Alvarez, Pat', 'Brooks, Pat', 'Chen, Pat']) await page.getByRole('link', { name }).waitFor();
    await expect(page.getByRole('link', { name: 'Diaz, Pat' }).count()).resolves.toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'segment');

    const download = page.waitForEvent('download', { timeout: 60_000 });
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const file = await download;
    const lines = readFileSync((await file.path())!, 'utf8').trim().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines.slice(1).map((line) => line.split(',')[3]).sort()).toEqual(['Alvarez', 'Brooks', 'Chen']);
    await page.getByText('Exported 3 people.').waitFor();
  }, 180_000);

  it("follows a new person into the segment's count within seconds, and filters the People list by the segment", async () => {
    await person('Garcia', 'CA', ['vip']);
    await page.getByText(/^4 people · counted /).waitFor({ timeout: 30_000 });
    await page.getByRole('link', { name: 'Garcia, Pat' }).waitFor();

    await page.getByRole('link', { name: 'Segments', exact: true }).click();
    await page.getByRole('cell', { name: '4 people' }).waitFor();
    await screenshot(page, 'segments');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' }).click();
    await page.getByRole('combobox', { name: 'Segment' }).click();
    await page.getByRole('option', { name: 'VIPs in California' }).click();
    await page.getByText('Showing 4 people').waitFor();
    expect(new URL(page.url()).searchParams.get('segmentId')).toMatch(/^\w+$/);
    await expect(page.getByRole('textbox', { name: 'Search' }).isDisabled()).resolves.toBe(true);
  }, 90_000);

  it('shows what a person is worth in the profile header as soon as their order answers', async () => {
    const buyer = await person('Hughes', 'CA', [], { birthDate: '1980-04-02' });
    expect((await env.api(tenantId, 'POST', `/v1/customers/${buyer.id}/age-verification`, { method: 'manual', note: 'Driver licence checked at the counter' })).status).toBe(200);
    const order = await env.api(tenantId, 'POST', '/v1/orders', { customerId: buyer.id, fulfillment: 'pickup', lines: [{ sku: 'CAB', name: 'Cabernet', quantity: 2, unitPriceCents: 4500 }] });
    expect(order.status).toBe(201);
    const profile = await page.context().newPage();
    try {
      // The order moved them in its own write: the profile opened right after shows them.
      await profile.goto(`${env.webUrl}/people/${buyer.id}`);
      await profile.getByRole('heading', { name: 'Pat Hughes', level: 1 }).waitFor();
      await profile.getByText(/^1 order · lifetime value \$90\.00 · first .+ · last /).waitFor({ timeout: 5_000 });
    } finally {
      await profile.close();
    }
  }, 90_000);
});
