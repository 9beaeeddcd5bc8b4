import { z } from 'zod';
import {
  CreateCustomerBody,
  Customer,
  CustomerList,
  CustomerPath,
  CustomerProfile,
  CustomerSummary,
  ListCustomersQuery,
  UpdateCustomerBody,
} from '../schemas/customer';
import { PutSettingsBody, Settings } from '../schemas/settings';

/**
 * The route table: the single source for the CDK routes, the local gateway and the OpenAPI
 * document. Adding a route is one entry here plus its operation in `functions/api/<fn>.ts`.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type Role = 'viewer' | 'staff' | 'admin';

/** Lambda functions that serve the API, one per resource group: `functions/api/<name>.ts`. */
export const apiFunctionNames = ['system', 'settings', 'customers'] as const;
export type ApiFunctionName = (typeof apiFunctionNames)[number];

export type Access =
  /** No credentials (health, OpenAPI document, portal login). */
  | { kind: 'public' }
  /** A staff JWT (API Gateway's JWT authorizer in AWS) whose role is at least `role`. */
  | { kind: 'staff'; role: Role }
  /** A portal token issued by this service; verified by the portal middleware. */
  | { kind: 'portal' };

export interface RouteSpec {
  readonly method: HttpMethod;
  readonly path: string;
  readonly fn: ApiFunctionName;
  readonly summary: string;
  readonly tag: string;
  readonly access: Access;
  readonly params?: z.ZodType;
  readonly query?: z.ZodType;
  readonly body?: z.ZodType;
  /** The body may be absent (e.g. `POST .../password` without a new password). */
  readonly bodyOptional?: boolean;
  readonly response?: z.ZodType;
  /** Content type of a non-JSON response (e.g. a PDF receipt). */
  readonly responseContentType?: string;
  readonly status: 200 | 201 | 202 | 204;
  /** Honours the `Idempotency-Key` header. */
  readonly idempotent?: boolean;
  /** Honours `If-Match: <version>`. */
  readonly conditional?: boolean;
}

const staff = <R extends Role>(role: R) => ({ kind: 'staff', role }) as const;
const publicAccess = { kind: 'public' } as const;

export const routes = {
  health: {
    method: 'GET', path: '/health', fn: 'system', tag: 'System', access: publicAccess, status: 200,
    summary: 'Answers 200 when the service can reach its table.',
    response: z.object({ status: z.literal('ok') }),
  },
  getOpenApiDocument: {
    method: 'GET', path: '/openapi.json', fn: 'system', tag: 'System', access: publicAccess, status: 200,
    summary: 'This OpenAPI 3.1 document.',
  },

  getSettings: {
    method: 'GET', path: '/v1/settings', fn: 'settings', tag: 'Settings', access: staff('viewer'), status: 200,
    summary: "The tenant's settings (defaults until an admin saves them).",
    response: Settings,
  },
  putSettings: {
    method: 'PUT', path: '/v1/settings', fn: 'settings', tag: 'Settings', access: staff('admin'), status: 200,
    summary: 'Replace the settings; accepts the document GET returned.',
    body: PutSettingsBody, response: Settings, conditional: true,
  },

  createCustomer: {
    method: 'POST', path: '/v1/customers', fn: 'customers', tag: 'People', access: staff('staff'), status: 201,
    summary: 'Create a person; the billing address names the account.',
    body: CreateCustomerBody, response: Customer, idempotent: true,
  },
  listCustomers: {
    method: 'GET', path: '/v1/customers', fn: 'customers', tag: 'People', access: staff('viewer'), status: 200,
    summary: 'People sorted by last then first name; q matches a name or email prefix, phone digits or a customer number.',
    query: ListCustomersQuery, response: CustomerList,
  },
  getCustomerSummary: {
    method: 'GET', path: '/v1/customers/summary', fn: 'customers', tag: 'People', access: staff('viewer'), status: 200,
    summary: 'Counts for the dashboard.',
    response: CustomerSummary,
  },
  getCustomer: {
    method: 'GET', path: '/v1/customers/{id}', fn: 'customers', tag: 'People', access: staff('viewer'), status: 200,
    summary: 'The profile page in one call: the person with addresses, cards, emails, memberships and certificates.',
    params: CustomerPath, response: CustomerProfile,
  },
  updateCustomer: {
    method: 'PATCH', path: '/v1/customers/{id}', fn: 'customers', tag: 'People', access: staff('staff'), status: 200,
    summary: 'Change fields of a person.',
    params: CustomerPath, body: UpdateCustomerBody, response: Customer, conditional: true,
  },
} as const satisfies Record<string, RouteSpec>;

export type Routes = typeof routes;
export type OperationId = keyof Routes;

export interface RouteEntry extends RouteSpec {
  readonly operationId: OperationId;
  /** API Gateway's route key, e.g. `GET /v1/customers/{id}`: what `event.routeKey` carries. */
  readonly routeKey: string;
}

export const routeList: readonly RouteEntry[] = Object.entries(routes).map(([operationId, spec]) => ({
  ...(spec as RouteSpec),
  operationId: operationId as OperationId,
  routeKey: `${spec.method} ${spec.path}`,
}));

export function routesOf(fn: ApiFunctionName): RouteEntry[] {
  return routeList.filter((route) => route.fn === fn);
}
