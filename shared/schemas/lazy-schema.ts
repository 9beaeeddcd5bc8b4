import * as z from './zod';

/** What zod's schema classes expose of their construction: `init` makes any object the schema its `def` describes. */
interface SchemaInternals {
  _zod: { constr: { init(target: object, def: unknown): void }; def: unknown; parent?: object; deferred?: (() => void)[] };
}

/**
 * A schema (or a record of schemas) built on first use rather than when its module is imported.
 *
 * zod builds every schema eagerly, and a function imports far more schemas than one request
 * uses: its routes' responses (read only by the OpenAPI document), the other routes of its area,
 * the schema modules its repositories import for a constant. Built at import, those cost every
 * cold start ~20 µs a schema, a thousand and more in an API function. Each top-level schema is
 * declared `lazySchema(() => z.…)` instead: the same type, one object that every module shares,
 * built by whichever use comes first (a parse, a property, another schema built from it).
 *
 * Declarations carry a `@__PURE__` comment (declaring one has no effect), so esbuild drops
 * those a bundle never uses, and zod with them when it uses none: the stream consumers, the
 * queue's sender and the jobs import schema modules for their types and constants only, and
 * bundle no zod (`test/unit/core-lazy-schema.test.ts` holds them to it).
 *
 * The object handed out is a proxy of an empty object; the first operation on it builds the
 * schema and then makes that empty object the same schema (zod's own `init` on the proxy, as a
 * clone would), with the built one's metadata (`z.meta`: id, description). Whatever zod keeps
 * of a schema (its closures, the OpenAPI conversion's map of schemas seen, the registry) then
 * holds the one object the modules share.
 */
export function lazySchema<T extends object>(build: () => T): T {
  let state: 'waiting' | 'building' | 'built' = 'waiting';
  const target = {} as T;
  const ensureBuilt = () => {
    if (state !== 'waiting') return;
    state = 'building';
    z.useEnglishMessages();
    const built = build();
    Object.setPrototypeOf(target, Object.getPrototypeOf(built));
    if ('_zod' in built) becomeSchema(standIn, built as T & SchemaInternals);
    else Object.defineProperties(target, Object.getOwnPropertyDescriptors(built));
    state = 'built';
  };
  const standIn: T = new Proxy(target, {
    get: (on, key, receiver) => (ensureBuilt(), Reflect.get(on, key, receiver)),
    set: (on, key, value, receiver) => (ensureBuilt(), Reflect.set(on, key, value, receiver)),
    has: (on, key) => (ensureBuilt(), Reflect.has(on, key)),
    ownKeys: (on) => (ensureBuilt(), Reflect.ownKeys(on)),
    getOwnPropertyDescriptor: (on, key) => (ensureBuilt(), Reflect.getOwnPropertyDescriptor(on, key)),
    defineProperty: (on, key, descriptor) => (ensureBuilt(), Reflect.defineProperty(on, key, descriptor)),
    deleteProperty: (on, key) => (ensureBuilt(), Reflect.deleteProperty(on, key)),
    getPrototypeOf: (on) => (ensureBuilt(), Reflect.getPrototypeOf(on)),
  });
  return standIn;
}

/** Makes `standIn` the schema `built` is, as zod's own constructor would (its deferred steps too), with its metadata. */
function becomeSchema(standIn: object, built: SchemaInternals): void {
  const internals = built._zod;
  internals.constr.init(standIn, internals.def);
  const own = (standIn as SchemaInternals)._zod;
  for (const step of own.deferred ?? []) step();
  own.deferred = undefined;
  // `z.meta` clones: the metadata's parent chain and the built schema's own entry (an `id` too) carry over.
  if (internals.parent) own.parent = internals.parent;
  const [from, to] = [built as unknown as z.ZodType, standIn as z.ZodType];
  if (z.globalRegistry.has(from)) {
    const meta = z.globalRegistry.get(from)!;
    z.globalRegistry.remove(from).add(to, meta);
  }
}
