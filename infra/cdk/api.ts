import { Duration, Stack, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  type CfnStage,
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  HttpStage,
  type IHttpRouteAuthorizer,
  LogGroupLogDestination,
  type ThrottleSettings,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { ApiFunctionName, RouteEntry } from '../../shared/http/routes';
import { cors } from '../../shared/http/cors';
import { accessOf, type FunctionAccess } from './access';
import { type ServiceResources, ServiceFunction } from './functions';
import { pascalCase } from './names';

export interface ApiProps {
  /** The route table (`routeList`): one API Gateway route per entry. */
  readonly routes: readonly RouteEntry[];
  /** One Lambda function per name (`apiFunctionNames`), serving every route whose `fn` it is. */
  readonly functionNames: readonly ApiFunctionName[];
  /** Permissions per function (`apiAccess`). */
  readonly access: Readonly<Record<string, FunctionAccess>>;
  readonly resources: ServiceResources;
  /** Runs on every staff (`/v1`) route. */
  readonly staffAuthorizer: IHttpRouteAuthorizer;
  /** Origins allowed by CORS (the web front ends). */
  readonly allowedOrigins: readonly string[];
  /**
   * Default throttling of every route of the stage, so one runaway client cannot exhaust the
   * account's Lambda concurrency.
   * @default 50 requests per second, bursts of 100
   */
  readonly throttle?: ThrottleSettings;
  /**
   * Reserved concurrency of the functions that serve `/portal` routes, by function. Reserved
   * concurrency is both a share of the account's Lambda concurrency and a cap: a flood of
   * logins (anyone may send one; each costs a password hash) scales the portal's functions up
   * to it and no further, so the staff API's functions keep the rest of the account. The account
   * must keep 100 unreserved: its concurrency quota must be at least 100 plus the sum.
   * @default `PORTAL_CONCURRENCY`
   */
  readonly portalConcurrency?: Readonly<Partial<Record<ApiFunctionName, number>>>;
}

/**
 * The portal's functions, reserved and capped (`ApiProps.portalConcurrency`): `portal` serves
 * logins (a ~0.3 s password hash each) and the member's own reads and writes; `receipts` the
 * member's PDF receipts (its cap also bounds the staff receipts it serves). A function that
 * serves portal routes and is not named here gets `OTHER_PORTAL_FUNCTION_CONCURRENCY`.
 */
export const PORTAL_CONCURRENCY: Readonly<Partial<Record<ApiFunctionName, number>>> = { portal: 20, receipts: 10 };
const OTHER_PORTAL_FUNCTION_CONCURRENCY = 10;

/**
 * Route throttling of the portal, under the stage's default: the routes anyone may call without
 * credentials (login, password reset) get the least, sized to what the portal's reserved
 * concurrency serves (20 logins a second at ~0.3 s of hashing each would need 6 of its 20);
 * the member's own routes (a portal token) get a little more. API Gateway throttles a route for
 * all its callers together; what one client may do is bounded by the attempt budgets per client
 * address and per email (`shared/portal/login-attempts.ts`).
 */
export function portalRouteThrottle(route: RouteEntry): ThrottleSettings | undefined {
  if (!route.path.startsWith('/portal/')) return undefined;
  if (route.access.kind === 'public') return route.method === 'GET' ? { rateLimit: 20, burstLimit: 40 } : { rateLimit: 10, burstLimit: 20 };
  return { rateLimit: 25, burstLimit: 50 };
}

/**
 * The HTTP API, derived from the route table: one Lambda per function group, every route of
 * the group integrated with it. Staff routes (`/v1`) carry the JWT authorizer; public routes
 * and portal routes do not (the portal middleware verifies the portal token in the function).
 */
export class Api extends Construct {
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  readonly functions: ReadonlyMap<ApiFunctionName, ServiceFunction>;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    const { routes } = props;
    routes.forEach(checkAccessMatchesPath);

    this.httpApi = new HttpApi(this, 'HttpApi', {
      apiName: `${Stack.of(this).stackName}-api`,
      description: 'Winery people: staff API (/v1), customer portal (/portal) and system routes.',
      // The stage below carries the access log and throttling, which the default stage cannot.
      createDefaultStage: false,
      corsPreflight: {
        allowOrigins: [...props.allowedOrigins],
        allowMethods: [...new Set(routes.map((route) => CorsHttpMethod[route.method]))],
        allowHeaders: [...cors.allowHeaders],
        exposeHeaders: [...cors.exposeHeaders],
        maxAge: Duration.seconds(cors.maxAgeSeconds),
      },
    });

    this.stage = new HttpStage(this, 'Stage', {
      httpApi: this.httpApi,
      autoDeploy: true,
      throttle: props.throttle ?? { rateLimit: 50, burstLimit: 100 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(new LogGroup(this, 'AccessLogs', { retention: RetentionDays.THREE_MONTHS })),
        format: accessLogFormat,
      },
    });

    const functions = new Map<ApiFunctionName, ServiceFunction>();
    const integrations = new Map<ApiFunctionName, HttpLambdaIntegration>();
    const portalConcurrency = props.portalConcurrency ?? PORTAL_CONCURRENCY;
    for (const name of props.functionNames) {
      const served = routes.filter((route) => route.fn === name);
      const servesPortal = served.some((route) => route.path.startsWith('/portal/'));
      const fn = new ServiceFunction(this, `${pascalCase(name)}Function`, {
        kind: 'api',
        name,
        description: `API ${name}: ${served.map((route) => route.routeKey).join(', ')}`,
        access: accessOf(props.access, name, 'API function'),
        resources: props.resources,
        reservedConcurrentExecutions: servesPortal ? (portalConcurrency[name] ?? OTHER_PORTAL_FUNCTION_CONCURRENCY) : undefined,
      });
      functions.set(name, fn);
      // One invoke permission per function for the whole API instead of one per route: a
      // group grows to dozens of routes and Lambda's resource policy is capped at 20 KB.
      integrations.set(name, new HttpLambdaIntegration(`${pascalCase(name)}Integration`, fn, { scopePermissionToRoute: false }));
    }
    this.functions = functions;

    const routeSettings: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }> = {};
    for (const route of routes) {
      const integration = integrations.get(route.fn);
      if (!integration) {
        throw new Error(`Route ${route.routeKey} names function "${route.fn}", which is not in apiFunctionNames.`);
      }
      const [httpRoute] = this.httpApi.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration,
        authorizer: route.access.kind === 'staff' ? props.staffAuthorizer : new HttpNoneAuthorizer(),
      });
      // On the route resource itself: the integration and permission created under the first
      // route of a group must not inherit it.
      const cfnRoute = httpRoute?.node.defaultChild;
      if (route.access.kind !== 'staff' && cfnRoute) {
        Validations.of(cfnRoute).acknowledge({ id: 'AwsSolutions-APIG4', reason: withoutAuthorizer(route) });
      }
      const throttle = portalRouteThrottle(route);
      if (throttle && httpRoute) {
        routeSettings[route.routeKey] = { ThrottlingRateLimit: throttle.rateLimit!, ThrottlingBurstLimit: throttle.burstLimit! };
        // A stage's route settings name routes by key: the routes must exist first.
        this.stage.node.addDependency(httpRoute);
      }
    }
    (this.stage.node.defaultChild as CfnStage).routeSettings = routeSettings;
  }

  /** The API's base URL (no trailing slash). */
  get url(): string {
    return this.stage.url.replace(/\/$/, '');
  }
}

/**
 * The API contract (README § API conventions) puts staff routes under `/v1` and nothing else there. A route table
 * entry that breaks this would silently publish a staff route without the JWT authorizer (or
 * lock a public one), so synth refuses it.
 */
export function checkAccessMatchesPath(route: RouteEntry): void {
  const underV1 = route.path === '/v1' || route.path.startsWith('/v1/');
  if (underV1 !== (route.access.kind === 'staff')) {
    throw new Error(
      `Route ${route.routeKey} has access "${route.access.kind}": routes under /v1 must be staff routes and ` +
        'staff routes must live under /v1. Fix the entry in shared/http/routes.ts.',
    );
  }
}

/** Why a route has no API Gateway authorizer, for the cdk-nag suppression. */
function withoutAuthorizer(route: RouteEntry): string {
  return route.access.kind === 'portal'
    ? `${route.routeKey} is a portal route: its bearer is a portal token issued by this service, which API ` +
        'Gateway cannot verify; the portal middleware verifies it in the function before any data is read.'
    : `${route.routeKey} is public by the route table (shared/http/routes.ts): ${route.summary}`;
}

/**
 * One JSON line per request. No query string (`q=` can hold an email prefix), no headers (the
 * Authorization header is a credential): the path, the route, who (`sub`) and how it went.
 */
const accessLogFormat = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    requestTime: '$context.requestTime',
    ip: '$context.identity.sourceIp',
    userAgent: '$context.identity.userAgent',
    routeKey: '$context.routeKey',
    status: '$context.status',
    protocol: '$context.protocol',
    responseLength: '$context.responseLength',
    responseLatency: '$context.responseLatency',
    integrationLatency: '$context.integrationLatency',
    integrationError: '$context.integrationErrorMessage',
    authorizerError: '$context.authorizer.error',
    sub: '$context.authorizer.claims.sub',
  }),
);
