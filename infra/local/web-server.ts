import { spawn } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import { LocalStackError, PROJECT_ROOT } from './dynamodb-local';

/**
 * The web app on its own origin, as CloudFront serves it in AWS: the built files of `web/dist`,
 * `/config.json` naming the API, and `index.html` for every other page (the app routes in the
 * browser).
 *
 * Why a build and not Vite's dev server in middleware mode: the local stack then serves exactly
 * the bundle that is deployed (same files, same headers, same content security policy), the
 * browser tests exercise that bundle, and nothing watches files or holds a websocket on the
 * shared machines. The build runs only when `web/dist` is missing or older than the sources
 * (a few seconds); for hot reload while editing screens, `npm run dev -w web` is still there.
 */

export const WEB_DIR = join(PROJECT_ROOT, 'web');
const DIST_DIR = join(WEB_DIR, 'dist');
/** What the bundle is made from: a change to any of these makes `web/dist` stale. */
const BUILD_INPUTS = ['src', 'index.html', 'vite.config.ts', 'package.json', 'tsconfig.json'].map((path) => join(WEB_DIR, path));

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((entry) => newestMtime(join(path, entry))));
}

/** True when `web/dist` is missing or older than a source file. */
export function webBuildIsStale(): boolean {
  const built = join(DIST_DIR, 'index.html');
  if (!existsSync(built)) return true;
  return Math.max(...BUILD_INPUTS.map(newestMtime)) > statSync(built).mtimeMs;
}

const BUILD_LOCK = join(WEB_DIR, '.build-lock');
/** A lock older than this was left by a build that died; a build takes seconds. */
const STALE_LOCK_MS = 5 * 60_000;

/**
 * One build at a time across processes (parallel test files each start a stack; Vite itself
 * refuses a second concurrent build): `mkdir` is atomic, the others wait and then find the
 * build fresh.
 */
async function withBuildLock<T>(work: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      mkdirSync(BUILD_LOCK);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const heldFor = Date.now() - (statSync(BUILD_LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (heldFor > STALE_LOCK_MS) rmSync(BUILD_LOCK, { recursive: true, force: true });
      await sleep(250);
    }
  }
  try {
    return await work();
  } finally {
    rmSync(BUILD_LOCK, { recursive: true, force: true });
  }
}

/**
 * Builds the app with Vite when it is stale. The build goes to a folder of its own and is then
 * renamed into place, so a running server never serves a half-written `dist`.
 */
export async function ensureWebBuild(log: (line: string) => void): Promise<void> {
  if (!webBuildIsStale()) return;
  await withBuildLock(async () => {
    // Another process may have built it while this one waited.
    if (webBuildIsStale()) await build(log);
  });
}

async function build(log: (line: string) => void): Promise<void> {
  log('Building the web app (web/dist is missing or older than web/src)…');
  const outDir = join(WEB_DIR, `.dist-${process.pid}-${Date.now()}`);
  const vite = join(PROJECT_ROOT, 'node_modules/vite/bin/vite.js');
  const output: string[] = [];
  const code = await new Promise<number | null>((done, fail) => {
    // A production build whoever asks (Jest runs with NODE_ENV=test, which would give React's development build).
    const env = { ...process.env, NODE_ENV: 'production' };
    const child = spawn(process.execPath, [vite, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], { cwd: WEB_DIR, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk) => output.push(String(chunk)));
    child.stderr.on('data', (chunk) => output.push(String(chunk)));
    child.once('error', fail);
    child.once('exit', done);
  });
  if (code !== 0) {
    rmSync(outDir, { recursive: true, force: true });
    throw new LocalStackError(`the web app did not build (vite build exited ${code}):\n${output.join('')}`);
  }
  const old = `${outDir}-old`;
  if (existsSync(DIST_DIR)) renameSync(DIST_DIR, old);
  renameSync(outDir, DIST_DIR);
  rmSync(old, { recursive: true, force: true });
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** The headers CloudFront adds in AWS (the stack's response headers policy), so local behaves alike. */
function securityHeaders(apiUrl: string, cardProcessor: CardProcessorConfig | undefined): Record<string, string> {
  return {
    // Mantine sets CSS variables in style attributes and a style tag: styles need 'unsafe-inline'; scripts do not.
    'content-security-policy': [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      `connect-src 'self' ${new URL(apiUrl).origin}`,
      // The card processor's field is the one page the app frames; the app itself never calls it.
      ...(cardProcessor ? [`frame-src ${new URL(cardProcessor.fieldUrl).origin}`] : []),
      "frame-ancestors 'none'",
      "base-uri 'self'",
      "form-action 'self'",
    ].join('; '),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  };
}

/** `cardProcessor` in `/config.json`: the processor's hosted card field, which the console frames. */
export interface CardProcessorConfig {
  readonly name: string;
  readonly fieldUrl: string;
}

export interface WebServerOptions {
  /** 0 picks a free port. */
  readonly port: number;
  readonly host?: string;
  /** The API's URL for `/config.json`; read per request, so the server may start before the gateway. */
  readonly apiUrl: () => string;
  /** The card processor's field (`npm start`: the local test processor). Without it the console offers no "Add card". */
  readonly cardProcessor?: CardProcessorConfig;
  readonly distDir?: string;
}

export interface WebServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const root = resolve(options.distDir ?? DIST_DIR);
  const host = options.host ?? '127.0.0.1';

  const send = (response: ServerResponse, status: number, headers: Record<string, string>, body?: string) => {
    response.writeHead(status, { ...securityHeaders(options.apiUrl(), options.cardProcessor), ...headers });
    response.end(body);
  };
  const sendFile = (request: IncomingMessage, response: ServerResponse, file: string, cache: string) => {
    const headers = { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': cache, 'content-length': String(statSync(file).size) };
    if (request.method === 'HEAD') return send(response, 200, headers);
    response.writeHead(200, { ...securityHeaders(options.apiUrl(), options.cardProcessor), ...headers });
    createReadStream(file).pipe(response);
  };

  const server = createServer((request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, { allow: 'GET, HEAD', 'content-type': 'text/plain' }, 'Method Not Allowed');
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    } catch {
      return send(response, 400, { 'content-type': 'text/plain' }, 'Bad Request');
    }
    if (pathname === '/config.json') {
      const config = { apiUrl: options.apiUrl(), ...(options.cardProcessor ? { cardProcessor: options.cardProcessor } : {}) };
      return send(response, 200, { 'content-type': 'application/json', 'cache-control': 'no-store' }, JSON.stringify(config));
    }
    const file = resolve(root, `.${pathname}`);
    // Never outside dist (`/../package.json`, `%2e%2e`).
    const inside = file === root || file.startsWith(root + sep);
    // Never a source map, even one an older build left in dist: it hands out the app's sources.
    if (extname(file) === '.map') return send(response, 404, { 'content-type': 'text/plain' }, 'Not Found');
    if (inside && existsSync(file) && statSync(file).isFile()) {
      // Hashed file names under /assets never change; index.html must always be re-read.
      return sendFile(request, response, file, pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    }
    // A missing asset is a 404; any other path is a page of the app.
    if (!inside || extname(pathname) !== '') return send(response, 404, { 'content-type': 'text/plain' }, 'Not Found');
    const index = join(root, 'index.html');
    if (!existsSync(index)) return send(response, 503, { 'content-type': 'text/plain' }, 'The web app is not built (web/dist/index.html is missing).');
    return sendFile(request, response, index, 'no-cache');
  });

  await new Promise<void>((listening, fail) => {
    server.once('error', fail);
    server.listen(options.port, host, () => listening());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${port}`,
    port,
    close: () =>
      new Promise<void>((closed) => {
        server.close(() => closed());
        // Browsers keep connections open; they would hold close() forever.
        server.closeAllConnections();
      }),
  };
}
