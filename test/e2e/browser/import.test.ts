import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { eventually } from '../../support/eventually';
import { screenshot, seriousViolations, signIn, startConsole, type ConsoleStack } from './console';

/**
 * Settings → Import people and the dashboard's Export CSV in Chromium against `npm start`: a
 * small file with a bad row and a column the screen cannot guess, fixed by hand, imported, and
 * seen where staff look (the profile, its change history, an export).
 */
describe('Import and export people', () => {
  let env: ConsoleStack;
  const tenantId = `web-${randomUUID().slice(0, 6)}`;
  const tag = randomUUID().slice(0, 4);
  const fileName = `old-system-${tag}.csv`;
  const people = [
    ['WD-1', 'Ada', 'Lovelace', `ada.${tag}@example.com`, '707-555-0101', 'Napa'],
    ['WD-2', 'Grace', 'Hopper', `grace.${tag}@example.com`, '707-555-0102', 'Sonoma'],
    ['WD-3', 'Alan', 'Turing', `alan.${tag}@example.com`, '707-555-0103', 'Healdsburg'],
    ['WD-4', 'Bad', 'Email', 'not-an-email', '707-555-0104', 'Napa'],
    ['WD-5', 'Katherine', 'Johnson', `katherine.${tag}@example.com`, '707-555-0105', 'Napa'],
    ['WD-6', 'Edsger', 'Dijkstra', `edsger.${tag}@example.com`, '707-555-0106', 'Calistoga'],
  ];
  // "Best number" is no header the screen knows: staff map it to Phone by hand.
  const csv = ['Customer ID,First Name,Last Name,Email,Best number,City', ...people.map((row) => row.join(','))].join('\r\n');
  let page: Page;

  beforeAll(async () => {
    env = await startConsole();
    page = await signIn(env, { tenantId, name: 'Dana Admin', role: 'Admin' });
  }, 180_000);
  afterAll(async () => {
    await page?.context().close();
    await env?.close();
  });

  const dryRunResults = () => page.getByRole('region', { name: 'Dry run: what the import would do' });

  it('dry-runs a file, shows its bad row, takes a mapping fixed by hand, and imports it', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('link', { name: 'Import people' }).click();
    await page.getByRole('heading', { name: 'Import people', level: 1 }).waitFor();

    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'CSV file' }).click();
    await (await chooser).setFiles({ name: fileName, mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByText(`${fileName}: 6 people, 6 columns.`).waitFor();
    const bestNumber = page.getByRole('combobox', { name: 'Field for Best number' });
    expect(await bestNumber.inputValue()).toBe('');
    expect(await page.getByRole('combobox', { name: 'Field for Customer ID' }).inputValue()).toBe('externalId');

    await page.getByRole('button', { name: 'Dry run' }).click();
    await dryRunResults().waitFor();
    expect(await dryRunResults().getByTestId('count-created').textContent()).toBe('5');
    expect(await dryRunResults().getByTestId('count-invalid').textContent()).toBe('1');
    const badRow = dryRunResults().getByRole('row').filter({ hasText: 'Email' }).filter({ has: page.getByRole('cell', { name: '5', exact: true }) });
    await badRow.waitFor();
    // The API's own message for the bad email, beside the line it is on.
    expect(await badRow.getByRole('cell').nth(2).textContent()).toMatch(/email/i);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'import-dry-run');

    // The invalid rows as a CSV: the file's own columns and why.
    const invalidDownload = page.waitForEvent('download');
    await dryRunResults().getByRole('button', { name: 'Download invalid rows' }).click();
    const invalidCsv = readFileSync((await (await invalidDownload).path())!, 'utf8');
    expect(invalidCsv.split('\r\n')[0]).toBe('Customer ID,First Name,Last Name,Email,Best number,City,errors');
    expect(invalidCsv).toContain('WD-4,Bad,Email,not-an-email');

    await bestNumber.selectOption({ label: 'Phone' });
    await page.getByRole('button', { name: 'Dry run' }).click();
    await dryRunResults().waitFor();
    await page.getByRole('button', { name: 'Import 6 people' }).click();
    const finished = page.getByRole('region', { name: 'Import finished' });
    await finished.waitFor();
    expect(await finished.getByTestId('count-created').textContent()).toBe('5');
    expect(await finished.getByTestId('count-invalid').textContent()).toBe('1');
    await page.getByText('6 of 6 rows · finished').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'import-finished');

    // What staff see: the person with the phone from "Best number", changed through the import.
    await page.getByRole('link', { name: 'See the people' }).click();
    await page.getByRole('link', { name: 'Lovelace, Ada' }).click();
    await page.getByRole('heading', { name: 'Ada Lovelace', level: 1 }).waitFor();
    const phone = page.getByRole('textbox', { name: 'Phone', exact: true });
    await eventually(async () => (await phone.inputValue()) === '707-555-0101');
    await page.getByRole('tab', { name: 'Changes', exact: true }).click();
    const via = page.getByText(`Dana Admin · import ${fileName}`).first();
    // Written from the stream: refresh until it is there.
    await eventually(async () => {
      if (await via.isVisible()) return true;
      await page.getByRole('button', { name: 'Refresh' }).click();
      return false;
    }, { timeoutMs: 20_000, intervalMs: 1000 });
  }, 120_000);

  it('resumes a stopped import of the same file where it stopped, and makes nobody twice', async () => {
    const otherTenant = `web-${randomUUID().slice(0, 6)}`;
    const resumePage = await signIn(env, { tenantId: otherTenant, name: 'Dana Admin', role: 'Admin' });
    try {
      const guests = Array.from({ length: 150 }, (_, i) => ({ firstName: 'Guest', lastName: `Number${i}`, email: `guest${i}.${tag}@example.com` }));
      const file = ['First Name,Last Name,Email', ...guests.map((g) => `${g.firstName},${g.lastName},${g.email}`)].join('\r\n');
      const name = `guests-${tag}.csv`;
      // The second batch reaches the service, but its answer is lost on the way back, three times
      // (the console's tries): the run stops there, and the batch is sent again when it resumes.
      let lost = 0;
      await resumePage.route('**/v1/customers/import', async (route) => {
        if (lost === 3 || !route.request().headers()['idempotency-key']?.endsWith('-b1')) return route.continue();
        await route.fetch();
        lost += 1;
        await route.fulfill({ status: 503, contentType: 'application/problem+json', body: JSON.stringify({ type: 'about:blank', title: 'Service unavailable', status: 503 }) });
      });
      const chooseFile = async () => {
        await resumePage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
        await resumePage.getByRole('link', { name: 'Import people' }).click();
        const chooser = resumePage.waitForEvent('filechooser');
        await resumePage.getByRole('button', { name: 'CSV file' }).click();
        await (await chooser).setFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(file) });
        await resumePage.getByText(`${name}: 150 people, 3 columns.`).waitFor();
      };
      await chooseFile();
      await resumePage.getByRole('button', { name: 'Dry run' }).click();
      await resumePage.getByRole('region', { name: 'Dry run: what the import would do' }).waitFor();
      await resumePage.getByRole('button', { name: 'Import 150 people' }).click();
      await resumePage.getByText(/of 150 rows · stopped/).waitFor({ timeout: 90_000 });
      expect(lost).toBe(3);

      // Another visit, the same file: the screen offers to go on from the first row not answered.
      await resumePage.reload();
      await chooseFile();
      await resumePage.getByText("This file's import was stopped").waitFor();
      // Row 101; row 1 only when a machine too busy to answer the first batch in time stopped it there.
      await resumePage.getByRole('button', { name: /^Resume from row (101|1)$/ }).click();
      const finished = resumePage.getByRole('region', { name: 'Import finished' });
      await finished.waitFor({ timeout: 90_000 });
      await resumePage.getByText('150 of 150 rows · finished').waitFor();
      const count = async (status: string) => Number(await finished.getByTestId(`count-${status}`).textContent());
      // The batch sent again answered what it did the first time.
      expect((await count('created')) + (await count('unchanged'))).toBe(150);
      expect(await count('invalid')).toBe(0);

      // Nobody twice, no number taken twice: each row names one person, numbered 1000 to 1149.
      const results: { status: string; customerNumber: number }[] = [];
      for (const batch of [guests.slice(0, 100), guests.slice(100)]) {
        const check = await env.api(otherTenant, 'POST', '/v1/customers/import', { rows: batch.map((billingAddress) => ({ billingAddress })), dryRun: true });
        expect(check.status).toBe(200);
        results.push(...check.body.results);
      }
      expect(results.every((result) => result.status === 'unchanged')).toBe(true);
      expect(new Set(results.map((result) => result.customerNumber))).toEqual(new Set(guests.map((_, i) => 1000 + i)));
    } finally {
      // Closed even when the test fails: a run left going would load the next test's stack.
      await resumePage.context().close();
    }
  }, 180_000);

  it('exports the people as a CSV file from the dashboard', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' }).click();
    await page.getByRole('link', { name: 'Dijkstra, Edsger' }).waitFor();
    const download = page.waitForEvent('download', { timeout: 60_000 });
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^people-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = readFileSync((await file.path())!, 'utf8').trim().split('\r\n');
    expect(lines[0]).toMatch(/^customerNumber,externalId,billingAddress\.firstName,/);
    expect(lines).toHaveLength(6);
    for (const [externalId, first, last, email, phone] of people.filter((row) => row[0] !== 'WD-4')) {
      expect(lines.find((line) => line.includes(email!))).toEqual(expect.stringContaining(`${externalId},${first},${last},${email}`));
      expect(lines.find((line) => line.includes(email!))).toContain(phone);
    }
    await page.getByText('Exported 5 people.').waitFor();
  }, 60_000);
});
