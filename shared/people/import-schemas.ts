import * as z from '../schemas/zod';
import { AddressFields, CreateCustomerBody, CustomerSort, SegmentFilter, aloneWithSegment } from './customer-schemas';
import { FlagKey } from '../settings/settings-schemas';
import { Id } from '../schemas/common';
import { lazySchema } from '../schemas/lazy-schema';

/** An import batch holds at most this many rows (one request). */
export const MAX_IMPORT_ROWS = 100;

/**
 * One row of an import: the fields of a create body (all optional but the billing address's
 * first name, last name and email) and the person's number in the old system. Unlike a create,
 * no welcome email goes out unless the row asks for one.
 */
export const ImportRow = /* @__PURE__ */ lazySchema(() => z.meta(
  z.extend(CreateCustomerBody, {
    shippingAddress: z.meta(z.optional(AddressFields), { description: 'Without names, the shipping address takes the billing names.' }),
    externalId: z.meta(z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(64))), {
      description: "The person's number in the system the winery comes from.",
    }),
    sendWelcomeEmail: z._default(z.boolean(), false),
  }),
  {
    id: 'ImportRow',
    description:
      'A person to create, or to update when the email belongs to one already (matched case-insensitively): only the ' +
      'fields the row has are changed. The billing names are the account\'s names; the billing and shipping address ' +
      "fields change the person's default address of that kind (one is added when there is none).",
  },
));
export type ImportRow = z.infer<typeof ImportRow>;

export const ImportBody = /* @__PURE__ */ lazySchema(() => z.strictObject({
  rows: z.meta(z.array(z.unknown()).check(z.minLength(1), z.maxLength(MAX_IMPORT_ROWS)), {
    description: `At most ${MAX_IMPORT_ROWS} rows. Each is checked on its own: a bad row is reported in its result and the others go on.`,
  }),
  dryRun: z.meta(z._default(z.boolean(), false), { description: 'Check and match every row, and change nothing.' }),
  source: z.meta(z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(200))), {
    description: 'Where the rows come from (e.g. the file name): the change history shows `import <source>`.',
  }),
}));
export type ImportBody = z.infer<typeof ImportBody>;

export const ImportStatus = /* @__PURE__ */ lazySchema(() => z.enum(['created', 'updated', 'unchanged', 'invalid']));
export type ImportStatus = z.infer<typeof ImportStatus>;

export const ImportRowResult = /* @__PURE__ */ lazySchema(() => z.meta(
  z.object({
    row: z.meta(z.int(), { description: 'The index of the row in `rows` (0-based).' }),
    status: ImportStatus,
    id: z.meta(z.optional(Id), { description: 'The person created or matched (absent for invalid rows and for new people in a dry run).' }),
    customerNumber: z.optional(z.int()),
    errors: z.meta(z.optional(z.array(z.object({ path: z.string(), message: z.string() }))), {
      description: 'Why the row is invalid, field by field (paths within the row).',
    }),
    possibleDuplicateOf: z.meta(z.optional(Id), {
      description:
        'A new row (dry run included) that looks like an existing person by something other than the email (a phone, ' +
        'a name with a postal code or birth date, an alike name at the same address): that person\'s id, to check before ' +
        'or merge after.',
    }),
  }),
  { id: 'ImportRowResult' },
));
export type ImportRowResult = z.infer<typeof ImportRowResult>;

export const ImportResults = /* @__PURE__ */ lazySchema(() => z.meta(z.object({ results: z.array(ImportRowResult) }), { id: 'ImportResults' }));
export type ImportResults = z.infer<typeof ImportResults>;

/** The export takes the people list's filters (not its sort: an export reads by name). */
export const ExportCustomersQuery = /* @__PURE__ */ lazySchema(() => z.strictObject({
  q: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(100))),
  flag: z.optional(FlagKey),
  classId: z.optional(Id),
  clubId: z.optional(Id),
  ...SegmentFilter,
  cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(2048))),
}).check(z.superRefine(aloneWithSegment)));
export type ExportCustomersQuery = z.infer<typeof ExportCustomersQuery>;

/** People a page of the export holds at most. */
export const EXPORT_PAGE_SIZE = 1000;
export const EXPORT_SORT: z.infer<typeof CustomerSort> = 'name';
