import { routeEntries, type RouteEntry as BaseRouteEntry, type RouteSpec } from './route-spec';
import { cellarRoutes } from './routes/cellar';
import { classRoutes } from './routes/classes';
import { clubRoutes } from './routes/clubs';
import { creditRoutes } from './routes/credits';
import { customerRoutes } from './routes/customers';
import { emailRoutes } from './routes/emails';
import { mergeRoutes } from './routes/merges';
import { privacyRoutes } from './routes/privacy';
import { orderRoutes } from './routes/orders';
import { portalRoutes } from './routes/portal';
import { profileRoutes } from './routes/profile';
import { reservationRoutes } from './routes/reservations';
import { segmentRoutes } from './routes/segments';
import { settingsRoutes } from './routes/settings';
import { staffRoutes } from './routes/staff';
import { systemRoutes } from './routes/system';
import { webhookRoutes } from './routes/webhooks';

/**
 * The route table: the single source for the CDK routes, the local gateway and the OpenAPI
 * document. Each area keeps its routes in `routes/<area>.ts` (all of an area visible in one
 * file); this module joins them. Adding a route is one entry there plus its operation in
 * `functions/api/<fn>.ts`.
 */
export type { Access, HttpMethod, Role, RouteSpec } from './route-spec';

export const routes = {
  ...systemRoutes,
  ...settingsRoutes,
  ...staffRoutes,
  ...customerRoutes,
  ...emailRoutes,
  ...profileRoutes,
  ...classRoutes,
  ...clubRoutes,
  ...portalRoutes,
  ...creditRoutes,
  ...orderRoutes,
  ...reservationRoutes,
  ...cellarRoutes,
  ...segmentRoutes,
  ...mergeRoutes,
  ...privacyRoutes,
  ...webhookRoutes,
} as const satisfies Record<string, RouteSpec>;

export type Routes = typeof routes;
export type OperationId = keyof Routes;
/** Lambda functions that serve the API, one per resource group: `functions/api/<name>.ts`. */
export type ApiFunctionName = Routes[OperationId]['fn'];

export interface RouteEntry extends BaseRouteEntry {
  readonly operationId: OperationId;
  readonly fn: ApiFunctionName;
}

export const routeList = routeEntries(routes) as readonly RouteEntry[];

export const apiFunctionNames: readonly ApiFunctionName[] = [...new Set(routeList.map((route) => route.fn))];
