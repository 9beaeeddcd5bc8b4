import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, ParamsAndSecretsLayerVersion, ParamsAndSecretsLogLevel, ParamsAndSecretsVersions, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import {
  type BundlingOptions,
  LogLevel,
  NodejsFunction,
  OutputFormat,
  SourceMapMode,
} from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { functionSizing, type FunctionKind } from '../../shared/function-sizing';
import { functionBundle } from '../bundle/options';
import { bundleDefines } from '../bundle/defines';
import type { FunctionAccess } from './access';
import type { EmailSending } from './email';
import type { ServiceSecrets } from './secrets';
import type { DataTable } from './table';
import type { WebhookDelivery } from './webhooks';

/** The repository root: where `functions/`, `shared/` and `package-lock.json` live. */
export const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

/** The folder of `functions/` an entry point lives in. */
export type { FunctionKind };

/** Where the table that lists each kind of function lives, for error messages. */
const declaredIn: Readonly<Record<FunctionKind, string>> = {
  api: 'apiFunctionNames in shared/http/routes.ts',
  streams: 'shared/streams/consumers.ts',
  jobs: 'shared/jobs/jobs.ts',
  events: 'infra/cdk/email.ts',
  queues: 'infra/cdk/webhooks.ts',
};

/**
 * The bundle: the local esbuild (there is no Docker engine), with the options every function is
 * bundled with (`infra/bundle/options.ts`, which the bench measures too), and a linked source map.
 */
const bundling: BundlingOptions = {
  forceDockerBundling: false,
  format: OutputFormat.ESM,
  mainFields: [...functionBundle.mainFields],
  externalModules: [],
  banner: functionBundle.banner,
  minify: functionBundle.minify,
  keepNames: functionBundle.keepNames,
  esbuildArgs: Object.fromEntries(Object.entries(functionBundle.alias).map(([from, to]) => [`--alias:${from}`, to])),
  sourceMap: true,
  sourceMapMode: SourceMapMode.DEFAULT,
  // File and line numbers are enough for stack traces; the sources would only grow the bundle.
  sourcesContent: false,
  logLevel: LogLevel.WARNING,
};

/** What functions are given, each as its access allows: the table, the secrets, email, and where the sources are. */
export interface ServiceResources {
  readonly table: DataTable;
  readonly secrets: ServiceSecrets;
  readonly email: EmailSending;
  /** The webhook delivery queues, for functions whose access sends to them. */
  readonly webhookQueues?: WebhookDelivery;
  /** `LOG_LEVEL` of the logger (`shared/log.ts`). */
  readonly logLevel: string;
  /** Folder holding `functions/` and the lock file; the repository root outside tests. */
  readonly projectRoot: string;
}

export interface ServiceFunctionProps {
  /** `functions/<kind>/<name>.ts` is the entry; it exports `handler`. */
  readonly kind: FunctionKind;
  readonly name: string;
  /** Shown in the console: say which routes, stream items or schedule the function serves. */
  readonly description: string;
  /** Its permissions, from `access.ts`. */
  readonly access: FunctionAccess;
  readonly resources: ServiceResources;
  /** For functions invoked asynchronously: where an event goes after Lambda's retries. */
  readonly deadLetterQueue?: IQueue;
  /** Concurrency reserved for (and capping) this function. @default none: it shares the account's unreserved concurrency */
  readonly reservedConcurrentExecutions?: number;
}

/**
 * A Lambda function of this service with the defaults set once: Node 22 on arm64, active
 * tracing, a log group with retention, an ESM bundle built by the local esbuild with the AWS
 * SDK inside it, and least privilege (its own role: only its log group, its table actions, its
 * secrets and, if it sends email, SES; no AWS-managed policy).
 */
export class ServiceFunction extends NodejsFunction {
  /** `<kind>/<name>`, e.g. `api/customers`: how alarms and the dashboard name the function. */
  readonly displayName: string;

  constructor(scope: Construct, id: string, props: ServiceFunctionProps) {
    const { kind, name, resources } = props;
    const entry = entryPoint(resources.projectRoot, kind, name);
    // Built beside the function (not inside it) because they must exist before `super()`.
    const logGroup = new LogGroup(scope, `${id}Logs`, { retention: RetentionDays.ONE_MONTH });
    const role = new Role(scope, `${id}Role`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs ${kind}/${name}`,
    });

    super(scope, id, {
      entry,
      handler: 'handler',
      projectRoot: resources.projectRoot,
      depsLockFilePath: join(resources.projectRoot, 'package-lock.json'),
      // Lambda's limit is 256 characters.
      description: props.description.length > 256 ? `${props.description.slice(0, 255)}…` : props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      tracing: Tracing.ACTIVE,
      // Size and time per kind: one table, which the local runtime reads too.
      memorySize: functionSizing[kind].memoryMb,
      timeout: Duration.seconds(functionSizing[kind].timeoutSeconds),
      role,
      logGroup,
      deadLetterQueue: props.deadLetterQueue,
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      // Secrets come from the AWS Parameters and Secrets extension on localhost (cached by it),
      // so no Secrets Manager client is bundled or created at cold start.
      ...((props.access.secrets ?? []).length > 0
        ? {
            paramsAndSecrets: ParamsAndSecretsLayerVersion.fromVersion(ParamsAndSecretsVersions.V1_0_103, {
              cacheSize: 10,
              logLevel: ParamsAndSecretsLogLevel.WARN,
            }),
          }
        : {}),
      environment: {
        TABLE_NAME: resources.table.table.tableName,
        LOG_LEVEL: resources.logLevel,
        // Stack traces point into the TypeScript sources through the bundled source map.
        NODE_OPTIONS: '--enable-source-maps',
      },
      bundling: { ...bundling, define: bundleDefines(`${kind}/${name}`) },
    });
    this.displayName = `${kind}/${name}`;

    logGroup.grantWrite(this);
    resources.table.grant(this, props.access.table);
    resources.secrets.bind(this, props.access.secrets ?? []);
    if (props.access.sendsEmail) resources.email.bind(this);
    if (props.access.webhookQueues) {
      if (!resources.webhookQueues) throw new Error(`${kind}/${name} sends to the webhook queues, which are not built before it.`);
      resources.webhookQueues.bind(this, props.access.webhookQueues);
    }

    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Resource::* only on actions that accept no resource ARN: xray:PutTraceSegments and ' +
        'xray:PutTelemetryRecords (active tracing) and, on stream consumers, dynamodb:ListStreams ' +
        '(the event source mapping). Table, index, log group, queue and secret statements name their resource.',
    });
    Validations.of(this.node.defaultChild!).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'Pinned to nodejs22.x, the runtime this service is built and tested for; moving to a newer Node ' +
        'line is a deliberate change with its own test run, not a side effect of a CDK upgrade.',
    });
  }
}

/** The entry file of a function, or a synth error that says which file is missing and why it is expected. */
export function entryPoint(projectRoot: string, kind: FunctionKind, name: string): string {
  const entry = join(projectRoot, 'functions', kind, `${name}.ts`);
  if (!existsSync(entry)) {
    throw new Error(
      `Missing entry point ${relative(projectRoot, entry)} for the ${kind} function "${name}" listed in ` +
        `${declaredIn[kind]}. Create it (exporting \`handler\`) or remove "${name}" from that table.`,
    );
  }
  return entry;
}
