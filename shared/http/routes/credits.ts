import { PageQuery } from '../../schemas/common';
import { CreateCreditBody, CreditEntry, CreditLedger } from '../../commerce/credit-schemas';
import { CustomerPath } from '../../people/customer-schemas';
import { staff, type RouteSpec } from '../route-spec';

const tag = 'Credits';

export const creditRoutes = {
  getCredits: {
    method: 'GET', path: '/v1/customers/{id}/credits', fn: 'credits', tag, access: staff('viewer'), status: 200,
    summary: "The person's stored-credit balance and ledger, newest entry first.",
    params: CustomerPath, query: PageQuery, response: CreditLedger,
  },
  createCredit: {
    method: 'POST', path: '/v1/customers/{id}/credits', fn: 'credits', tag, access: staff('staff'), status: 201,
    summary: 'Add (positive amountCents) or deduct (negative) stored credit; the balance never goes below zero (409).',
    params: CustomerPath, body: CreateCreditBody, response: CreditEntry, idempotent: true,
  },
} as const satisfies Record<string, RouteSpec>;
