import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWebServer, type WebServer } from '../../../infra/local/web-server';

/** The local web server: what CloudFront does in AWS for the static app, on its own origin. */
describe('Local web server', () => {
  let server: WebServer;
  const root = mkdtempSync(join(tmpdir(), 'web-'));
  const dist = join(root, 'dist');

  /** A raw request: the path is sent as written (fetch would normalise `..` away). */
  const get = (path: string) =>
    new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
      const req = request(`${server.url}${path}`, { path }, (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      });
      req.on('error', reject);
      req.end();
    });

  beforeAll(async () => {
    mkdirSync(join(dist, 'assets'), { recursive: true });
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>console</title>');
    writeFileSync(join(dist, 'assets/index-abc.js'), 'console.log(1)');
    // What a build with source maps leaves beside the scripts.
    writeFileSync(join(dist, 'assets/index-abc.js.map'), '{"version":3,"sourcesContent":["the app source"]}');
    writeFileSync(join(root, 'secret.txt'), 'outside dist');
    server = await startWebServer({ port: 0, apiUrl: () => 'http://127.0.0.1:3999', cardProcessor: { name: 'Test processor', fieldUrl: 'http://127.0.0.1:3998/field' }, distDir: dist });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('tells the app where the API and the card processor’s field are at /config.json', async () => {
    const response = await get('/config.json');
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ apiUrl: 'http://127.0.0.1:3999', cardProcessor: { name: 'Test processor', fieldUrl: 'http://127.0.0.1:3998/field' } });
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('answers every page of the app with index.html, and a missing file with 404', async () => {
    for (const page of ['/', '/people/01ABC', '/portal/demo-winery/set-password?token=x']) {
      const response = await get(page);
      expect(response.status).toBe(200);
      expect(response.body).toContain('<title>console</title>');
      expect(response.headers['cache-control']).toBe('no-cache');
    }
    expect((await get('/assets/missing-123.js')).status).toBe(404);
  });

  it('caches hashed assets for good and sends the security headers', async () => {
    const response = await get('/assets/index-abc.js');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    expect(response.headers['content-security-policy']).toContain('connect-src \'self\' http://127.0.0.1:3999;');
    // The app frames the card processor's field, and nothing else.
    expect(response.headers['content-security-policy']).toContain('frame-src http://127.0.0.1:3998;');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('never serves a source map, even one left in the build', async () => {
    for (const path of ['/assets/index-abc.js.map', '/assets/index-abc.js%2emap', '/assets/../assets/index-abc.js.map']) {
      const response = await get(path);
      expect(response.status).toBe(404);
      expect(response.body).not.toContain('the app source');
    }
  });

  it('never serves a file outside the build, however the path is written', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/..%5csecret.txt']) {
      const response = await get(path);
      expect(response.body).not.toContain('outside dist');
    }
  });

  it('refuses writes', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${server.url}/config.json`, { method: 'POST' }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end('{}');
    });
    expect(status).toBe(405);
  });
});
