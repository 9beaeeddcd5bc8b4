import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SignJWT, decodeJwt, decodeProtectedHeader, generateKeyPair } from 'jose';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../infra/local/dynamodb-local';
import {
  commandOf,
  descendantPids,
  eventually,
  isRunning,
  spawnLocalStack,
  startLocalStackProcess,
  type LocalStackProcess,
} from '../support/local-stack';

/** `npm start` driven over HTTP, as a front end would. */
describe('Local stack: npm start', () => {
  let stack: LocalStackProcess;

  beforeAll(async () => {
    stack = await startLocalStackProcess();
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
  });

  const api = (path: string, init?: RequestInit) => fetch(`${stack.apiUrl}${path}`, init);
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  describe('the public routes', () => {
    it('answers GET /health with 200', async () => {
      const response = await api('/health');
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ok' });
    });

    it('serves the OpenAPI document', async () => {
      const response = await api('/openapi.json');
      expect(response.status).toBe(200);
      const document = (await response.json()) as { openapi: string; paths: Record<string, unknown> };
      expect(document.openapi).toMatch(/^3\.1/);
      expect(Object.keys(document.paths)).toContain('/v1/customers');
    });
  });

  describe('the JWT authorizer on /v1', () => {
    it('answers 401 without a token', async () => {
      const response = await api('/v1/customers');
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ message: 'Unauthorized' });
    });

    it('answers 401 for a token signed with another key under the same key id', async () => {
      const genuine = await stack.token('t-e2e');
      const { privateKey } = await generateKeyPair('RS256');
      const { kid } = decodeProtectedHeader(genuine);
      const forged = await new SignJWT(decodeJwt(genuine)).setProtectedHeader({ alg: 'RS256', kid }).sign(privateKey);
      const response = await api('/v1/customers', { headers: bearer(forged) });
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ message: 'Unauthorized' });
    });

    it('answers 401 for a genuine token whose claims were changed', async () => {
      const genuine = await stack.token('t-e2e', ['viewer']);
      const [header, , signature] = genuine.split('.');
      const claims = { ...decodeJwt(genuine), 'cognito:groups': ['admin'] };
      const tampered = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
      expect((await api('/v1/customers', { headers: bearer(tampered) })).status).toBe(401);
    });

    it('lets a token from POST /local/token through to the API', async () => {
      const response = await api('/v1/customers', { headers: bearer(await stack.token(`t-${randomUUID().slice(0, 8)}`, ['viewer'])) });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ items: [], nextCursor: null });
    });

    it('answers 403 when a viewer tries to create a person', async () => {
      const response = await api('/v1/customers', {
        method: 'POST',
        headers: { ...bearer(await stack.token('t-e2e', ['viewer'])), 'content-type': 'application/json' },
        body: JSON.stringify({ billingAddress: { firstName: 'Ann', lastName: 'Lee', email: 'ann@example.com' } }),
      });
      expect(response.status).toBe(403);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
    });
  });

  describe('the local-only routes', () => {
    it('answers 400 problem+json listing the bad fields of a token request', async () => {
      const response = await api('/local/token', { method: 'POST', body: JSON.stringify({ groups: ['root'] }) });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      const problem = (await response.json()) as { status: number; errors: { path: string }[] };
      expect(problem.status).toBe(400);
      expect(problem.errors.map((error) => error.path).sort()).toEqual(['groups[0]', 'tenantId']);
    });

    it('answers 404 problem+json for a job that does not exist', async () => {
      const response = await api('/local/jobs/no-such-job', { method: 'POST', body: '{"now":"2030-01-01T00:00:00Z"}' });
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
    });
  });

  describe('CORS', () => {
    it('answers a browser preflight and lets any origin read answers', async () => {
      const preflight = await api('/v1/customers', {
        method: 'OPTIONS',
        headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');
      expect((await api('/health')).headers.get('access-control-allow-origin')).toBe('*');
    });
  });

  describe('local SES', () => {
    it('shows the mail page', async () => {
      const response = await fetch(stack.sesUrl);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/html');
    });

    it('lists sent mail as JSON at /store', async () => {
      const response = await fetch(`${stack.sesUrl}/store`);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ emails: expect.any(Array) });
    });
  });
});

describe('Local stack: the start script as a process', () => {
  it('stops DynamoDB Local and SES on Ctrl-C, leaving no process behind', async () => {
    const stack = await startLocalStackProcess({ ownDynamoDb: true });
    const children = descendantPids(stack.pid);
    const commands = children.map(commandOf).join('\n');
    expect(commands).toContain('DynamoDBLocal.jar');
    expect(commands).toContain('aws-ses-v2-local');

    const exit = await stack.stop('SIGINT');

    expect(exit.code).toBe(0);
    await eventually(() => children.filter(isRunning).length === 0, { timeoutMs: 10_000 });
    expect(children.filter(isRunning)).toEqual([]);
    await expect(fetch(stack.sesUrl)).rejects.toThrow();
  }, 180_000);

  it('says plainly that a port is taken, without a stack trace', async () => {
    const port = await freePort();
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    try {
      const started = spawnLocalStack({ PORT: String(port), SES_PORT: String(await freePort()) });
      const exit = await started.exited;
      expect(exit.code).toBe(1);
      expect(started.output()).toContain(`Port ${port} (PORT) is already in use`);
      expect(started.output()).not.toMatch(/^\s+at /m);
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  }, 60_000);

  it('says plainly that Java is missing, without a stack trace', async () => {
    // A PATH that has node (to run the script) and nothing else, so no java.
    const bin = mkdtempSync(join(tmpdir(), 'no-java-'));
    symlinkSync(process.execPath, join(bin, 'node'));
    try {
      const started = spawnLocalStack({
        PATH: bin,
        DYNAMODB_ENDPOINT: undefined,
        DYNAMODB_PORT: String(await freePort()),
        PORT: String(await freePort()),
        SES_PORT: String(await freePort()),
      });
      const exit = await started.exited;
      expect(exit.code).toBe(1);
      expect(started.output()).toContain('Java was not found');
      expect(started.output()).not.toMatch(/^\s+at /m);
    } finally {
      rmSync(bin, { recursive: true, force: true });
    }
  }, 60_000);
});
