import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { App, type CfnElement, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { keyAttributeNames, tableDefinition } from '../../shared/db/table';
import { apiFunctionNames, routeList, type RouteEntry } from '../../shared/http/routes';
import { jobs } from '../../shared/jobs/jobs';
import { consumers } from '../../shared/streams/consumers';
import { accessOf, apiAccess, consumerAccess, eventAccess, type FunctionAccess, jobAccess, queueAccess } from '../../infra/cdk/access';
import { DELIVERY_STAGES } from '../../shared/webhooks/delivery-schedule';
import { checkAccessMatchesPath, PORTAL_CONCURRENCY } from '../../infra/cdk/api';
import { EmailSending } from '../../infra/cdk/email';
import { repositoryRoot, ServiceFunction, type ServiceResources } from '../../infra/cdk/functions';
import { ScheduledJobs } from '../../infra/cdk/jobs';
import { ServiceSecrets } from '../../infra/cdk/secrets';
import { addServiceStack, type ServiceStack } from '../../infra/cdk/stack';
import { DataTable } from '../../infra/cdk/table';

/**
 * The synthesized template, checked against the shared tables it must be derived from. The app
 * gets cdk.json's feature flags (what `npx cdk synth` sees) but skips bundling: esbuild is what
 * makes synth slow, and `npm run synth` exercises it.
 */
function testApp(): App {
  const { context } = JSON.parse(readFileSync(join(repositoryRoot, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> };
  return new App({ context: { ...context, 'aws:cdk:bundling-stacks': [] } });
}

type Resource = { Type: string; Properties?: Record<string, unknown>; Metadata?: Record<string, unknown> };
type Statement = { Effect: string; Action: string | string[]; Resource: unknown };

const streamActions = ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'];
const asArray = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

let stack: ServiceStack;
let template: Template;
let resources: Record<string, Resource>;

const logicalId = (construct: IConstruct) => stack.getLogicalId(construct.node.defaultChild as CfnElement);
const ofType = (type: string) => Object.entries(resources).filter(([, resource]) => resource.Type === type);

/** Every policy statement attached to a function's role. */
function statementsOf(fn: ServiceFunction): Statement[] {
  const roleId = logicalId(fn.role!);
  return ofType('AWS::IAM::Policy')
    .filter(([, policy]) => (policy.Properties?.Roles as unknown[]).some((role) => JSON.stringify(role) === JSON.stringify({ Ref: roleId })))
    .flatMap(([, policy]) => (policy.Properties?.PolicyDocument as { Statement: Statement[] }).Statement);
}

/** The DynamoDB table actions a function may perform (stream reading aside). */
function tableActionsOf(fn: ServiceFunction): string[] {
  const actions = statementsOf(fn).flatMap((statement) => asArray(statement.Action));
  return [...new Set(actions.filter((action) => action.startsWith('dynamodb:') && !streamActions.includes(action)))].sort();
}

/** Every function of the stack with the access declared for it. */
const deployedFunctions = () => [
  ...[...stack.api.functions].map(([name, fn]) => ({ name, fn, access: apiAccess[name] })),
  ...stack.consumers.deployed.map(({ definition, fn }) => ({ name: definition.name, fn, access: accessOf(consumerAccess, definition.name, 'consumer') })),
  ...stack.jobs.deployed.map(({ definition, fn }) => ({ name: definition.name, fn, access: accessOf(jobAccess, definition.name, 'job') })),
  { name: 'ses-events', fn: stack.emailEvents.fn, access: accessOf(eventAccess, 'ses-events', 'event function') },
  { name: 'webhook-sender', fn: stack.webhooks.sender, access: accessOf(queueAccess, 'webhook-sender', 'queue function') },
];

/** A built web app small enough to need no Vite build (the default builds `web/` during synth). */
const webFixture = join(repositoryRoot, 'test', 'infra', 'fixtures', 'web-dist');

beforeAll(() => {
  stack = addServiceStack(testApp(), { stage: 'test', webAssetPath: webFixture });
  template = Template.fromStack(stack);
  resources = template.toJSON().Resources as Record<string, Resource>;
});

describe('Construct: Data', () => {
  it('is on demand, recoverable, protected against deletion and encrypted with KMS', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
        SSESpecification: { SSEEnabled: true },
        StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
        TimeToLiveSpecification: { AttributeName: tableDefinition.timeToLiveAttribute, Enabled: true },
      }),
    });
  });

  it('has the keys and indexes of the shared table definition, all strings', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: tableDefinition.partitionKey, KeyType: 'HASH' },
        { AttributeName: tableDefinition.sortKey, KeyType: 'RANGE' },
      ],
      AttributeDefinitions: Match.arrayWith(keyAttributeNames().map((name) => ({ AttributeName: name, AttributeType: 'S' }))),
      GlobalSecondaryIndexes: tableDefinition.globalIndexes.map((index) => ({
        IndexName: index.name,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    });
  });
});

describe('Construct: StaffIdentity', () => {
  it('is a user pool only admins add users to, with MFA and a tenantId attribute', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'ON',
      DeletionProtection: 'ACTIVE',
      Schema: Match.arrayWith([Match.objectLike({ Name: 'tenantId', AttributeDataType: 'String' })]),
    });
  });

  it('has the groups admin, staff and viewer', () => {
    for (const group of ['admin', 'staff', 'viewer']) {
      template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: group });
    }
  });

  it('lets every app client read custom:tenantId but never write it', () => {
    const clients = ofType('AWS::Cognito::UserPoolClient');
    expect(clients).toHaveLength(2);
    for (const [id, client] of clients) {
      expect({ id, read: client.Properties?.ReadAttributes }).toEqual({ id, read: expect.arrayContaining(['custom:tenantId']) });
      expect({ id, write: client.Properties?.WriteAttributes }).toEqual({ id, write: expect.not.arrayContaining(['custom:tenantId']) });
      expect({ id, secret: client.Properties?.GenerateSecret }).toEqual({ id, secret: false });
    }
  });

  it('makes the JWT authorizer trust this pool as issuer and this client as audience', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [{ Ref: logicalId(stack.identity.client) }, { Ref: logicalId(stack.identity.consoleClient) }],
        Issuer: Match.anyValue(),
      },
    });
    const [[, authorizer]] = ofType('AWS::ApiGatewayV2::Authorizer') as [[string, Resource]];
    const issuer = JSON.stringify((authorizer.Properties?.JwtConfiguration as { Issuer: unknown }).Issuer);
    expect(issuer).toContain('https://cognito-idp.');
    expect(issuer).toContain(JSON.stringify({ Ref: logicalId(stack.identity.userPool) }));
  });
});

describe('Construct: Api', () => {
  const routeResource = (route: RouteEntry) => {
    const found = ofType('AWS::ApiGatewayV2::Route').filter(([, resource]) => resource.Properties?.RouteKey === route.routeKey);
    expect(found).toHaveLength(1);
    return found[0]![1].Properties!;
  };

  it('has exactly one route per entry of the route table', () => {
    template.resourceCountIs('AWS::ApiGatewayV2::Route', routeList.length);
    for (const route of routeList) routeResource(route);
  });

  it('puts the JWT authorizer on every /v1 route and none on public or portal routes', () => {
    const [[authorizerId]] = ofType('AWS::ApiGatewayV2::Authorizer') as [[string, Resource]];
    for (const route of routeList) {
      const properties = routeResource(route);
      if (route.path.startsWith('/v1/')) {
        expect({ route: route.routeKey, type: properties.AuthorizationType, id: properties.AuthorizerId }).toEqual({
          route: route.routeKey,
          type: 'JWT',
          id: { Ref: authorizerId },
        });
      } else {
        expect({ route: route.routeKey, type: properties.AuthorizationType, id: properties.AuthorizerId }).toEqual({
          route: route.routeKey,
          type: 'NONE',
          id: undefined,
        });
      }
    }
  });

  it('sends every route to the one function of its group', () => {
    const functionOfIntegration = new Map(
      ofType('AWS::ApiGatewayV2::Integration').map(([id, integration]) => [
        id,
        (integration.Properties?.IntegrationUri as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0],
      ]),
    );
    for (const route of routeList) {
      const target = JSON.stringify(routeResource(route).Target);
      const integrationId = /"Ref":"([^"]+)"/.exec(target)?.[1] ?? '';
      expect({ route: route.routeKey, fn: functionOfIntegration.get(integrationId) }).toEqual({
        route: route.routeKey,
        fn: logicalId(stack.api.functions.get(route.fn)!),
      });
    }
    expect(new Set(functionOfIntegration.values()).size).toBe(apiFunctionNames.length);
  });

  it('lets API Gateway invoke each function with one permission scoped to this API', () => {
    const permissions = ofType('AWS::Lambda::Permission').filter(([, p]) => p.Properties?.Principal === 'apigateway.amazonaws.com');
    expect(permissions).toHaveLength(apiFunctionNames.length);
    for (const [, permission] of permissions) {
      expect(JSON.stringify(permission.Properties?.SourceArn)).toContain(JSON.stringify({ Ref: logicalId(stack.api.httpApi) }));
    }
  });

  it('logs every request as JSON and throttles the stage', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('"requestId":"\\$context.requestId"') },
      DefaultRouteSettings: { ThrottlingRateLimit: Match.anyValue(), ThrottlingBurstLimit: Match.anyValue() },
    });
  });

  it('reserves (and caps) the concurrency of the functions that serve /portal routes, and of no other', () => {
    for (const name of apiFunctionNames) {
      const servesPortal = routeList.some((route) => route.fn === name && route.path.startsWith('/portal/'));
      const reserved = resources[logicalId(stack.api.functions.get(name)!)]!.Properties?.ReservedConcurrentExecutions;
      expect({ name, reserved }).toEqual({ name, reserved: servesPortal ? PORTAL_CONCURRENCY[name] ?? expect.any(Number) : undefined });
    }
    expect(PORTAL_CONCURRENCY.portal).toBeGreaterThan(0);
  });

  it('throttles every /portal route on its own, the public ones (login, reset) the most, and waits for the routes to exist', () => {
    const stages = ofType('AWS::ApiGatewayV2::Stage');
    expect(stages).toHaveLength(1);
    const [stageId, stage] = stages[0]!;
    const settings = stage.Properties?.RouteSettings as Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }>;
    const portal = routeList.filter((route) => route.path.startsWith('/portal/'));
    expect(Object.keys(settings).sort()).toEqual(portal.map((route) => route.routeKey).sort());
    const stageDefault = stage.Properties?.DefaultRouteSettings as { ThrottlingRateLimit: number; ThrottlingBurstLimit: number };
    for (const limits of Object.values(settings)) {
      expect(limits.ThrottlingRateLimit).toBeLessThan(stageDefault.ThrottlingRateLimit);
      expect(limits.ThrottlingBurstLimit).toBeLessThan(stageDefault.ThrottlingBurstLimit);
    }
    expect(settings['POST /portal/{tenantId}/login']).toEqual({ ThrottlingRateLimit: 10, ThrottlingBurstLimit: 20 });
    expect(settings['POST /portal/{tenantId}/password-reset']).toEqual({ ThrottlingRateLimit: 10, ThrottlingBurstLimit: 20 });
    const dependsOn = ((template.toJSON().Resources as Record<string, { DependsOn?: string[] }>)[stageId]!.DependsOn ?? []) as string[];
    const routeIds = ofType('AWS::ApiGatewayV2::Route')
      .filter(([, route]) => portal.some((entry) => entry.routeKey === route.Properties?.RouteKey))
      .map(([id]) => id);
    expect(routeIds).toHaveLength(portal.length);
    expect(dependsOn).toEqual(expect.arrayContaining(routeIds));
  });

  it('refuses a route table entry that would publish a /v1 route without the authorizer', () => {
    const route = { ...routeList.find((r) => r.path.startsWith('/v1/'))!, access: { kind: 'public' } } as RouteEntry;
    expect(() => checkAccessMatchesPath(route)).toThrow(/routes under \/v1 must be staff routes/);
  });
});

describe('Class: ServiceFunction', () => {
  it("deploys one function per API group, stream consumer and job, the SES event function, the webhook sender and CDK's web copy function", () => {
    template.resourceCountIs('AWS::Lambda::Function', apiFunctionNames.length + consumers.length + jobs.length + 1 + 1 + 1);
  });

  it('runs every service function on Node 22, arm64, traced, with source maps and its own log group', () => {
    for (const { fn } of deployedFunctions()) {
      const id = logicalId(fn);
      const fnResource = resources[id]!;
      expect({ id, ...fnResource.Properties }).toMatchObject({
        id,
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        TracingConfig: { Mode: 'Active' },
        LoggingConfig: { LogGroup: { Ref: expect.any(String) } },
        Environment: { Variables: expect.objectContaining({ NODE_OPTIONS: '--enable-source-maps', TABLE_NAME: expect.anything() }) },
      });
    }
  });

  it('gives API functions 1024 MB for password hashing', () => {
    for (const [name, fn] of stack.api.functions) {
      expect({ name, memory: resources[logicalId(fn)]!.Properties?.MemorySize }).toEqual({ name, memory: 1024 });
    }
  });

  it('fails synth naming the missing entry file and the table that lists it', () => {
    const bare = bareStack(mkdtempSync(join(tmpdir(), 'winery-cdk-')));
    expect(
      () => new ServiceFunction(bare.stack, 'Ghost', { kind: 'streams', name: 'ghost', description: 'x', access: { table: [] }, resources: bare.resources }),
    ).toThrow(/functions\/streams\/ghost\.ts .*shared\/streams\/consumers\.ts/);
  });
});

describe('Least privilege', () => {
  it('grants no wildcard action and attaches no AWS-managed policy', () => {
    for (const [id, policy] of ofType('AWS::IAM::Policy')) {
      const actions = (policy.Properties?.PolicyDocument as { Statement: Statement[] }).Statement.flatMap((s) => asArray(s.Action));
      expect({ id, wildcards: actions.filter((action) => action === '*' || action.endsWith(':*')) }).toEqual({ id, wildcards: [] });
    }
    for (const [id, role] of ofType('AWS::IAM::Role')) {
      expect({ id, managed: role.Properties?.ManagedPolicyArns }).toEqual({ id, managed: undefined });
    }
  });

  it('gives each function exactly the DynamoDB actions declared for it', () => {
    for (const { name, fn, access } of deployedFunctions()) {
      expect({ name, actions: tableActionsOf(fn) }).toEqual({ name, actions: [...access.table].sort() });
    }
  });

  it('lets only Query reach the indexes, each named, and every other action only the table', () => {
    const tableArn = { 'Fn::GetAtt': [logicalId(stack.data.table), 'Arn'] };
    for (const { name, fn } of deployedFunctions()) {
      for (const statement of statementsOf(fn).filter((s) => asArray(s.Action).some((a) => a.startsWith('dynamodb:') && !streamActions.includes(a)))) {
        const resourcesText = JSON.stringify(statement.Resource);
        if (resourcesText.includes('/index/')) {
          expect({ name, actions: statement.Action }).toEqual({ name, actions: 'dynamodb:Query' });
          for (const index of tableDefinition.globalIndexes) expect(resourcesText).toContain(`/index/${index.name}`);
          expect(resourcesText).not.toContain('/index/*');
        } else {
          expect({ name, resource: statement.Resource }).toEqual({ name, resource: tableArn });
        }
      }
    }
  });

  it('reads the stream only in the stream consumers', () => {
    const consumerNames = new Set(consumers.map((c) => c.name));
    for (const { name, fn } of deployedFunctions()) {
      const readsStream = statementsOf(fn).some((s) => asArray(s.Action).includes('dynamodb:GetRecords'));
      expect({ name, readsStream }).toEqual({ name, readsStream: consumerNames.has(name) });
    }
  });

  it('passes a secret ARN only to functions that may read it, and lets them read only that secret', () => {
    const secretIds = Object.fromEntries(
      ofType('AWS::SecretsManager::Secret').map(([id]) => [id.includes('CURSOR') ? 'CURSOR_SECRET' : id.includes('WEBHOOK') ? 'WEBHOOK_SECRET_KEY' : 'PORTAL_TOKEN_SECRET', id]),
    );
    for (const { name, fn, access } of deployedFunctions()) {
      const variables = (resources[logicalId(fn)]!.Properties?.Environment as { Variables: Record<string, unknown> }).Variables;
      // CDK may merge grants into one statement with several resources: compare one pair each.
      const granted = statementsOf(fn)
        .filter((s) => asArray(s.Action).some((a) => a.startsWith('secretsmanager:')))
        .flatMap((s) => asArray(s.Resource as unknown).map((resource) => ({ action: s.Action, resource })));
      const declared = access.secrets ?? [];
      expect({ name, granted }).toEqual({
        name,
        granted: declared.map((secret) => ({ action: 'secretsmanager:GetSecretValue', resource: { Ref: secretIds[secret] } })),
      });
      for (const secret of ['CURSOR_SECRET', 'PORTAL_TOKEN_SECRET', 'WEBHOOK_SECRET_KEY'] as const) {
        expect({ name, secret, passed: `${secret}_ARN` in variables }).toEqual({ name, secret, passed: declared.includes(secret) });
      }
    }
  });

  it('gives the secrets extension layer to the functions that read secrets, and only to them', () => {
    for (const { name, fn, access } of deployedFunctions()) {
      const layers = (resources[logicalId(fn)]!.Properties?.Layers as unknown[] | undefined) ?? [];
      expect({ name, hasLayer: layers.length > 0 }).toEqual({ name, hasLayer: (access.secrets ?? []).length > 0 });
    }
  });

  it('lets only functions that send email call SES, and only SendEmail', () => {
    for (const { name, fn, access } of deployedFunctions()) {
      const sesActions = statementsOf(fn).flatMap((s) => asArray(s.Action)).filter((a) => a.startsWith('ses:'));
      expect({ name, sesActions }).toEqual({ name, sesActions: access.sendsEmail ? ['ses:SendEmail'] : [] });
    }
  });
});

describe('Construct: StreamConsumers', () => {
  it('maps every consumer with its filters, partial batch responses, bisect, bounded retries and a failure queue', () => {
    template.resourceCountIs('AWS::Lambda::EventSourceMapping', consumers.length + DELIVERY_STAGES.length);
    for (const deployed of stack.consumers.deployed) {
      const { definition } = deployed;
      template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        FunctionName: { Ref: logicalId(deployed.fn) },
        EventSourceArn: { 'Fn::GetAtt': [logicalId(stack.data.table), 'StreamArn'] },
        StartingPosition: 'TRIM_HORIZON',
        BatchSize: definition.batchSize,
        FilterCriteria: { Filters: definition.filters.map((filter) => ({ Pattern: JSON.stringify(filter) })) },
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        BisectBatchOnFunctionError: true,
        MaximumRetryAttempts: definition.maxRetries,
        MaximumRecordAgeInSeconds: Match.anyValue(),
        DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [logicalId(deployed.failures), 'Arn'] } } },
      });
    }
  });

  it('encrypts the failure queues and refuses requests without TLS', () => {
    for (const { failures } of stack.consumers.deployed) {
      template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 });
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: logicalId(failures) }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
    }
  });
});

describe('Construct: WebhookDelivery', () => {
  const queueArn = (id: string) => ({ 'Fn::GetAtt': [id, 'Arn'] });

  it('has a queue per delivery stage whose own delay is the stage\'s wait, each redriving to one dead-letter queue after 5 receives', () => {
    expect([...stack.webhooks.stages.keys()]).toEqual(DELIVERY_STAGES.map((stage) => stage.name));
    for (const stage of DELIVERY_STAGES) {
      const queue = stack.webhooks.stages.get(stage.name)!;
      expect(resources[logicalId(queue)]!.Properties).toMatchObject({
        DelaySeconds: stage.delaySeconds,
        VisibilityTimeout: 90,
        SqsManagedSseEnabled: true,
        RedrivePolicy: { deadLetterTargetArn: queueArn(logicalId(stack.webhooks.deadLetters)), maxReceiveCount: 5 },
      });
    }
    expect(resources[logicalId(stack.webhooks.deadLetters)]!.Properties).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 });
  });

  it('feeds every stage to the sender, a function of 15 s (10 s for the endpoint), with partial batch responses', () => {
    expect(resources[logicalId(stack.webhooks.sender)]!.Properties).toMatchObject({ Timeout: 15 });
    for (const queue of stack.webhooks.stages.values()) {
      template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        FunctionName: { Ref: logicalId(stack.webhooks.sender) },
        EventSourceArn: queueArn(logicalId(queue)),
        BatchSize: 10,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      });
    }
  });

  it('lets the outbox send only to the first stage (SendMessage alone), the sender to every stage, and no other function to any', () => {
    const stageArns = [...stack.webhooks.stages.values()].map((queue) => JSON.stringify(queueArn(logicalId(queue))));
    const sendsTo = (fn: ServiceFunction) =>
      statementsOf(fn)
        .filter((s) => asArray(s.Action).includes('sqs:SendMessage'))
        .flatMap((s) => asArray(s.Resource as unknown).map((resource) => JSON.stringify(resource)))
        .filter((arn) => stageArns.includes(arn));
    // What the outbox may do with the first stage's queue: send, nothing else.
    const outbox = stack.consumers.deployed.find(({ definition }) => definition.name === 'webhook-outbox')!.fn;
    const outboxActions = statementsOf(outbox)
      .filter((s) => asArray(s.Resource as unknown).some((resource) => JSON.stringify(resource) === stageArns[0]))
      .flatMap((s) => asArray(s.Action));
    expect(outboxActions).toEqual(['sqs:SendMessage']);
    for (const { name, fn } of deployedFunctions()) {
      const expected = name === 'webhook-sender' ? stageArns : name === 'webhook-outbox' ? [stageArns[0]] : [];
      expect({ name, sendsTo: sendsTo(fn).sort() }).toEqual({ name, sendsTo: [...expected].sort() });
    }
  });
});

describe('Construct: ScheduledJobs', () => {
  it('schedules every job of the job table', () => {
    template.resourceCountIs('AWS::Events::Rule', jobs.length);
  });

  it('runs a job function on an EventBridge rate with the scheduled time as now', () => {
    const root = mkdtempSync(join(tmpdir(), 'winery-cdk-'));
    mkdirSync(join(root, 'functions', 'jobs'), { recursive: true });
    writeFileSync(join(root, 'functions', 'jobs', 'pause-expiry.ts'), 'export const handler = async () => {};\n');
    const bare = bareStack(root);
    const jobAccess: Record<string, FunctionAccess> = { 'pause-expiry': { table: ['dynamodb:Query', 'dynamodb:UpdateItem'] } };
    const scheduled = new ScheduledJobs(bare.stack, 'Jobs', {
      jobs: [{ name: 'pause-expiry', description: 'Resumes paused memberships.', everyMinutes: 15 }],
      access: jobAccess,
      resources: bare.resources,
    });
    const jobTemplate = Template.fromStack(bare.stack);
    jobTemplate.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(15 minutes)',
      State: 'ENABLED',
      Targets: [
        Match.objectLike({
          Arn: { 'Fn::GetAtt': [bare.stack.getLogicalId(scheduled.deployed[0]!.fn.node.defaultChild as CfnElement), 'Arn'] },
          InputTransformer: Match.objectLike({ InputPathsMap: { time: '$.time' } }),
        }),
      ],
    });
    jobTemplate.hasResourceProperties('AWS::Lambda::Permission', { Principal: 'events.amazonaws.com' });
  });
});

describe('Construct: Alarms', () => {
  const topic = () => ({ Ref: logicalId(stack.alarms.topic) });
  const alarmOn = (metricName: string, dimension: Record<string, unknown>) =>
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: metricName,
      Dimensions: [dimension],
      AlarmActions: [topic()],
    });

  it('alarms on the errors and throttles of every function', () => {
    for (const { fn } of deployedFunctions()) {
      alarmOn('Errors', { Name: 'FunctionName', Value: { Ref: logicalId(fn) } });
      alarmOn('Throttles', { Name: 'FunctionName', Value: { Ref: logicalId(fn) } });
    }
  });

  it('alarms on API 5xx', () => {
    alarmOn('5xx', { Name: 'ApiId', Value: { Ref: logicalId(stack.api.httpApi) } });
  });

  it('alarms on the iterator age of every consumer', () => {
    for (const { fn } of stack.consumers.deployed) alarmOn('IteratorAge', { Name: 'FunctionName', Value: { Ref: logicalId(fn) } });
  });

  it('alarms on every failure queue as soon as it holds a message', () => {
    const queues = [...stack.consumers.deployed.map(({ failures }) => failures), stack.emailEvents.failures, stack.webhooks.deadLetters];
    for (const queue of queues) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [logicalId(queue), 'QueueName'] } }],
        Threshold: 1,
        AlarmActions: [topic()],
      });
    }
  });

  it('alarms on the SES bounce and complaint rates before SES reviews the account', () => {
    for (const [metricName, threshold] of [['Reputation.BounceRate', 0.04], ['Reputation.ComplaintRate', 0.0008]] as const) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', { Namespace: 'AWS/SES', MetricName: metricName, Threshold: threshold, AlarmActions: [topic()] });
    }
  });

  it('publishes to an encrypted topic and keeps one dashboard', () => {
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
  });
});

describe('Class: ServiceStack', () => {
  /** The property that would fix each resource's name; CloudFormation must generate them all. */
  const physicalName: Record<string, string> = {
    'AWS::DynamoDB::Table': 'TableName',
    'AWS::Lambda::Function': 'FunctionName',
    'AWS::IAM::Role': 'RoleName',
    'AWS::SQS::Queue': 'QueueName',
    'AWS::SNS::Topic': 'TopicName',
    'AWS::Cognito::UserPool': 'UserPoolName',
    'AWS::Cognito::UserPoolClient': 'ClientName',
    'AWS::Logs::LogGroup': 'LogGroupName',
    'AWS::CloudWatch::Dashboard': 'DashboardName',
    'AWS::CloudWatch::Alarm': 'AlarmName',
    'AWS::SecretsManager::Secret': 'Name',
    'AWS::Events::Rule': 'Name',
    'AWS::SES::ConfigurationSet': 'Name',
    'AWS::S3::Bucket': 'BucketName',
  };

  it('hard-codes no physical name', () => {
    for (const [id, resource] of Object.entries(resources)) {
      const property = physicalName[resource.Type];
      if (property === undefined) continue;
      expect({ id, name: resource.Properties?.[property] }).toEqual({ id, name: undefined });
    }
  });

  it('puts the stage in the stack name so two stages share an account', () => {
    expect(stack.stackName).toBe('WineryPeople-test');
    expect(() => addServiceStack(testApp(), { stage: 'Prod!' })).toThrow(/Stage "Prod!"/);
  });

  it('outputs what a front end and an operator need', () => {
    for (const output of ['WebUrl', 'ApiUrl', 'UserPoolId', 'UserPoolClientId', 'ConsoleClientId', 'UserPoolDomain', 'HostedUiUrl', 'TableName']) {
      template.hasOutput(output, {});
    }
  });
});

describe('cdk-nag AwsSolutions', () => {
  it('finds nothing that is not acknowledged', () => {
    const { violations } = new AwsSolutionsChecks(undefined, { verbose: true }).validateScope(stack);
    expect(violations.map((v) => `${v.ruleName} at ${v.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);
  });

  it('gives a specific reason for every acknowledgment', () => {
    const acknowledged = Object.entries(resources).flatMap(([id, resource]) =>
      ((resource.Metadata?.cdk_nag as { rules_to_suppress?: { id: string; reason: string }[] } | undefined)?.rules_to_suppress ?? []).map(
        (rule) => ({ resource: id, ...rule }),
      ),
    );
    expect(acknowledged.length).toBeGreaterThan(0);
    for (const rule of acknowledged) {
      expect(rule.reason.length).toBeGreaterThanOrEqual(60);
    }
    // One reason per rule: a reason copied onto an unrelated rule is not specific to it.
    const reasonsByRule = new Map<string, Set<string>>();
    for (const { id, reason } of acknowledged) reasonsByRule.set(reason, (reasonsByRule.get(reason) ?? new Set()).add(id.replace(/\[.*$/, '')));
    for (const [reason, ids] of reasonsByRule) expect({ reason, rules: [...ids] }).toEqual({ reason, rules: [[...ids][0]] });
  });
});

/** A stack with the shared resources only, sourcing functions from `projectRoot`. */
function bareStack(projectRoot: string): { stack: Stack; resources: ServiceResources } {
  writeFileSync(join(projectRoot, 'package-lock.json'), '{}\n');
  const bare = new Stack(testApp(), 'Bare');
  return {
    stack: bare,
    resources: {
      table: new DataTable(bare, 'Data', { definition: tableDefinition }),
      secrets: new ServiceSecrets(bare, 'Secrets'),
      email: new EmailSending(bare, 'Email', {}),
      logLevel: 'INFO',
      projectRoot,
    },
  };
}
