/**
 * The part of zod this service uses. Importing `{ z } from 'zod'` keeps every locale's error
 * messages in each bundle (≈ 260 KiB); importing names lets esbuild drop what is unused.
 * Schema modules import `{ z } from './zod'`, which is this module as a namespace.
 */
export {
  array,
  boolean,
  coerce,
  discriminatedUnion,
  email,
  enum,
  globalRegistry,
  int,
  iso,
  literal,
  number,
  object,
  record,
  strictObject,
  string,
  toJSONSchema,
  union,
  unknown,
  url,
  ZodError,
  ZodType,
} from 'zod';
export type { infer, input, output } from 'zod';
