import { z } from '../schemas/zod';
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
export const ImportRow = /* @__PURE__ */ lazySchema(() => CreateCustomerBody.extend({
  shippingAddress: AddressFields.optional().meta({ description: 'Without names, the shipping address takes the billing names.' }),
  externalId: z.string().trim().min(1).max(64).optional().meta({ description: "The person's number in the system the winery comes from." }),
  sendWelcomeEmail: z.boolean().default(false),
}).meta({
  id: 'ImportRow',
  description:
    'A person to create, or to update when the email belongs to one already (matched case-insensitively): only the ' +
    'fields the row has are changed. The billing names are the account\'s names; the billing and shipping address ' +
    "fields change the person's default address of that kind (one is added when there is none).",
}));
export type ImportRow = z.infer<typeof ImportRow>;

export const ImportBody = /* @__PURE__ */ lazySchema(() => z.strictObject({
  rows: z
    .array(z.unknown())
    .min(1)
    .max(MAX_IMPORT_ROWS)
    .meta({ description: `At most ${MAX_IMPORT_ROWS} rows. Each is checked on its own: a bad row is reported in its result and the others go on.` }),
  dryRun: z.boolean().default(false).meta({ description: 'Check and match every row, and change nothing.' }),
  source: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .meta({ description: 'Where the rows come from (e.g. the file name): the change history shows `import <source>`.' }),
}));
export type ImportBody = z.infer<typeof ImportBody>;

export const ImportStatus = /* @__PURE__ */ lazySchema(() => z.enum(['created', 'updated', 'unchanged', 'invalid']));
export type ImportStatus = z.infer<typeof ImportStatus>;

export const ImportRowResult = /* @__PURE__ */ lazySchema(() => z
  .object({
    row: z.int().meta({ description: 'The index of the row in `rows` (0-based).' }),
    status: ImportStatus,
    id: Id.optional().meta({ description: 'The person created or matched (absent for invalid rows and for new people in a dry run).' }),
    customerNumber: z.int().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional().meta({ description: 'Why the row is invalid, field by field (paths within the row).' }),
    possibleDuplicateOf: Id.optional().meta({
      description:
        'A new row (dry run included) that looks like an existing person by something other than the email (a phone, ' +
        'a name with a postal code or birth date, an alike name at the same address): that person\'s id, to check before ' +
        'or merge after.',
    }),
  })
  .meta({ id: 'ImportRowResult' }));
export type ImportRowResult = z.infer<typeof ImportRowResult>;

export const ImportResults = /* @__PURE__ */ lazySchema(() => z.object({ results: z.array(ImportRowResult) }).meta({ id: 'ImportResults' }));
export type ImportResults = z.infer<typeof ImportResults>;

/** The export takes the people list's filters (not its sort: an export reads by name). */
export const ExportCustomersQuery = /* @__PURE__ */ lazySchema(() => z.strictObject({
  q: z.string().trim().min(1).max(100).optional(),
  flag: FlagKey.optional(),
  classId: Id.optional(),
  clubId: Id.optional(),
  ...SegmentFilter,
  cursor: z.string().min(1).max(2048).optional(),
}).superRefine(aloneWithSegment));
export type ExportCustomersQuery = z.infer<typeof ExportCustomersQuery>;

/** People a page of the export holds at most. */
export const EXPORT_PAGE_SIZE = 1000;
export const EXPORT_SORT: z.infer<typeof CustomerSort> = 'name';
