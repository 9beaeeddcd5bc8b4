import { PageQuery } from '../../schemas/common';
import { CustomerPath } from '../../people/customer-schemas';
import { EmailLogList } from '../../email/email-schemas';
import { staff, type RouteSpec } from '../route-spec';

export const emailRoutes = {
  listEmailLogs: {
    method: 'GET', path: '/v1/customers/{id}/email-logs', fn: 'emails', tag: 'Emails', access: staff('viewer'), status: 200,
    summary: "The person's emails, newest first, each with its delivery status.",
    params: CustomerPath, query: PageQuery, response: EmailLogList,
  },
} as const satisfies Record<string, RouteSpec>;
