import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  LOCAL_DIR,
  LocalStackError,
  assertPortFree,
  ensureTable,
  localDynamoClient,
  superviseDynamoDbLocal,
} from './dynamodb-local';
import { createGateway, type Gateway } from './gateway';
import { startLocalQueues, type LocalQueues } from './queues';
import { createScheduler, type Scheduler } from './scheduler';
import { startLocalSes } from './ses';
import { startStreamPoller, type StreamPoller } from './stream-poller';
import { ensureWebBuild, startWebServer } from './web-server';
import { PROCESSOR_NAME, startCardProcessor } from './card-processor';

/**
 * `npm start`: the whole service on this machine. DynamoDB Local (or the one at
 * DYNAMODB_ENDPOINT), the table, local SES, then the functions' environment, the stream poller,
 * the scheduler and the HTTP gateway, and the web app on its own origin. State kept between runs lives in `.local/` (data, secrets,
 * the token signing key, stream positions); `--in-memory` keeps none of it.
 */

/** Printed once everything answers; scripts and tests wait for it. */
export const READY_LINE = 'Local stack ready';

export interface LocalStackOptions {
  /** Keep nothing: DynamoDB in memory, secrets and signing key per process. */
  readonly inMemory?: boolean;
  /** HTTP API port (default 3000). */
  readonly port?: number;
  /** Web app port (default 3001; 0 picks a free one). */
  readonly webPort?: number;
  /** Local SES port (default 8005). */
  readonly sesPort?: number;
  /** The test card processor's port (default 3002; 0 picks a free one). */
  readonly cardProcessorPort?: number;
  /** Port of the DynamoDB Local this starts (default 8000). */
  readonly dynamoPort?: number;
  /** Use this DynamoDB instead of starting one; the table is created when missing. */
  readonly dynamoEndpoint?: string;
  readonly tableName?: string;
  readonly log?: (line: string) => void;
  /** Called when local SES stops on its own, or DynamoDB Local keeps dying, while the stack runs. */
  readonly onChildExit?: (what: string) => void;
}

export interface LocalStack {
  readonly apiUrl: string;
  readonly sesUrl: string;
  /** The staff console (and the member portal's pages, which the emails link to). */
  readonly webUrl: string;
  /** The test card processor, on an origin of its own. */
  readonly cardProcessorUrl: string;
  readonly dynamoEndpoint: string;
  readonly tableName: string;
  readonly gateway: Gateway;
  readonly poller: StreamPoller;
  readonly scheduler: Scheduler;
  /** The webhook delivery queues and their sender. */
  readonly queues: LocalQueues;
  /** Stops the gateway, poller, scheduler and every child process. */
  stop(): Promise<void>;
}

interface Secrets {
  readonly cursorSecret: string;
  readonly portalTokenSecret: string;
  readonly webhookSecretKey: string;
}

const newSecret = () => randomBytes(32).toString('base64url');

/** Generated once and kept, so cursors and portal tokens stay valid across restarts. */
function loadSecrets(file: string | undefined): Secrets {
  const kept = file && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Partial<Secrets>) : {};
  // A secret added since the file was written is generated now and kept with the others.
  const secrets: Secrets = {
    cursorSecret: kept.cursorSecret ?? newSecret(),
    portalTokenSecret: kept.portalTokenSecret ?? newSecret(),
    webhookSecretKey: kept.webhookSecretKey ?? newSecret(),
  };
  if (file && Object.keys(kept).length < Object.keys(secrets).length) {
    mkdirSync(LOCAL_DIR, { recursive: true });
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  return secrets;
}

/**
 * The environment the functions read at import time; set before any function module is
 * imported. Values already in the environment win (a developer may pin a secret).
 */
function configureFunctionEnvironment(values: {
  tableName: string;
  dynamoEndpoint: string;
  sesUrl: string;
  queues: Readonly<Record<string, string>>;
  secrets: Secrets;
}): void {
  process.env.TABLE_NAME = values.tableName;
  process.env.DYNAMODB_ENDPOINT = values.dynamoEndpoint;
  process.env.SES_ENDPOINT = values.sesUrl;
  process.env.LOCAL_STACK = '1';
  process.env.AWS_REGION ??= 'us-east-1';
  process.env.CURSOR_SECRET ??= values.secrets.cursorSecret;
  process.env.PORTAL_TOKEN_SECRET ??= values.secrets.portalTokenSecret;
  process.env.WEBHOOK_SECRET_KEY ??= values.secrets.webhookSecretKey;
  // SQS_ENDPOINT and the webhook stage queues' URLs.
  Object.assign(process.env, values.queues);
  // Local endpoints accept any credentials; without these the SDK would look for real ones.
  process.env.AWS_ACCESS_KEY_ID ??= 'local';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
}

/** Starts the local stack; on failure, stops whatever it had started and rethrows. */
export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const inMemory = options.inMemory ?? false;
  const port = options.port ?? 3000;
  const sesPort = options.sesPort ?? 8005;
  const webPort = options.webPort ?? 3001;
  const cardProcessorPort = options.cardProcessorPort ?? 3002;
  const tableName = options.tableName ?? 'winery-people-local';
  const log = options.log ?? ((line: string) => console.log(line));
  const stops: { what: string; stop: () => Promise<void> | void }[] = [];
  let stopping = false;

  const stop = async () => {
    stopping = true;
    for (const { what, stop: stopOne } of stops.splice(0).reverse()) {
      try {
        await stopOne();
      } catch (error) {
        log(`Could not stop ${what}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  };
  const watch = (child: ChildProcess, what: string) =>
    child.once('exit', () => {
      if (!stopping) options.onChildExit?.(what);
    });

  try {
    // A taken port is reported before anything slow starts.
    await assertPortFree(port, 'PORT');
    await assertPortFree(sesPort, 'SES_PORT');
    if (webPort !== 0) await assertPortFree(webPort, 'WEB_PORT');
    if (cardProcessorPort !== 0) await assertPortFree(cardProcessorPort, 'CARD_PROCESSOR_PORT');
    await ensureWebBuild(log);

    let dynamoEndpoint = options.dynamoEndpoint;
    if (!dynamoEndpoint) {
      // Supervised: if it dies, it comes back on the same port instead of taking the stack down.
      const dynamo = await superviseDynamoDbLocal({
        port: options.dynamoPort ?? 8000,
        inMemory,
        dataDir: join(LOCAL_DIR, 'data'),
        tableName,
        log,
        onGiveUp: () => {
          if (!stopping) options.onChildExit?.('DynamoDB Local');
        },
      });
      stops.push({ what: 'DynamoDB Local', stop: dynamo.stop });
      dynamoEndpoint = dynamo.endpoint;
    }
    const client = localDynamoClient(dynamoEndpoint);
    try {
      await ensureTable(client, tableName);
    } finally {
      client.destroy();
    }

    const ses = await startLocalSes({ port: sesPort });
    stops.push({ what: 'local SES', stop: ses.stop });
    watch(ses.process, 'Local SES');

    // The processor's field is framed by the console only: its origin as served, and as
    // `localhost` (what a developer may type).
    let consoleOrigins: string[] = [];
    const cardProcessor = await startCardProcessor({ port: cardProcessorPort, consoleOrigins: () => consoleOrigins });
    stops.push({ what: 'the test card processor', stop: cardProcessor.close });

    // Started before the gateway so that PORTAL_URL (read by the email templates) can name it.
    let apiUrl = `http://127.0.0.1:${port}`;
    const web = await startWebServer({ port: webPort, apiUrl: () => apiUrl, cardProcessor: { name: PROCESSOR_NAME, fieldUrl: cardProcessor.fieldUrl } });
    stops.push({ what: 'the web server', stop: web.close });
    consoleOrigins = [web.url, web.url.replace('//127.0.0.1:', '//localhost:')];
    process.env.PORTAL_URL ??= `${web.url}/portal`;

    const queues = await startLocalQueues({ deadLetterFile: inMemory ? undefined : join(LOCAL_DIR, 'webhook-dead-letters.jsonl'), log });
    stops.push({ what: 'the webhook queues', stop: queues.stop });

    configureFunctionEnvironment({
      tableName,
      dynamoEndpoint,
      sesUrl: ses.url,
      queues: queues.environment,
      secrets: loadSecrets(inMemory ? undefined : join(LOCAL_DIR, 'secrets.json')),
    });

    const scheduler = createScheduler({ log, localJobs: { 'webhook-retries': ({ now }) => queues.releaseDue(now) } });
    stops.push({ what: 'the scheduler', stop: () => scheduler.close() });

    const poller = await startStreamPoller({
      endpoint: dynamoEndpoint,
      tableName,
      checkpointFile: inMemory ? undefined : join(LOCAL_DIR, 'stream-checkpoints.json'),
      log,
    });
    stops.push({ what: 'the stream poller', stop: poller.stop });

    const gateway = await createGateway({
      port,
      runJob: scheduler.runJob,
      keyFile: inMemory ? undefined : join(LOCAL_DIR, 'jwt-signing-key.json'),
      log,
    });
    stops.push({ what: 'the gateway', stop: gateway.close });
    apiUrl = gateway.url;

    return { apiUrl: gateway.url, sesUrl: ses.url, webUrl: web.url, cardProcessorUrl: cardProcessor.url, dynamoEndpoint, tableName, gateway, poller, scheduler, queues, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function portFromEnv(name: string, fallback: number, { allowZero = false } = {}): number {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < (allowZero ? 0 : 1) || port > 65_535) throw new LocalStackError(`${name} must be a port number, not "${value}".`);
  return port;
}

const usage = `Usage: npm start [-- --in-memory]

  --in-memory   keep nothing: DynamoDB in memory, fresh secrets and signing key
Environment: PORT (3000), WEB_PORT (3001; 0 picks a free port), SES_PORT (8005), DYNAMODB_PORT (8000),
  CARD_PROCESSOR_PORT (3002; 0 picks a free port),
  DYNAMODB_ENDPOINT (use that DynamoDB instead of starting one), TABLE_NAME (winery-people-local)`;

/** The CLI: flags and environment in, banner out, children stopped on Ctrl-C or SIGTERM. */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const unknown = args.filter((arg) => arg !== '--in-memory');
  if (unknown.length > 0) {
    console.error(`Unknown option ${unknown.join(' ')}\n\n${usage}`);
    process.exit(2);
  }

  const externalDynamo = process.env.DYNAMODB_ENDPOINT || undefined;
  let stack: LocalStack | undefined;
  let starting = true;
  let stopRequested: number | undefined;
  let exiting = false;
  const shutdown = async (code: number) => {
    // While starting, children are still being spawned: stop once startup has settled.
    if (starting) {
      stopRequested ??= code;
      return;
    }
    if (exiting) return;
    exiting = true;
    if (stack) {
      console.log('Stopping the local stack…');
      await stack.stop();
    }
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  try {
    stack = await startLocalStack({
      inMemory: args.includes('--in-memory'),
      port: portFromEnv('PORT', 3000),
      webPort: portFromEnv('WEB_PORT', 3001, { allowZero: true }),
      cardProcessorPort: portFromEnv('CARD_PROCESSOR_PORT', 3002, { allowZero: true }),
      sesPort: portFromEnv('SES_PORT', 8005),
      dynamoPort: portFromEnv('DYNAMODB_PORT', 8000),
      dynamoEndpoint: externalDynamo,
      tableName: process.env.TABLE_NAME || undefined,
      onChildExit: (what) => {
        console.error(`${what} stopped unexpectedly; stopping the local stack.`);
        void shutdown(1);
      },
    });
  } catch (error) {
    // Interrupted while starting: startLocalStack has already stopped what it started.
    if (stopRequested !== undefined) process.exit(stopRequested);
    // Known problems (no Java, a port taken) get a sentence, not a stack trace.
    console.error(error instanceof LocalStackError ? `Cannot start the local stack: ${error.message}` : error);
    process.exit(1);
  } finally {
    starting = false;
  }
  if (stopRequested !== undefined) return shutdown(stopRequested);

  const storage = externalDynamo
    ? 'external'
    : args.includes('--in-memory')
      ? 'in memory'
      : `data in ${join(LOCAL_DIR, 'data')}`;
  console.log(
    [
      '',
      `  Console    ${stack.webUrl}   (staff console: sign in locally with any name and role)`,
      `  API        ${stack.apiUrl}   (POST /local/token for a staff token, POST /local/jobs/{job} to run a job)`,
      `  Mail       ${stack.sesUrl}   (sent mail; GET /store as JSON)`,
      `  Cards      ${stack.cardProcessorUrl}   (test card processor for "Add card": 4242 4242 4242 4242 works, 4000 0000 0000 0002 is declined)`,
      `  DynamoDB   ${stack.dynamoEndpoint}   (table ${stack.tableName}, ${storage})`,
      '',
      READY_LINE,
    ].join('\n'),
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
