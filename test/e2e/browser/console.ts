import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';
import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { localDynamoClient, PROJECT_ROOT } from '../../../infra/local/dynamodb-local';
import { customerKeys } from '../../../shared/people/keys';
import { startLocalStackProcess, type LocalStackProcess } from '../../support/local-stack';

/**
 * The staff console in a real browser: Debian's Chromium (Playwright's own browser download
 * cannot work here), driven by playwright-core, against `npm start` on free ports.
 */

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export const SCREENSHOTS = join(PROJECT_ROOT, 'web/screenshots');

export interface ConsoleStack {
  readonly stack: LocalStackProcess;
  readonly browser: Browser;
  /** The console's origin, from the stack's banner. */
  readonly webUrl: string;
  /** Calls the API as a staff member of `tenantId` (admin unless said otherwise). */
  api(tenantId: string, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any }>;
  /**
   * Puts a card on file that has since expired: the API refuses an expiry in the past, so the
   * card is added as it was then and its stored expiry is moved back, as time would have.
   */
  expiredCard(tenantId: string, customerId: string, card: { brand: string; last4: string; expMonth: number; expYear: number; cardholderName: string }): Promise<void>;
  close(): Promise<void>;
}

/** One stack and one browser per test file. */
export async function startConsole(): Promise<ConsoleStack> {
  const stack = await startLocalStackProcess({ readyTimeoutMs: 150_000 });
  const webUrl = /Console\s+(http:\/\/\S+)/.exec(stack.output())?.[1];
  if (!webUrl) {
    await stack.stop();
    throw new Error(`The stack printed no console URL:\n${stack.output()}`);
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const tokens = new Map<string, string>();
  const env: ConsoleStack = {
    stack,
    browser,
    webUrl,
    async api(tenantId, method, path, body, headers = {}) {
      let token = tokens.get(tenantId);
      if (!token) tokens.set(tenantId, (token = await stack.token(tenantId, ['admin'], 'api-admin', 'API Admin')));
      // A 503 (busy, or out of time on a loaded machine) says Retry-After: a request that is safe
      // to repeat (a read, a dry run, one with an Idempotency-Key) is sent again, as a client would.
      const repeatable = method === 'GET' || (body as { dryRun?: unknown } | undefined)?.dryRun === true || Object.keys(headers).some((name) => name.toLowerCase() === 'idempotency-key');
      for (let attempt = 1; ; attempt += 1) {
        const response = await fetch(`${stack.apiUrl}${path}`, {
          method,
          headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        const text = await response.text();
        if (response.status === 503 && repeatable && attempt < 3) {
          await new Promise((resolve) => setTimeout(resolve, 1000 * Number(response.headers.get('retry-after') ?? 1)));
          continue;
        }
        return { status: response.status, body: text ? JSON.parse(text) : undefined };
      }
    },
    async expiredCard(tenantId, customerId, card) {
      const added = await env.api(tenantId, 'POST', `/v1/customers/${customerId}/cards`, { ...card, processor: 'test', token: 'tok_then', expYear: new Date().getUTCFullYear() + 1 });
      if (added.status !== 201) throw new Error(`POST …/cards answered ${added.status}`);
      const client = localDynamoClient(process.env.DYNAMODB_ENDPOINT!);
      try {
        const key = customerKeys.card(tenantId, customerId, added.body.id);
        await client.send(
          new UpdateItemCommand({
            TableName: stack.tableName,
            Key: { pk: { S: key.pk }, sk: { S: key.sk } },
            UpdateExpression: 'SET expYear = :year',
            ExpressionAttributeValues: { ':year': { N: String(card.expYear) } },
          }),
        );
      } finally {
        client.destroy();
      }
    },
    async close() {
      await browser.close();
      await stack.stop();
    },
  };
  return env;
}

/**
 * A fresh browser context (its own storage: a browser of its own), signed in through the local
 * sign-in page. `options` can set, say, the browser's time zone.
 */
export async function signIn(env: ConsoleStack, who: { tenantId: string; name: string; role: 'Admin' | 'Staff' | 'Viewer' }, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce', ...options });
  const page = await context.newPage();
  await page.goto(env.webUrl);
  await page.getByLabel('Winery').fill(who.tenantId);
  await page.getByLabel('Your name').fill(who.name);
  await page.getByText(who.role, { exact: true }).click();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'People', level: 1, exact: true }).waitFor();
  return page;
}

/** Serious and critical accessibility violations on the page as it is now (axe-core, WCAG 2.x A and AA). */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Saves the page as web/screenshots/<name>.png (used by the README). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/**
 * The WCAG contrast ratio of an element's text against its own background (its computed colours,
 * the background's alpha laid over white): axe leaves a button whose background is a colour of
 * its own "to review", so a check that must not pass unread is made here.
 */
export async function contrastRatio(element: Locator): Promise<number> {
  const [fg, bg] = await element.evaluate((el: any) => {
    const style = el.ownerDocument.defaultView.getComputedStyle(el);
    return [style.color, style.backgroundColor];
  });
  const rgba = (css: string) => (css.match(/[\d.]+/g) ?? []).map(Number);
  const [br = 255, bgG = 255, bb = 255, ba = 1] = rgba(bg);
  const over = (c: number) => c * ba + 255 * (1 - ba);
  const [fr = 0, fgG = 0, fb = 0] = rgba(fg);
  const luminance = (r: number, g: number, b: number) =>
    [r, g, b].map((c) => c / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)).reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i]!, 0);
  const a = luminance(fr, fgG, fb);
  const b = luminance(over(br), over(bgG), over(bb));
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}
