/**
 * The part of zod this service uses: zod's "mini" flavour, functions rather than methods
 * (`z.optional(z.string().check(z.trim(), z.maxLength(100)))`), so esbuild keeps only the
 * checks and schema kinds a bundle uses (classic zod puts every method on every schema: 109 KiB
 * of zod in each API function, 33-37 KiB now, and less for its cold start to load). Modules
 * import it as a namespace, `import * as z from '…/schemas/zod'`: esbuild then keeps only the
 * names they read (a namespace re-exported under a name, `export * as z`, is kept whole, JSON
 * Schema conversion and all). A name a module needs and this list lacks is added here.
 */
import { config, globalRegistry, type core, type ZodMiniType } from 'zod/mini';
import english from 'zod/v4/locales/en.js';

export {
  _default,
  array,
  boolean,
  coerce,
  discriminatedUnion,
  email,
  enum,
  extend,
  globalRegistry,
  gte,
  int,
  iso,
  length,
  literal,
  lte,
  maxLength,
  minLength,
  multipleOf,
  nullable,
  number,
  object,
  omit,
  optional,
  partial,
  pick,
  pipe,
  record,
  refine,
  regex,
  strictObject,
  string,
  superRefine,
  toJSONSchema,
  toUpperCase,
  transform,
  trim,
  union,
  unknown,
  url,
} from 'zod/mini';
export { ZodMiniType as ZodType } from 'zod/mini';
export type { infer, input, output } from 'zod/mini';
export type ZodError = core.$ZodError;

/**
 * Classic zod's `.meta()`: a copy of `schema` with `data` (an OpenAPI `id`, a description)
 * registered for the OpenAPI document. The copy, so that a shared schema described in one
 * place (an `Email` described as the login address) keeps its own description everywhere else.
 */
export function meta<T extends ZodMiniType>(schema: T, data: core.GlobalMeta): T {
  const described = schema.clone();
  globalRegistry.add(described, data);
  return described;
}

let messagesSet = false;

/**
 * zod's messages in English ("Too small: expected string to have >=1 characters"): mini comes
 * without them ("Invalid input"). Called by the first schema built (`lazySchema`), not at import,
 * so a bundle that builds no schema carries no zod.
 */
export function useEnglishMessages(): void {
  if (messagesSet) return;
  config(english());
  messagesSet = true;
}
