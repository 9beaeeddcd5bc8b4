import { type App, CfnOutput, Stack, type StackProps, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { Construct } from 'constructs';
import { tableDefinition } from '../../shared/db/table';
import { apiFunctionNames, routeList } from '../../shared/http/routes';
import { jobs } from '../../shared/jobs/jobs';
import { consumers } from '../../shared/streams/consumers';
import { apiAccess, consumerAccess, eventAccess, jobAccess } from './access';
import { Alarms } from './alarms';
import { Api } from './api';
import { StaffIdentity } from './auth';
import { StreamConsumers } from './consumers';
import { EmailDeliveryEvents, EmailSending } from './email';
import { repositoryRoot, type ServiceResources } from './functions';
import { ScheduledJobs } from './jobs';
import { ServiceSecrets } from './secrets';
import { DataTable } from './table';

export interface ServiceStackProps extends StackProps {
  /** The deployment (`dev`, `prod`, a developer's name): part of the stack name, so stages share an account. */
  readonly stage: string;
  /** `LOG_LEVEL` of every function. @default 'INFO' */
  readonly logLevel?: string;
  /** Origins the web front ends are served from (CORS). @default ['*'] */
  readonly allowedOrigins?: readonly string[];
  /** Receives the alarm notifications. @default no subscription */
  readonly alarmEmail?: string;
  /** Sender when a tenant set none (`EMAIL_FROM`); must be SES-verified. @default none (sending fails) */
  readonly emailFrom?: string;
  /** The customer portal's URL (`PORTAL_URL`), for links in emails. */
  readonly portalUrl?: string;
}

/**
 * The whole service in one stack, derived from the shared tables (routes, table definition,
 * stream consumers, jobs) and the access declarations. Nothing has a physical name: CloudFormation
 * names everything after the stack, so two stages live side by side in one account.
 */
export class ServiceStack extends Stack {
  readonly data: DataTable;
  readonly identity: StaffIdentity;
  readonly api: Api;
  readonly consumers: StreamConsumers;
  readonly jobs: ScheduledJobs;
  readonly emailEvents: EmailDeliveryEvents;
  readonly alarms: Alarms;

  constructor(scope: Construct, id: string, props: ServiceStackProps) {
    super(scope, id, { description: `Winery people service (${props.stage})`, ...props });

    this.data = new DataTable(this, 'Data', { definition: tableDefinition });
    this.identity = new StaffIdentity(this, 'StaffIdentity');
    const email = new EmailSending(this, 'Email', { defaultFrom: props.emailFrom, portalUrl: props.portalUrl });
    const resources: ServiceResources = {
      table: this.data,
      secrets: new ServiceSecrets(this, 'Secrets'),
      email,
      logLevel: props.logLevel ?? 'INFO',
      projectRoot: repositoryRoot,
    };

    this.api = new Api(this, 'Api', {
      routes: routeList,
      functionNames: apiFunctionNames,
      access: apiAccess,
      resources,
      staffAuthorizer: this.identity.authorizer,
      allowedOrigins: props.allowedOrigins ?? ['*'],
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
      ],
      consumers: this.consumers.deployed,
      failureQueues: [...this.consumers.failureQueues, this.emailEvents.failureQueue],
      alarmEmail: props.alarmEmail,
    });

    new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'Base URL of the HTTP API' });
    new CfnOutput(this, 'UserPoolId', { value: this.identity.userPool.userPoolId, description: 'Staff user pool' });
    new CfnOutput(this, 'UserPoolClientId', {
      value: this.identity.client.userPoolClientId,
      description: 'App client of the front ends (the audience of the JWT authorizer)',
    });
    new CfnOutput(this, 'TableName', { value: this.data.table.tableName, description: 'The one DynamoDB table' });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarms.topic.topicArn, description: 'Subscribe on-call here' });
  }
}

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
