import {
  CreateCustomerBody,
  Customer,
  CustomerList,
  CustomerPath,
  CustomerSummary,
  CustomerSummaryQuery,
  ListCustomersQuery,
  UpdateCustomerBody,
} from '../../people/customer-schemas';
import { CustomerProfile } from '../../profile/profile-schemas';
import { ExportCustomersQuery, ImportBody, ImportResults, ImportRow, MAX_IMPORT_ROWS } from '../../people/import-schemas';
import { staff, type RouteSpec } from '../route-spec';

export const customerRoutes = {
  createCustomer: {
    method: 'POST', path: '/v1/customers', fn: 'customers', tag: 'People', access: staff('staff'), status: 201,
    summary: 'Create a person; the billing address names the account.',
    body: CreateCustomerBody, response: Customer, idempotent: true,
  },
  listCustomers: {
    method: 'GET', path: '/v1/customers', fn: 'customers', tag: 'People', access: staff('viewer'), status: 200,
    summary:
      'People, by name (default), by customer number or newest first; q matches a name or email prefix, phone digits ' +
      '(also the local number without area code, or the last four digits) or a customer number; filters combine with AND. ' +
      'Fed from the stream: a change shows within seconds.',
    query: ListCustomersQuery, response: CustomerList,
    problems: { 404: '`segmentId` names no segment of this winery (or one deleted).' },
  },
  getCustomerSummary: {
    method: 'GET', path: '/v1/customers/summary', fn: 'customers', tag: 'People', access: staff('viewer'), status: 200,
    summary: "Counts for the dashboard: the tenant's people and club members, or those of one filter (flag, classId or clubId).",
    query: CustomerSummaryQuery, response: CustomerSummary,
  },
  importCustomers: {
    method: 'POST', path: '/v1/customers/import', fn: 'customers', tag: 'People', access: staff('staff'), status: 200,
    summary:
      `Import up to ${MAX_IMPORT_ROWS} people. A row whose email belongs to a person updates only the fields it has; ` +
      'otherwise it creates a person (a new customer number; no welcome email unless the row asks; no password until ' +
      'they set one through a welcome or reset link). Each row is checked as a create or a change would be (required ' +
      'fields from settings, flags defined, card numbers refused); a bad row is `invalid` with its errors and changes ' +
      'nothing, and the others go on. `dryRun` checks and matches every row and changes nothing. A batch sent again ' +
      'makes no person twice and changes nothing twice; with an `Idempotency-Key` it answers its first results. The ' +
      'change history shows the importing staff member with `via: import <source>`.',
    body: ImportBody, rows: ImportRow, response: ImportResults, idempotent: true, maxBodyBytes: 1024 * 1024,
  },
  exportCustomers: {
    method: 'GET', path: '/v1/customers/export', fn: 'customers', tag: 'People', access: staff('admin'), status: 200,
    summary:
      'A page of at most 1000 people of the list (its search and filters; by name) as CSV: the columns the import reads ' +
      '(its field paths; flags separated by `; `), plus `customerNumber`, `clubs` and `creditBalance` to read. A file ' +
      'exported imports back unchanged. Every page has its header line. Each page is recorded (who, when, which filters).',
    query: ExportCustomersQuery, responseContentType: 'text/csv',
    problems: { 404: '`segmentId` names no segment of this winery (or one deleted).' },
    responseHeaders: { 'X-Next-Cursor': "The next page's `cursor`; absent on the last page." },
  },
  getCustomer: {
    method: 'GET', path: '/v1/customers/{id}', fn: 'customers', tag: 'People', access: staff('viewer'), status: 200,
    summary: 'The profile page in one call: the person with addresses, cards, emails, memberships and certificates.',
    params: CustomerPath, response: CustomerProfile,
  },
  updateCustomer: {
    method: 'PATCH', path: '/v1/customers/{id}', fn: 'customers', tag: 'People', access: staff('staff'), status: 200,
    summary:
      'Change fields of a person. A changed `birthDate` resets the age verification to `unverified`. A flag retired from ' +
      "settings stays valid on the people who hold it until removed; only defined flags can be added. `customerClassId` " +
      "cannot be a club's class (it comes with the membership); the answer's `effectiveClassId` is already the best of " +
      'the new class and the person’s clubs’ classes.',
    params: CustomerPath, body: UpdateCustomerBody, response: Customer, conditional: true,
  },
} as const satisfies Record<string, RouteSpec>;
