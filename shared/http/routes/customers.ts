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
import { CustomerProfile } from '../../people/profile-schemas';
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
  },
  getCustomerSummary: {
    method: 'GET', path: '/v1/customers/summary', fn: 'customers', tag: 'People', access: staff('viewer'), status: 200,
    summary: "Counts for the dashboard: the tenant's people and club members, or those of one filter (flag, classId or clubId).",
    query: CustomerSummaryQuery, response: CustomerSummary,
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
      "cannot be a club's class (it comes with the membership).",
    params: CustomerPath, body: UpdateCustomerBody, response: Customer, conditional: true,
  },
} as const satisfies Record<string, RouteSpec>;
