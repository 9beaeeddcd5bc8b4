import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { startLocalStackProcess, type LocalStackProcess } from '../support/local-stack';

/**
 * The attacks of an attack run against `npm start`, over HTTP as an attacker sends them, with
 * real password hashing (scrypt N=2^17) and real client addresses (the whole of 127.0.0.0/8 is
 * this machine): a login flood from one address while a member logs in from another, and the
 * web app's source maps. (Reset timing is measured on the handler: test/integration/password-reset-timing.test.ts.)
 */
interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: any;
}

/** A JSON POST from a given client address (the gateway reports it as `sourceIp`), on a connection of its own. */
function postFrom(from: string, url: string, body: unknown): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const payload = JSON.stringify(body);
    const req = request(url, { method: 'POST', localAddress: from, agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text ? JSON.parse(text) : undefined }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

describe('Portal hardening over npm start', () => {
  let stack: LocalStackProcess;
  let token: string;
  const tenantId = `e2e-harden-${randomUUID().slice(0, 6)}`;

  beforeAll(async () => {
    stack = await startLocalStackProcess();
    token = await stack.token(tenantId, ['admin'], 'admin-1', 'Dana Admin');
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
  });

  async function staff(method: string, path: string, body?: unknown): Promise<Answer> {
    const response = await fetch(`${stack.apiUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, headers: Object.fromEntries(response.headers), body: text ? JSON.parse(text) : undefined };
  }

  async function newPerson(label: string): Promise<{ id: string; email: string }> {
    const email = `${label}.${randomUUID().slice(0, 8)}@example.com`;
    const created = await staff('POST', '/v1/customers', { billingAddress: { firstName: 'Pat', lastName: label, email }, sendWelcomeEmail: false });
    expect(created.status).toBe(201);
    return { id: created.body.id as string, email };
  }

  it('lets a member log in from one address while another address floods the login with 60 requests at once', async () => {
    const member = await newPerson('member');
    const password = 'the right password 2026';
    expect((await staff('POST', `/v1/customers/${member.id}/password`, { newPassword: password })).status).toBe(204);
    const login = `${stack.apiUrl}/portal/${tenantId}/login`;

    // The member logs in from another address while the flood is in flight: their login is sent
    // from the flood's first answer (on a loaded machine the flood's requests may not overlap
    // enough to fill the container's share for one address; then its budget refuses them).
    let memberLogin: Promise<Answer> | undefined;
    const flood = Array.from({ length: 60 }, (_, i) =>
      postFrom('127.0.0.41', login, { email: `stranger${i}.${randomUUID().slice(0, 6)}@example.com`, password: 'Summer2026!' }).then((answer) => {
        memberLogin ??= postFrom('127.0.0.42', login, { email: member.email, password });
        return answer;
      }),
    );
    const answers = await Promise.all(flood);

    // A 503 (out of time on a machine the flood keeps busy) says when to come back; the member's
    // app does, as any client of the API should. A refusal (429) would be the defence failing.
    let good = await memberLogin!;
    for (let tries = 0; good.status === 503 && tries < 3; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 1000 * Number(good.headers['retry-after'] ?? 1)));
      good = await postFrom('127.0.0.42', login, { email: member.email, password });
    }
    expect(good.status).toBe(200);
    expect(good.body.token).toEqual(expect.any(String));

    // Past its share of the container (429 at once) or its budget (20 failures in 15 minutes), the
    // flood was refused with a time to come back (or ran out of time, 503); no more than 20 of its
    // passwords were checked, and none let it in.
    expect(answers.map((a) => a.status).filter((status) => ![401, 429, 503].includes(status))).toEqual([]);
    for (const refused of answers.filter((a) => a.status === 429 || a.status === 503)) expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(answers.filter((a) => a.status === 401).length).toBeLessThanOrEqual(20);
  }, 120_000);

  it('serves the web app without source maps', async () => {
    const webUrl = /Console\s+(http:\/\/\S+)/.exec(stack.output())?.[1];
    expect(webUrl).toBeDefined();
    const index = await (await fetch(`${webUrl}/`)).text();
    const scripts = [...index.matchAll(/src="(\/assets\/[^"]+\.js)"/g)].map((match) => match[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) {
      const code = await fetch(`${webUrl}${script}`);
      expect(code.status).toBe(200);
      expect(await code.text()).not.toContain('sourceMappingURL');
      expect((await fetch(`${webUrl}${script}.map`)).status).toBe(404);
    }
  });
});
