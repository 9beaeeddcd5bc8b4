import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as z from '../../shared/schemas/zod';
import { lazySchema } from '../../shared/schemas/lazy-schema';

const root = join(import.meta.dirname, '../..');

/** Counts the zod schemas constructed while `work` runs (zod calls its global post-processor once for each). */
async function schemasBuiltBy(work: () => Promise<unknown>): Promise<number> {
  const config = (globalThis as { __zod_globalConfig?: { postProcessor?: (schema: unknown) => void } }).__zod_globalConfig!;
  let built = 0;
  config.postProcessor = () => (built += 1);
  try {
    await work();
  } finally {
    delete config.postProcessor;
  }
  return built;
}

describe('Module: lazy schemas', () => {
  it('builds a schema at its first use, once, and parses as the schema it stands for', async () => {
    let builds = 0;
    const Name = lazySchema(() => {
      builds += 1;
      return z.string().check(z.trim(), z.minLength(1), z.maxLength(5));
    });
    const Person = lazySchema(() => z.strictObject({ name: Name, nickname: z.optional(Name) }));
    expect(builds).toBe(0);

    expect(Person.safeParse({ name: '  Ann ' })).toEqual({ success: true, data: { name: 'Ann' } });
    const refused = Person.safeParse({ name: '', nickname: 'Annabelle', age: 3 });
    expect(refused.success).toBe(false);
    expect(refused.error!.issues.map((issue) => [issue.path.join('.'), issue.code])).toEqual([
      ['name', 'too_small'],
      ['nickname', 'too_big'],
      ['', 'unrecognized_keys'],
    ]);
    expect(z.extend(Person, { age: z.int() }).shape.name).toBe(Name);
    expect(Person instanceof z.ZodType).toBe(true);
    expect(builds).toBe(1);
  });

  it('keeps its id and description, so the OpenAPI document names it as before', () => {
    // A pipe, as in `Email`: zod's conversion of a pipe looks itself up among the schemas it has seen.
    const shape = () => ({ id: z.string(), email: z.optional(z.pipe(z.string().check(z.trim()), z.email())) });
    const Eager = z.meta(z.object(shape()), { id: 'EagerThing', description: 'A thing.' });
    const Lazy = lazySchema(() => z.meta(z.object(shape()), { id: 'LazyThing', description: 'A thing.' }));
    const convert = (thing: z.ZodType) =>
      JSON.stringify(z.toJSONSchema(z.object({ thing, things: z.array(thing), email: lazySchema(() => z.pipe(z.string().check(z.trim()), z.email())) }), { target: 'draft-2020-12', io: 'input' }));

    expect(z.globalRegistry.get(Lazy)).toEqual({ id: 'LazyThing', description: 'A thing.' });
    expect(convert(Lazy)).toBe(convert(Eager).replaceAll('EagerThing', 'LazyThing'));
  });

  it('lets no schema module build a schema when it is imported: a cold start builds only what its request uses', async () => {
    // Every module that declares schemas: the schema modules, the route table, the few others.
    const schemaModules = readdirSync(join(root, 'shared'), { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts') && /from '(?:\.\.?\/)+schemas\/zod'/.test(readFileSync(join(root, 'shared', file), 'utf8')))
      .map((file) => pathToFileURL(join(root, 'shared', file)).href);
    expect(schemaModules.length).toBeGreaterThan(25);

    const built = await schemasBuiltBy(async () => {
      for (const url of schemaModules) await import(url);
    });
    expect(built).toBe(0);
  });
});

describe('Bundles: what a function that parses no request carries', () => {
  const entries = ['streams', 'queues', 'jobs'].flatMap((folder) =>
    readdirSync(join(root, 'functions', folder))
      .filter((file) => file.endsWith('.ts'))
      .map((file) => `${folder}/${file.replace(/\.ts$/, '')}`),
  );

  it('bundles no zod into a stream consumer, the webhook sender or a job: every schema declaration is pure, and they use none', async () => {
    const esbuild = await import('esbuild');
    const { functionBuildOptions } = await import('../../infra/bundle/defines');
    expect(entries.length).toBeGreaterThan(12);
    const withZod: string[] = [];
    for (const entry of entries) {
      const result = await esbuild.build({ ...functionBuildOptions(entry), write: false, metafile: true });
      const output = Object.values(result.metafile.outputs)[0]!;
      if (Object.keys(output.inputs).some((input) => input.includes('node_modules/zod/'))) withZod.push(entry);
    }
    // A name here: a schema declared without its `@__PURE__` comment, or a consumer that now parses with zod.
    expect(withZod).toEqual([]);
  }, 120_000);
});
