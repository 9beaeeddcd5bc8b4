import { PageQuery } from '../../schemas/common';
import { CustomerPath } from '../../people/customer-schemas';
import { CancelOrderBody, CreateOrderBody, Order, OrderList, OrderPath, OrdersOfDayQuery } from '../../commerce/order-schemas';
import { portalAccess, staff, type RouteSpec } from '../route-spec';

const tag = 'Orders';

export const orderRoutes = {
  createOrder: {
    method: 'POST', path: '/v1/orders', fn: 'orders', tag, access: staff('staff'), status: 201,
    summary:
      "Place an order for a person: their effective class's discount, their special instructions, and stored credit applied in the same transaction. " +
      'The person’s `stats` (orders, lifetime value, first and last order) move in that transaction too, so their profile’s `version` moves: read it again before a `PATCH` with `If-Match`. ' +
      'Where the winery requires it (settings.ageVerification.requiredForOrders, default true), a person whose age is not verified is a 409 age-verification-required and nothing is written.',
    body: CreateOrderBody, response: Order, idempotent: true,
    problems: { 404: 'No person `customerId` in your tenant.' },
  },
  listOrdersOfDay: {
    method: 'GET', path: '/v1/orders', fn: 'orders', tag, access: staff('viewer'), status: 200,
    summary: "The tenant's orders placed on a day, newest first; cancelled ones too, with their status. Days are the winery's, in `settings.timeZone`.",
    query: OrdersOfDayQuery, response: OrderList,
  },
  getOrder: {
    method: 'GET', path: '/v1/orders/{orderId}', fn: 'orders', tag, access: staff('viewer'), status: 200,
    summary: 'An order.', params: OrderPath, response: Order,
  },
  cancelOrder: {
    method: 'POST', path: '/v1/orders/{orderId}/cancel', fn: 'orders', tag, access: staff('staff'), status: 200,
    summary: 'Cancel a placed order; its applied credit goes back to the balance, once (409 when already cancelled); the person\'s timeline shows the cancellation.',
    params: OrderPath, body: CancelOrderBody, bodyOptional: true, response: Order,
  },
  listCustomerOrders: {
    method: 'GET', path: '/v1/customers/{id}/orders', fn: 'orders', tag, access: staff('viewer'), status: 200,
    summary: "The person's orders, newest first.", params: CustomerPath, query: PageQuery, response: OrderList,
  },
  getOrderReceipt: {
    method: 'GET', path: '/v1/orders/{orderId}/receipt', fn: 'receipts', tag, access: staff('viewer'), status: 200,
    summary: "The receipt of an order as a PDF; its date is in the winery's time zone (settings.timeZone).",
    params: OrderPath, responseContentType: 'application/pdf',
  },
  getMyOrderReceipt: {
    method: 'GET', path: '/portal/me/orders/{orderId}/receipt', fn: 'receipts', tag: 'Portal', access: portalAccess, status: 200,
    summary: "The receipt of one's own order as a PDF (another person's order is a 404).",
    params: OrderPath, responseContentType: 'application/pdf',
  },
} as const satisfies Record<string, RouteSpec>;
