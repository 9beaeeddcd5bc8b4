import { type App, CfnOutput, Stack, type StackProps, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { Construct } from 'constructs';
import { tableDefinition } from '../../shared/db/table';
import { apiFunctionNames, routeList } from '../../shared/http/routes';
import { jobs } from '../../shared/jobs/jobs';
import { consumers } from '../../shared/streams/consumers';
import { apiAccess, consumerAccess, eventAccess, jobAccess, queueAccess } from './access';
import { Alarms } from './alarms';
import { Api } from './api';
import { consoleCallbackPath, signInDomainPrefix, signInHost, StaffIdentity } from './auth';
import { StreamConsumers } from './consumers';
import { EmailDeliveryEvents, EmailSending } from './email';
import { repositoryRoot, type ServiceResources } from './functions';
import { ScheduledJobs } from './jobs';
import { ServiceSecrets } from './secrets';
import { DataTable } from './table';
import { type CardProcessorField, type WebDomain, WebHosting } from './web';
import { WebhookDelivery } from './webhooks';

export interface ServiceStackProps extends StackProps {
  /** The deployment (`dev`, `prod`, a developer's name): part of the stack name, so stages share an account. */
  readonly stage: string;
  /** `LOG_LEVEL` of every function. @default 'INFO' */
  readonly logLevel?: string;
  /** Origins of other front ends allowed by CORS, besides the web app's own origin, which is always allowed. @default none */
  readonly allowedOrigins?: readonly string[];
  /** Receives the alarm notifications. @default no subscription */
  readonly alarmEmail?: string;
  /** Sender when a tenant set none (`EMAIL_FROM`); must be SES-verified. @default none (sending fails) */
  readonly emailFrom?: string;
  /** The customer portal's URL (`PORTAL_URL`), for links in emails. @default `<web app origin>/portal` */
  readonly portalUrl?: string;
  /** The built web app to publish (a folder with `index.html`). @default `web/`, built during synth */
  readonly webAssetPath?: string;
  /** A custom domain for the web app. @default the distribution's `*.cloudfront.net` domain */
  readonly webDomain?: WebDomain;
  /** Prefix of the hosted sign-in domain. @default `winery-<stage>-<8 hex digits of the stack id>` */
  readonly authDomainPrefix?: string;
  /**
   * An origin such as `http://localhost:3001` where a developer runs the console against this
   * stage: allowed as sign-in callback, sign-out return and CORS origin. @default none
   */
  readonly localWebOrigin?: string;
  /**
   * The card processor's hosted card field, for "Add card" in the console (`/config.json`
   * `cardProcessor`); its origin is the one the CSP lets the app frame. @default none: no "Add card"
   */
  readonly cardProcessor?: CardProcessorField;
}

/**
 * The whole service in one stack, derived from the shared tables (routes, table definition,
 * stream consumers, jobs) and the access declarations. Nothing has a physical name: CloudFormation
 * names everything after the stack, so two stages live side by side in one account.
 */
export class ServiceStack extends Stack {
  readonly data: DataTable;
  readonly identity: StaffIdentity;
  readonly web: WebHosting;
  readonly api: Api;
  readonly consumers: StreamConsumers;
  readonly jobs: ScheduledJobs;
  readonly emailEvents: EmailDeliveryEvents;
  readonly webhooks: WebhookDelivery;
  readonly alarms: Alarms;

  constructor(scope: Construct, id: string, props: ServiceStackProps) {
    super(scope, id, { description: `Winery people service (${props.stage})`, ...props });

    this.data = new DataTable(this, 'Data', { definition: tableDefinition });

    // Built in an order without a cycle: the distribution depends on nothing else in the stack;
    // the sign-in client (callback URLs), the API (CORS) and the email function (portal links)
    // depend on its domain; config.json, written last, on all of them. So the CSP, which the
    // distribution carries, cannot name the API by its URL (the API depends on the distribution):
    // it allows this region's execute-api hosts. Cognito's sign-in host is derived from the
    // domain prefix and the region, which are known before either resource exists.
    const domainPrefix = signInDomainPrefix(props.stage, props.authDomainPrefix);
    const hostedSignIn = signInHost(domainPrefix, this.region);
    const cardField = props.cardProcessor && cardFieldOrigin(props.cardProcessor.fieldUrl);
    this.web = new WebHosting(this, 'Web', {
      projectRoot: repositoryRoot,
      webAssetPath: props.webAssetPath,
      domain: props.webDomain,
      connectSources: [
        `https://*.execute-api.${this.region}.${this.urlSuffix}`,
        // OIDC discovery and the signing keys (the issuer) …
        `https://cognito-idp.${this.region}.${this.urlSuffix}`,
        // … and the token endpoint, where the console redeems the code.
        `https://${hostedSignIn}`,
      ],
      frameSource: cardField,
    });
    if (props.localWebOrigin !== undefined && !localOriginPattern.test(props.localWebOrigin)) {
      // Cognito accepts plain HTTP callback URLs for localhost only.
      throw new Error(`localWebOrigin "${props.localWebOrigin}" must be an origin such as http://localhost:3001 (no path).`);
    }
    const webOrigins = [this.web.origin, ...(props.localWebOrigin ? [props.localWebOrigin] : [])];
    this.identity = new StaffIdentity(this, 'StaffIdentity', { domainPrefix, consoleOrigins: webOrigins });

    const email = new EmailSending(this, 'Email', {
      defaultFrom: props.emailFrom,
      portalUrl: props.portalUrl ?? `${this.web.origin}/portal`,
    });
    const baseResources: ServiceResources = {
      table: this.data,
      secrets: new ServiceSecrets(this, 'Secrets'),
      email,
      logLevel: props.logLevel ?? 'INFO',
      projectRoot: repositoryRoot,
    };
    // Built first: the outbox consumer sends to its queues. ("Hooks": ids starting with "Web" are
    // the web app's.)
    this.webhooks = new WebhookDelivery(this, 'Hooks', { access: queueAccess, resources: baseResources });
    const resources: ServiceResources = { ...baseResources, webhookQueues: this.webhooks };

    this.api = new Api(this, 'Api', {
      routes: routeList,
      functionNames: apiFunctionNames,
      access: apiAccess,
      resources,
      staffAuthorizer: this.identity.authorizer,
      allowedOrigins: [...webOrigins, ...(props.allowedOrigins ?? [])],
    });
    this.consumers = new StreamConsumers(this, 'Consumers', { consumers, access: consumerAccess, resources });
    this.jobs = new ScheduledJobs(this, 'Jobs', { jobs, access: jobAccess, resources });
    this.emailEvents = new EmailDeliveryEvents(this, 'EmailEvents', { sending: email, access: eventAccess, resources });

    this.alarms = new Alarms(this, 'Alarms', {
      httpApi: this.api.httpApi,
      functions: [
        ...this.api.functions.values(),
        ...this.consumers.deployed.map(({ fn }) => fn),
        ...this.jobs.deployed.map(({ fn }) => fn),
        this.emailEvents.fn,
        this.webhooks.sender,
      ],
      consumers: this.consumers.deployed,
      failureQueues: [...this.consumers.failureQueues, this.emailEvents.failureQueue, this.webhooks.failureQueue],
      alarmEmail: props.alarmEmail,
    });

    const redirectUri = `${this.web.origin}${consoleCallbackPath}`;
    this.web.writeConfig({
      apiUrl: this.api.url,
      region: this.region,
      userPoolId: this.identity.userPool.userPoolId,
      issuer: this.identity.issuer,
      userPoolClientId: this.identity.consoleClient.userPoolClientId,
      userPoolDomain: this.identity.signInHost,
      redirectUri,
      logoutUri: `${this.web.origin}/`,
      ...(props.cardProcessor ? { cardProcessor: props.cardProcessor } : {}),
    });

    new CfnOutput(this, 'WebUrl', { value: `${this.web.origin}/`, description: 'The staff console (the member portal is under /portal/<tenant>)' });
    new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'Base URL of the HTTP API' });
    new CfnOutput(this, 'UserPoolId', { value: this.identity.userPool.userPoolId, description: 'Staff user pool' });
    new CfnOutput(this, 'UserPoolClientId', {
      value: this.identity.client.userPoolClientId,
      description: 'App client of front ends that sign in with SRP (an audience of the JWT authorizer)',
    });
    new CfnOutput(this, 'ConsoleClientId', {
      value: this.identity.consoleClient.userPoolClientId,
      description: `App client of the console: hosted sign-in, authorization code with PKCE, callback ${redirectUri}`,
    });
    new CfnOutput(this, 'UserPoolDomain', { value: this.identity.signInHost, description: 'Host of the hosted sign-in' });
    new CfnOutput(this, 'HostedUiUrl', { value: this.identity.domain.baseUrl(), description: 'Base URL of the hosted sign-in' });
    new CfnOutput(this, 'TableName', { value: this.data.table.tableName, description: 'The one DynamoDB table' });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarms.topic.topicArn, description: 'Subscribe on-call here' });
  }
}

/** The origin of a card processor's field: an `https://` URL (no credentials), or synth stops saying why. */
function cardFieldOrigin(fieldUrl: string): string {
  let url: URL | undefined;
  try {
    url = new URL(fieldUrl);
  } catch {
    url = undefined;
  }
  if (!url || url.protocol !== 'https:' || url.username !== '' || url.password !== '') {
    throw new Error(`cardProcessorFieldUrl "${fieldUrl}" must be the processor's https:// card field page, such as https://fields.processor.example/card.`);
  }
  return url.origin;
}

/** A developer's console origin: localhost over HTTP, or any host over HTTPS, without a path. */
const localOriginPattern = /^(http:\/\/localhost(:\d{1,5})?|https:\/\/[a-z0-9.-]+(:\d{1,5})?)$/;

/** A stage name that is safe in a stack name and short enough for the names derived from it. */
const stagePattern = /^[a-z][a-z0-9-]{0,19}$/;

/**
 * Adds the service stack of one stage to the app, tagged, with the cdk-nag AwsSolutions checks.
 * `app.ts` and the infra tests both build it here, so both are checked the same way.
 */
export function addServiceStack(app: App, props: ServiceStackProps): ServiceStack {
  if (!stagePattern.test(props.stage)) {
    throw new Error(`Stage "${props.stage}" must match ${stagePattern}: lowercase letters, digits and dashes.`);
  }
  const stack = new ServiceStack(app, `WineryPeople-${props.stage}`, props);
  Tags.of(stack).add('project', 'winery-people');
  Tags.of(stack).add('stage', props.stage);
  // cdk-nag 3 is a policy validation plugin: any unacknowledged finding (error or warning) fails
  // synth, and acknowledgments are written to the template's Metadata as an audit trail.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true, writeSuppressionsToCloudFormation: true }));
  return stack;
}
