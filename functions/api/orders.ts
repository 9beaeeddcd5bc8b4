import { cancelOrder, getOrder, listOrders, listOrdersOfDay, placeOrder } from '../../shared/commerce/order-repository';
import { apiHandler } from '../../shared/http/api-handler';
import { orderRoutes } from '../../shared/http/routes/orders';

export const handler = apiHandler(orderRoutes, 'orders', {
  createOrder: ({ auth, body, idempotency }) => placeOrder(auth.tenantId, body, auth.actor, idempotency),
  listOrdersOfDay: ({ auth, query }) => listOrdersOfDay(auth.tenantId, query),
  getOrder: ({ auth, params }) => getOrder(auth.tenantId, params.orderId),
  cancelOrder: ({ auth, params, body }) => cancelOrder(auth.tenantId, params.orderId, auth.actor, body?.reason),
  listCustomerOrders: ({ auth, params, query }) => listOrders(auth.tenantId, params.id, query),
});
