import { Duration, Stack, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
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
    for (const name of props.functionNames) {
      const served = routes.filter((route) => route.fn === name);
      const fn = new ServiceFunction(this, `${pascalCase(name)}Function`, {
        kind: 'api',
        name,
        description: `API ${name}: ${served.map((route) => route.routeKey).join(', ')}`,
        access: accessOf(props.access, name, 'API function'),
        resources: props.resources,
      });
      functions.set(name, fn);
      // One invoke permission per function for the whole API instead of one per route: a
      // group grows to dozens of routes and Lambda's resource policy is capped at 20 KB.
      integrations.set(name, new HttpLambdaIntegration(`${pascalCase(name)}Integration`, fn, { scopePermissionToRoute: false }));
    }
    this.functions = functions;

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
    }
  }

  /** The API's base URL (no trailing slash). */
  get url(): string {
    return this.stage.url.replace(/\/$/, '');
  }
}

/**
 * The contract (api.md) puts staff routes under `/v1` and nothing else there. A route table
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
