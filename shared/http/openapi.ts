import * as z from '../schemas/zod';
import { MAX_BODY_BYTES } from './api-handler';
import { routeList, type RouteEntry } from './routes';
import { withServer } from './openapi-server';
import { Problem } from '../schemas/common';
import { EVENT_DATA, EVENT_TYPES, eventEnvelope } from '../webhooks/webhook-schemas';

/**
 * The OpenAPI 3.1 document, generated from the route table and the same zod schemas that
 * validate requests, so the document cannot drift from what the service accepts.
 */
type JsonSchema = Record<string, unknown>;

function converter() {
  const components: Record<string, JsonSchema> = {};
  const convert = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
    const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema;
    const text = JSON.stringify(json).replaceAll('"#/$defs/', '"#/components/schemas/');
    const { $schema: _schema, $defs, ...rest } = JSON.parse(text) as JsonSchema & { $defs?: Record<string, JsonSchema> };
    for (const [name, def] of Object.entries($defs ?? {})) components[name] ??= def;
    const id = z.globalRegistry.get(schema)?.id;
    if (id && io === 'output') {
      components[id] ??= rest;
      return { $ref: `#/components/schemas/${id}` };
    }
    return rest;
  };
  return { components, convert };
}

const problemResponse = (description: string, headers?: Record<string, unknown>) => ({
  description,
  ...(headers ? { headers } : {}),
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

const header = (description: string, schema: JsonSchema = { type: 'string' }) => ({ description, schema });
const RETRY_AFTER = { 'Retry-After': header('Seconds to wait before trying again.', { type: 'integer', minimum: 1 }) };

/**
 * The answers many routes give alike, written once under `components.responses` and named by a
 * `$ref` from each route (a route's own `problems` stay with it): every route listed its 400,
 * 500 and 503 in full, 180 KB of a 458 KB document.
 */
const SHARED_RESPONSES = {
  BadRequest: problemResponse('Invalid request: every bad field is listed in `errors`.'),
  InternalError: problemResponse('Internal error; the body never carries details.'),
  Busy: problemResponse(
    'Busy: the table throttled or the request ran out of time. Nothing is wrong with it: send it again after `Retry-After` seconds (with its `Idempotency-Key`, where the route honours one).',
    RETRY_AFTER,
  ),
  /** What the gateway's JWT authorizer answers on `/v1` before any function runs (API Gateway's own body). */
  GatewayUnauthorized: {
    description:
      'No or bad staff token. API Gateway\'s JWT authorizer answers before the service runs, with its own body ' +
      '`{ "message": "Unauthorized" }` (not problem+json) and a `WWW-Authenticate` header.',
    headers: { 'WWW-Authenticate': header('`Bearer` with the reason the token was refused.') },
    content: { 'application/json': { schema: { $ref: '#/components/schemas/GatewayUnauthorized' } } },
  },
  Forbidden: problemResponse('The role may not do this, or the feature is turned off (`type` ends in `/feature-disabled`).'),
  PortalUnauthorized: problemResponse('No, expired or revoked portal token.'),
  WrongCredentials: problemResponse('Wrong credentials (never says which part was wrong).'),
  TooManyAttempts: problemResponse('Too many attempts; wait `Retry-After` seconds.', RETRY_AFTER),
  NotFound: problemResponse('No such resource in your tenant.'),
  BodyTooLarge: problemResponse(`Body over ${MAX_BODY_BYTES} bytes.`),
  Stale: problemResponse('If-Match is stale: someone else changed the resource; read it again.'),
  Conflict: problemResponse('Conflict with the current state.'),
  MergedPerson: problemResponse('The person was merged into another: the problem body carries `mergedInto`, the survivor\'s id.'),
};
const sharedResponse = (name: keyof typeof SHARED_RESPONSES) => ({ $ref: `#/components/responses/${name}` });

/** Routes of one person, which a merge can send elsewhere. */
const MERGED_PERSON_PATH = '/v1/customers/{id}';

const ROLE_TEXT = {
  viewer: 'Any staff member (role `viewer`, `staff` or `admin`).',
  staff: 'Staff with role `staff` or `admin`; a `viewer` gets 403.',
  admin: 'Staff with role `admin`; others get 403.',
} as const;

/** The operation's description: its summary, then who may call it and which headers it honours. */
function describe(route: RouteEntry): string {
  const who =
    route.access.kind === 'staff'
      ? ROLE_TEXT[route.access.role]
      : route.access.kind === 'portal'
        ? 'A club member with a portal token; it reaches only that member\'s own data.'
        : 'Anyone; no credentials.';
  const notes = [`**Who may call:** ${who}`];
  if (route.conditional) notes.push('Send `If-Match: <version>` to refuse the change when someone else changed the resource since you read it (412).');
  if (route.idempotent) notes.push('Send an `Idempotency-Key` to make retries safe: the same key and body return the first response; the same key with another body is a 409.');
  if (route.status === 201 && route.response) notes.push('The `Location` header names the new resource.');
  return `${route.summary}\n\n${notes.join('\n\n')}`;
}

function hasVersion(schema: JsonSchema, components: Record<string, JsonSchema>): boolean {
  const ref = typeof schema.$ref === 'string' ? components[schema.$ref.replace('#/components/schemas/', '')] : undefined;
  const resolved = ref ?? schema;
  return !!(resolved.properties as Record<string, unknown> | undefined)?.version;
}

function operation(route: RouteEntry, convert: ReturnType<typeof converter>['convert'], components: Record<string, JsonSchema>) {
  const parameters: JsonSchema[] = [];
  for (const [where, schema] of [
    ['path', route.params],
    ['query', route.query],
  ] as const) {
    if (!schema) continue;
    const json = convert(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
    for (const [name, property] of Object.entries(json.properties ?? {})) {
      const { description, ...rest } = property as JsonSchema & { description?: string };
      parameters.push({
        name,
        in: where,
        required: where === 'path' || (json.required ?? []).includes(name),
        ...(description ? { description } : {}),
        schema: rest,
      });
    }
  }
  if (route.conditional) {
    parameters.push({ name: 'If-Match', in: 'header', required: false, schema: { type: 'string' }, description: 'The version you read; 412 when it is stale.' });
  }
  if (route.idempotent) {
    parameters.push({ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 128 }, description: 'A retry with the same key and body returns the first response.' });
  }
  const example = EXAMPLES[route.operationId];
  const success: Record<string, unknown> = { description: SUCCESS_TEXT[route.status] };
  if (route.response) {
    const schema = convert(route.response, 'output');
    const headers: Record<string, unknown> = {};
    if (hasVersion(schema, components)) headers.ETag = header('The resource\'s `version`, for `If-Match`.');
    if (route.status === 201) headers.Location = header('The path of the new resource.');
    if (Object.keys(headers).length > 0) success.headers = headers;
    success.content = { 'application/json': { schema, ...(example?.response ? { example: example.response } : {}) } };
  } else if (route.responseContentType) {
    success.content = { [route.responseContentType]: { schema: { type: 'string', format: 'binary' } } };
    if (route.responseHeaders) {
      success.headers = Object.fromEntries(Object.entries(route.responseHeaders).map(([name, text]) => [name, header(text)]));
    }
  }
  const responses: Record<string, unknown> = {
    [route.status]: success,
    400: sharedResponse('BadRequest'),
    500: sharedResponse('InternalError'),
    503: sharedResponse('Busy'),
  };
  if (route.access.kind === 'staff') {
    responses[401] = sharedResponse('GatewayUnauthorized');
    responses[403] = sharedResponse('Forbidden');
  } else if (route.access.kind === 'portal') {
    responses[401] = sharedResponse('PortalUnauthorized');
  }
  if (route.throttled) {
    responses[401] ??= sharedResponse('WrongCredentials');
    responses[429] = sharedResponse('TooManyAttempts');
  }
  if (route.path.includes('{')) responses[404] = sharedResponse('NotFound');
  if (route.body) responses[413] = route.maxBodyBytes ? problemResponse(`Body over ${route.maxBodyBytes} bytes.`) : sharedResponse('BodyTooLarge');
  if (route.conditional) responses[412] = sharedResponse('Stale');
  if (route.method !== 'GET') responses[409] = sharedResponse('Conflict');
  for (const [status, when] of Object.entries(route.problems ?? {})) {
    responses[status] = problemResponse(when, status === '429' ? RETRY_AFTER : undefined);
  }
  // A person merged into another answers 410 on every route under their id.
  if (route.path.startsWith(MERGED_PERSON_PATH)) responses[410] ??= sharedResponse('MergedPerson');
  if (route.accepted) {
    responses[202] = { description: route.accepted.description, content: { 'application/json': { schema: convert(route.accepted.schema, 'output') } } };
  }
  return {
    operationId: route.operationId,
    summary: route.summary,
    description: describe(route),
    tags: [route.tag],
    ...(route.access.kind === 'staff'
      ? { security: [{ staffJwt: [] }], 'x-minimum-role': route.access.role }
      : route.access.kind === 'portal'
        ? { security: [{ portalToken: [] }] }
        : { security: [] }),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(route.body
      ? {
          requestBody: {
            required: !route.bodyOptional,
            content: { 'application/json': { schema: bodySchema(route, convert, components), ...(example?.request ? { example: example.request } : {}) } },
          },
        }
      : {}),
    responses,
  };
}

/**
 * The request body's schema. A batch's rows are each checked on their own, and a row that breaks
 * its schema is reported in the 200's results, not as a 400: so the request schema takes any
 * row, as `anyOf` the row schema (a component: what a row must be to be taken) and any other
 * value (what is answered `invalid`). Declaring the row's constraints as the request's would
 * make generated clients and contract tests expect a 400 that never comes.
 */
function bodySchema(
  route: RouteEntry,
  convert: (schema: z.ZodType, io: 'input' | 'output') => JsonSchema,
  components: Record<string, JsonSchema>,
): JsonSchema {
  const schema = convert(route.body!, 'input');
  if (!route.rows) return schema;
  const id = z.globalRegistry.get(route.rows)?.id;
  if (!id) throw new Error(`${route.routeKey}: a batch's row schema needs an id (z.meta(…, { id })) to be named in the document.`);
  // Converting adds the row schema to the components (as its `$defs`), or returns it inline.
  const row = convert(route.rows, 'input');
  components[id] ??= row;
  const properties = schema.properties as Record<string, JsonSchema>;
  properties.rows = {
    ...properties.rows,
    items: {
      description:
        `Each row is checked on its own against \`${id}\` (and for card numbers): a row that fails is \`invalid\` in ` +
        'the 200\'s results, with its errors (paths within the row), and the others go on. No row makes the request a 400.',
      anyOf: [{ $ref: `#/components/schemas/${id}` }, { description: 'Any other value: that row is `invalid`.' }],
    },
  };
  return schema;
}

const SUCCESS_TEXT: Record<RouteEntry['status'], string> = {
  200: 'The resource as it now is.',
  201: 'Created: the new resource.',
  202: 'Accepted.',
  204: 'Done; no body.',
};

/** What each tag groups, for the reference's sidebar. */
const TAGS: Record<string, string> = {
  People: 'The people of a winery: create, find, read the whole profile in one call, change.',
  Profile: 'What hangs off a person: addresses, cards on file (processor tokens only), additional emails, notes, timeline, change history, password, age verification.',
  Clubs: 'Wine clubs with their variants and discount (each club has its own customer class).',
  Memberships: 'A person\'s club memberships: join, pause until a date, resume, switch club, cancel.',
  Certificates: 'Reservation certificates a person holds, and their redemption.',
  Classes: 'Customer classes and their discounts.',
  Credits: 'Stored credit: the balance and its ledger.',
  Orders: 'Orders placed for a person, their receipts and cancellation.',
  Reservations: 'Tasting reservations.',
  Cellar: 'The products a person keeps in the winery\'s cellar (a feature the tenant turns on).',
  Emails: 'The log of every email sent to a person, with its delivery status.',
  Settings: 'The winery\'s settings.',
  Duplicates: 'Possible duplicates, merging two records of one person, and undoing a merge.',
  Privacy: 'What the law lets a person ask for: everything held about them, and its erasure.',
  Staff: 'The winery\'s staff as the service has seen them.',
  Portal: 'The club member\'s own portal: login, password reset, their data.',
  System: 'Health and this document.',
  Webhooks:
    'Endpoints of the winery\'s other systems that hear about its people, memberships, orders, reservations and bounced emails. ' +
    'Each event is POSTed as JSON, signed per the Standard Webhooks specification (see `webhooks` for every event and how to verify it).',
};

/** How every event is sent, for the `webhooks` section. */
const DELIVERY_TEXT =
  'Sent as a POST with a JSON body `{ id, type, createdAt, data }`, signed per the Standard Webhooks specification: ' +
  '`webhook-id` (the event id, the same on every attempt: use it to drop duplicates), `webhook-timestamp` (Unix seconds of the attempt) and ' +
  '`webhook-signature`: `v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>" keyed with the base64-decoded secret after `whsec_`>`, ' +
  'two of them separated by a space for 24 hours after a rotation. Verify with a Standard Webhooks library (e.g. `standardwebhooks` on npm) over the raw body. ' +
  'Answer 2xx within 10 s; anything else is retried at growing intervals (30 s, 2 min, 10 min, 30 min, 1 h, 3 h, 6 h, 12 h, 24 h, 24 h: about three days), ' +
  'and an endpoint failing for 5 days is disabled and the winery\'s admins are emailed. Redirects are not followed.';

function webhookOperations(convert: (schema: z.ZodType, io: 'input' | 'output') => JsonSchema): Record<string, unknown> {
  const headers = {
    'webhook-id': { description: 'The event id.', required: true, schema: { type: 'string' } },
    'webhook-timestamp': { description: 'Unix seconds of this attempt.', required: true, schema: { type: 'string' } },
    'webhook-signature': { description: 'One or two `v1,<base64 signature>`, space-separated.', required: true, schema: { type: 'string' } },
  };
  return Object.fromEntries(
    EVENT_TYPES.map((type) => [
      type,
      {
        post: {
          operationId: `event.${type}`,
          summary: EVENT_DATA[type].summary,
          description: DELIVERY_TEXT,
          tags: ['Webhooks'],
          security: [],
          parameters: Object.entries(headers).map(([name, header]) => ({ name, in: 'header', ...header })),
          requestBody: { required: true, content: { 'application/json': { schema: convert(eventEnvelope(type), 'output') } } },
          responses: {
            '200': { description: 'Received (any 2xx within 10 s).' },
            default: { description: 'Anything else, or no answer within 10 s: the event is sent again later.' },
          },
        },
      },
    ]),
  );
}

/** Examples for the operations a front end starts with. */
const customerExample = {
  id: '01JD6W3Z5Q8X4T2M9R7B1C0NHE',
  customerNumber: 1042,
  externalId: null,
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: 'ada@example.com',
  phone: '707-555-0100',
  birthDate: '1985-12-10',
  partner: null,
  flags: ['vip'],
  permissions: { email: true, sms: false, phone: false, mail: true },
  customerClassId: null,
  specialInstructions: 'Leave with the neighbour',
  defaultBillingAddressId: '01JD6W3Z5R0Q8K2N4V6X8Z0B2D',
  defaultShippingAddressId: null,
  creditBalanceCents: 2500,
  ageVerification: {
    status: 'verified',
    method: 'manual',
    verifiedAt: '2026-11-02T17:04:11Z',
    verifiedBy: { kind: 'staff', id: 'u-17', name: 'Dana' },
    note: 'CA driver licence checked',
    checkedAt: '2026-11-02T17:04:11Z',
  },
  needsAgeVerification: false,
  effectiveClassId: null,
  isClubMember: false,
  stats: { orderCount: 4, lifetimeValueCents: 38_400, firstOrderAt: '2026-11-02T17:10:02Z', lastOrderAt: '2027-02-14T19:22:40Z' },
  createdAt: '2026-11-02T17:03:55Z',
  updatedAt: '2026-11-02T17:04:11Z',
  version: 3,
};
const EXAMPLES: Record<string, { request?: unknown; response?: unknown }> = {
  createCustomer: {
    request: {
      billingAddress: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com', line1: '1 Vineyard Rd', city: 'Napa', region: 'CA', postalCode: '94558', country: 'US' },
      phone: '707-555-0100',
      birthDate: '1985-12-10',
      flags: ['vip'],
      permissions: { email: true, sms: false, phone: false, mail: true },
      sendWelcomeEmail: true,
    },
  },
  updateCustomer: { request: { phone: '707-555-0199', specialInstructions: 'Leave with the neighbour' }, response: customerExample },
  listCustomers: {
    response: {
      items: [
        {
          id: customerExample.id,
          customerNumber: customerExample.customerNumber,
          firstName: customerExample.firstName,
          lastName: customerExample.lastName,
          email: customerExample.email,
          phone: customerExample.phone,
          flags: customerExample.flags,
          customerClassId: null,
          effectiveClassId: null,
          isClubMember: false,
          needsAgeVerification: false,
          stats: customerExample.stats,
          createdAt: customerExample.createdAt,
        },
      ],
      nextCursor: null,
    },
  },
  getCustomerSummary: { response: { people: 1342, clubMembers: 411 } },
  importCustomers: {
    request: {
      source: 'winedirect-export.csv',
      rows: [
        { externalId: 'WD-5521', billingAddress: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com', line1: '1 Vineyard Rd', city: 'Napa', region: 'CA', postalCode: '94558', country: 'US' }, flags: ['vip'] },
        { billingAddress: { firstName: 'Grace', lastName: 'Hopper', email: 'grace@example.com' }, phone: '707-555-0142' },
        { billingAddress: { firstName: 'Alan', lastName: 'Turing', email: 'not-an-email' } },
      ],
    },
    response: {
      results: [
        { row: 0, status: 'created', id: '01JD6W3Z5R0Q8K2N4V6X8Z0B2C', customerNumber: 1043 },
        { row: 1, status: 'updated', id: '01JD6W3Z5R0Q8K2N4V6X8Z0B3F', customerNumber: 1007 },
        { row: 2, status: 'invalid', errors: [{ path: 'billingAddress.email', message: 'must be an email address' }] },
      ],
    },
  },
  joinClub: { request: { clubId: '01JD6W50B7K3M8Q2R5T9V1X3Z5', variantId: 'red-only', shippingPreference: 'ship' } },
  pauseMembership: { request: { until: '2027-03-01' } },
  createOrder: {
    request: {
      customerId: '01JD6W3Z5Q8X4T2M9R7B1C0NHE',
      lines: [{ sku: 'CAB-2021', name: 'Cabernet Sauvignon 2021', quantity: 2, unitPriceCents: 4800 }],
      fulfillment: 'pickup',
      applyCreditCents: 1000,
    },
  },
  createSegment: {
    request: {
      name: 'California club members who have not ordered in 90 days',
      match: 'all',
      rules: [
        { field: 'clubId', op: 'memberOf', value: '01JD6W50B7K3M8Q2R5T9V1X3Z5' },
        { field: 'region', op: 'in', value: ['CA'] },
        { field: 'lastOrderAt', op: 'notWithinDays', value: 90 },
        { field: 'permissions.email', op: 'is', value: true },
      ],
    },
  },
  portalLogin: { request: { email: 'ada@example.com', password: 'correct horse battery staple' }, response: { token: 'eyJhbGciOi…', expiresAt: '2026-11-30T18:00:00Z' } },
};

let cached: JsonSchema | undefined;

/** The document, with `serverUrl` as its server (`withServer`). */
export function openApiDocument(serverUrl = '/'): JsonSchema {
  cached ??= build();
  return withServer(cached, serverUrl);
}

function build(): JsonSchema {
  const { components, convert } = converter();
  convert(Problem, 'output');
  components.GatewayUnauthorized = {
    type: 'object',
    properties: { message: { type: 'string', const: 'Unauthorized' } },
    required: ['message'],
    description: 'API Gateway\'s own 401 body on `/v1` (its JWT authorizer answers before the service).',
  };
  const paths: Record<string, Record<string, unknown>> = {};
  const tags = new Set<string>();
  for (const route of routeList) {
    (paths[route.path] ??= {})[route.method.toLowerCase()] = operation(route, convert, components);
    tags.add(route.tag);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Winery People API',
      version: '1.0.0',
      description:
        'Customers, clubs, credits, orders and emails for winery staff (`/v1`, staff JWT) and the customer portal (`/portal`). ' +
        'Errors are application/problem+json. Lists take `limit` (1-100) and an opaque `cursor`. Mutable resources carry `version` (also the ETag).',
      contact: { name: 'Winery People engineering', email: 'api@winery-people.dev' },
      license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' },
    },
    tags: [...tags].map((name) => ({ name, description: TAGS[name] ?? name })),
    paths,
    webhooks: webhookOperations(convert),
    components: {
      schemas: components,
      responses: SHARED_RESPONSES,
      securitySchemes: {
        staffJwt: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Cognito ID token with custom:tenantId and cognito:groups.' },
        portalToken: { type: 'http', scheme: 'bearer', description: 'A portal token from POST /portal/{tenantId}/login.' },
      },
    },
  };
}
