import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Report } from './report';
import { median, ms, progress, ratio, within } from './stats';

/**
 * Each function as Lambda gets it: bundled by esbuild from node_modules with the options CDK uses
 * (`infra/bundle/options.ts`: ESM for node22, minified keeping class names, the SDK bundled with
 * the credential chain Lambda needs), written to a temp dir; the bare handler is bundled alike.
 * Cold import: a fresh `node` process timing the CPU of `await import(bundle)` (the module
 * graph's parse and top-level work: clients, schemas, route table), median of several runs,
 * beside a bare handler that imports only @aws-sdk/client-dynamodb and makes one client.
 */
const PROJECT_ROOT = resolve(import.meta.dirname, '..');

const BARE_HANDLER = `
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
const client = new DynamoDBClient({});
export const handler = async () => client.send(new GetItemCommand({ TableName: process.env.TABLE_NAME, Key: { pk: { S: 'a' }, sk: { S: 'b' } } }));
`;

interface Built {
  readonly name: string;
  readonly file: string;
  readonly bytes: number;
  readonly gzipBytes: number;
  /** Largest contributors to the minified output, by package. */
  readonly top: readonly [string, number][];
  /** Bytes of zod's locale files (error messages in ~50 languages) in the output. */
  readonly zodLocales: number;
}

function functionEntries(): string[] {
  const root = join(PROJECT_ROOT, 'functions');
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') && !entry.name.endsWith('.test.ts')) found.push(path);
    }
  };
  walk(root);
  return found.sort();
}

function packageOf(input: string): string {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  if (match) return match[1] as string;
  const top = input.split('/').slice(0, 2).join('/');
  return top.startsWith('<') ? 'other' : `${top}/`;
}

/** Builds `functions/<name>.ts` as CDK does; with `contents`, that source instead (the bare handler). */
async function bundle(outDir: string, name: string, contents?: string): Promise<Built> {
  const esbuild = await import('esbuild');
  const { functionBuildOptions } = await import('../infra/bundle/defines');
  const outfile = join(outDir, `${name.replaceAll('/', '__')}.mjs`);
  const result = await esbuild.build({
    ...functionBuildOptions(name),
    ...(contents === undefined ? {} : { entryPoints: undefined, stdin: { contents, resolveDir: PROJECT_ROOT, loader: 'ts', sourcefile: 'bare-handler.ts' } }),
    outfile,
    metafile: true,
    sourcemap: false,
  });
  const output = Object.values(result.metafile.outputs)[0]!;
  const byPackage = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    const key = packageOf(input);
    byPackage.set(key, (byPackage.get(key) ?? 0) + bytesInOutput);
  }
  const zodLocales = Object.entries(output.inputs)
    .filter(([input]) => /node_modules\/zod\/.*\/locales\//.test(input))
    .reduce((sum, [, { bytesInOutput }]) => sum + bytesInOutput, 0);
  const top = [...byPackage.entries()].sort((a, b) => b[1] - a[1]).slice(0, 4);
  const code = readFileSync(outfile);
  return { name, file: outfile, bytes: statSync(outfile).size, gzipBytes: gzipSync(code).length, top, zodLocales };
}

/**
 * One fresh process: the CPU time (user + system, ms) spent in `await import(bundle)`: parsing,
 * compiling and running the module graph's top level. CPU time rather than elapsed time, so a
 * machine shared with other work (whose load only stretches the elapsed time) still compares
 * bundles fairly.
 */
function coldImport(file: string): Promise<number> {
  const script =
    `const u = process.cpuUsage(); const m = await import(${JSON.stringify(pathToFileURL(file).href)}); ` +
    `const d = process.cpuUsage(u); if (typeof m.handler !== 'function') throw new Error('no handler'); process.stdout.write(String((d.user + d.system) / 1000));`;
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      cwd: tmpdir(),
      env: {
        PATH: process.env.PATH,
        TABLE_NAME: 'bench-cold',
        AWS_REGION: 'us-east-1',
        NODE_ENV: 'production',
        LOG_LEVEL: 'SILENT',
        CURSOR_SECRET: 'bench',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => (out += String(chunk)));
    child.stderr.on('data', (chunk) => (err += String(chunk)));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolvePromise(Number(out)) : reject(new Error(`import of ${file} failed: ${err.trim()}`))));
  });
}

const kib = (bytes: number) => (bytes / 1024).toFixed(1);
/** Functions the targets leave out: `receipts` renders PDFs with pdf-lib, and only the receipt routes call it. */
const EXEMPT = new Set(['api/receipts']);

export async function bundleScenario(report: Report, runs: number): Promise<void> {
  const outDir = mkdtempSync(join(tmpdir(), 'bench-bundles-'));
  try {
    const entries = functionEntries();
    progress(`bundles: ${entries.length} functions + the bare handler, ${runs} cold imports each`);
    const bare = await bundle(outDir, 'bare', BARE_HANDLER);
    const built: Built[] = [];
    for (const file of entries) built.push(await bundle(outDir, relative(join(PROJECT_ROOT, 'functions'), file).replace(/\.ts$/, '')));
    const times = new Map<string, number[]>(built.map((b) => [b.name, []]));
    const ratios = new Map<string, number[]>(built.map((b) => [b.name, []]));
    const bareTimes: number[] = [];
    // One throwaway import warms the OS file cache; then rounds over all bundles, each import
    // right after one of the bare handler: a function's ratio is the median of those pairs, so
    // the machine's drift (a shared 2-core machine's CPU time moves by a third from run to run)
    // falls on both sides of each.
    await coldImport(bare.file);
    for (let run = 0; run < runs; run += 1) {
      for (const b of built) {
        const floor = await coldImport(bare.file);
        const cold = await coldImport(b.file);
        bareTimes.push(floor);
        times.get(b.name)!.push(cold);
        ratios.get(b.name)!.push(cold / floor);
      }
    }
    const bareMs = median(bareTimes);
    const table = report.table('Bundles and cold import', [
      'function',
      'KiB (minified)',
      'KiB gzip',
      'cold import, CPU ms (median)',
      '× bare (median of pairs)',
      'largest parts (KiB)',
      'target',
      '',
    ]);
    table.rows.push([
      'bare handler (@aws-sdk/client-dynamodb only)',
      kib(bare.bytes),
      kib(bare.gzipBytes),
      ms(bareMs),
      '1.00×',
      bare.top.map(([p, b]) => `${p} ${kib(b)}`).join(', '),
      '(baseline)',
      '–',
    ]);
    for (const b of built) {
      const coldMs = median(times.get(b.name)!);
      const coldRatio = median(ratios.get(b.name)!);
      const sizeOk = b.bytes <= 500 * 1024;
      const coldOk = within(coldRatio, 1.5);
      // pdf-lib (and its fonts) are only for the receipt routes, whose function nothing else loads.
      const exempt = EXEMPT.has(b.name);
      const verdicts = exempt
        ? ['– (exempt: pdf-lib, the receipt routes only)']
        : [
            report.verdict(sizeOk, `${b.name} ${kib(b.bytes)} KiB`, 'Bundle size over 500 KiB'),
            report.verdict(coldOk, `${b.name} ${ratio(coldRatio)}`, "Cold import over 1.5× the bare handler's"),
          ];
      table.rows.push([
        `functions/${b.name}.ts`,
        kib(b.bytes),
        kib(b.gzipBytes),
        ms(coldMs),
        ratio(coldRatio),
        b.top.map(([p, bytes]) => `${p} ${kib(bytes)}`).join(', '),
        exempt ? '(reported)' : '≤ 500 KiB, ≤ 1.5×',
        verdicts.join(' / '),
      ]);
    }
    // English alone is ~3 KiB; all of zod's languages are ~260 KiB.
    const withLocales = built.filter((b) => b.zodLocales > 20 * 1024);
    if (withLocales.length > 0) {
      const sizes = withLocales.map((b) => b.zodLocales);
      report.notes.push(
        `${withLocales.length} of ${built.length} bundles carry zod's locale files (${kib(Math.min(...sizes))}–${kib(Math.max(...sizes))} KiB each): ` +
          'a sign that zod is imported as its whole namespace (`import { z } from "zod"`), which esbuild cannot tree-shake.',
      );
    }
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}
