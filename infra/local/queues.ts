import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { createHash, randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mapLimited } from '../../shared/concurrency';
import { functionSizing } from '../../shared/function-sizing';
import { DELIVERY_STAGES, stageQueueVariable, type DeliveryStage } from '../../shared/webhooks/delivery-schedule';
import { invokeFunction, loadFunctionHandler, type HandlerLoader } from './lambda-runtime';

/**
 * The local stand-in for the webhook delivery queues (SQS) and their event source mapping:
 * an endpoint that speaks SQS's JSON protocol (`SendMessage` only, which is all the service
 * uses; anything else is refused loudly), one queue per delivery stage with that stage's
 * delivery delay, and a runner that hands visible messages, 10 at a time, to
 * `functions/queues/webhook-sender.ts`, honouring `batchItemFailures` (a failed message comes
 * back after the visibility timeout; after 5 receives it is set aside in `deadLetterFile`).
 *
 * `releaseDue(now)` (`POST /local/jobs/webhook-retries { now? }`) acts as if the queues' time
 * had reached `now`: every message due by then — its stage's delay and the wait it carries
 * (`waitSeconds`) both over — is handed to the sender at once, with its wait spent.
 */
export interface LocalQueues {
  /** `http://127.0.0.1:<port>`: what `SQS_ENDPOINT` names. */
  readonly url: string;
  /** `SQS_ENDPOINT` and the stage queues' URLs, as the functions read them. */
  readonly environment: Readonly<Record<string, string>>;
  /** Hands every message visible now to the sender and resolves once it answered (tests without the timer). */
  drain(): Promise<number>;
  /** Sends every message due by `now` (default: now) at once. Resolves with how many were sent. */
  releaseDue(now?: string): Promise<{ sent: number }>;
  stop(): Promise<void>;
}

export interface LocalQueuesOptions {
  /** 0 picks a free port. */
  readonly port?: number;
  /** Run the sender on a timer (default true); tests that call `drain` turn it off. */
  readonly run?: boolean;
  readonly loadHandler?: HandlerLoader;
  /** Where messages given up after 5 receives are appended (JSON lines); only logged otherwise. */
  readonly deadLetterFile?: string;
  /** Seconds a received message stays invisible (default: six times the sender's timeout, as in AWS). */
  readonly visibilityTimeoutSeconds?: number;
  readonly log?: (line: string) => void;
}

interface Message {
  readonly id: string;
  readonly stage: DeliveryStage['name'];
  body: string;
  visibleAt: number;
  receives: number;
  inFlight: boolean;
}

const MAX_RECEIVES = 5;
/** Batches handed to the sender at once: a mapping's first concurrency before Lambda scales it out. */
const CONCURRENT_BATCHES = 5;
const ACCOUNT = '000000000000';
const queueName = (stage: DeliveryStage['name']) => `webhooks-${stage}`;

class SqsProtocolError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

export async function startLocalQueues(options: LocalQueuesOptions = {}): Promise<LocalQueues> {
  const loadHandler = options.loadHandler ?? loadFunctionHandler;
  const log = options.log ?? (() => undefined);
  const visibilityMs = (options.visibilityTimeoutSeconds ?? 6 * functionSizing.queues.timeoutSeconds) * 1000;
  const messages = new Map<string, Message>();
  let url = '';

  const stageOf = (queueUrl: unknown): DeliveryStage => {
    const name = typeof queueUrl === 'string' ? queueUrl.split('/').at(-1) : undefined;
    const stage = DELIVERY_STAGES.find((candidate) => queueName(candidate.name) === name);
    if (!stage) throw new SqsProtocolError('AWS.SimpleQueueService.NonExistentQueue', `No queue ${String(queueUrl)}`);
    return stage;
  };

  function sendMessage(input: Record<string, unknown>) {
    const stage = stageOf(input.QueueUrl);
    if (typeof input.MessageBody !== 'string' || input.MessageBody === '') throw new SqsProtocolError('MissingParameter', 'MessageBody is required');
    const delaySeconds = typeof input.DelaySeconds === 'number' ? input.DelaySeconds : stage.delaySeconds;
    const message: Message = { id: randomUUID(), stage: stage.name, body: input.MessageBody, visibleAt: Date.now() + delaySeconds * 1000, receives: 0, inFlight: false };
    messages.set(message.id, message);
    return { MessageId: message.id, MD5OfMessageBody: createHash('md5').update(message.body).digest('hex') };
  }

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const target = String(request.headers['x-amz-target'] ?? '');
    let status = 200;
    let answer: unknown;
    try {
      if (target !== 'AmazonSQS.SendMessage') {
        throw new SqsProtocolError('AWS.SimpleQueueService.UnsupportedOperation', `${target || 'This request'} is not emulated locally (only SendMessage)`);
      }
      answer = sendMessage(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>);
    } catch (error) {
      status = 400;
      answer = error instanceof SqsProtocolError ? { __type: error.type, message: error.message } : { __type: 'InvalidParameterValue', message: String(error) };
    }
    response.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
    response.end(JSON.stringify(answer));
  }

  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      response.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const record = (message: Message): SQSRecord => ({
    messageId: message.id,
    receiptHandle: message.id,
    body: message.body,
    attributes: {
      ApproximateReceiveCount: String(message.receives),
      SentTimestamp: String(Date.now()),
      SenderId: ACCOUNT,
      ApproximateFirstReceiveTimestamp: String(Date.now()),
    },
    messageAttributes: {},
    md5OfBody: createHash('md5').update(message.body).digest('hex'),
    eventSource: 'aws:sqs',
    eventSourceARN: `arn:aws:sqs:us-east-1:${ACCOUNT}:${queueName(message.stage)}`,
    awsRegion: 'us-east-1',
  });

  /** Hands these messages to the sender, 10 a batch, a few batches at once (as Lambda scales out), and applies its answers. */
  async function deliver(messagesToSend: Message[]): Promise<void> {
    const batches: Message[][] = [];
    for (let i = 0; i < messagesToSend.length; i += 10) batches.push(messagesToSend.slice(i, i + 10));
    for (const message of messagesToSend) message.inFlight = true;
    await mapLimited(batches, CONCURRENT_BATCHES, deliverBatch);
  }

  async function deliverBatch(slice: Message[]): Promise<void> {
    for (const message of slice) message.receives += 1;
    let failed: Set<string>;
    try {
      const handler = await loadHandler('queues', 'webhook-sender');
      const event: SQSEvent = { Records: slice.map(record) };
      const result = (await invokeFunction(handler, event, { kind: 'queues', name: 'webhook-sender' })) as SQSBatchResponse | undefined;
      failed = new Set((result?.batchItemFailures ?? []).map((failure) => failure.itemIdentifier));
    } catch (error) {
      log(`[queues] webhook-sender failed a batch: ${error instanceof Error ? error.message : String(error)}`);
      failed = new Set(slice.map((message) => message.id));
    }
    for (const message of slice) {
      message.inFlight = false;
      if (!failed.has(message.id)) {
        messages.delete(message.id);
      } else if (message.receives >= MAX_RECEIVES) {
        messages.delete(message.id);
        if (options.deadLetterFile) appendFileSync(options.deadLetterFile, `${JSON.stringify({ queue: queueName(message.stage), body: message.body })}\n`);
        log(`[queues] a webhook attempt message was given up after ${MAX_RECEIVES} receives`);
      } else {
        message.visibleAt = Date.now() + visibilityMs;
      }
    }
  }

  const visibleNow = () => [...messages.values()].filter((message) => !message.inFlight && message.visibleAt <= Date.now());

  let running: Promise<void> | undefined;
  const tick = () => {
    if (running) return;
    const batch = visibleNow();
    if (batch.length === 0) return;
    // What arrived meanwhile goes at once, as a mapping polls again while messages keep coming.
    running = deliver(batch).finally(() => {
      running = undefined;
      tick();
    });
  };
  const timer = options.run === false ? undefined : setInterval(tick, 100);
  timer?.unref();

  const waitSeconds = (message: Message): number => {
    try {
      const wait = (JSON.parse(message.body) as { waitSeconds?: unknown }).waitSeconds;
      return typeof wait === 'number' ? wait : 0;
    } catch {
      return 0;
    }
  };

  return {
    url,
    environment: {
      SQS_ENDPOINT: url,
      ...Object.fromEntries(DELIVERY_STAGES.map((stage) => [stageQueueVariable(stage.name), `${url}/${ACCOUNT}/${queueName(stage.name)}`])),
    },
    drain: async () => {
      await running;
      const batch = visibleNow();
      await deliver(batch);
      return batch.length;
    },
    releaseDue: async (now) => {
      const asOf = now === undefined ? Date.now() : Date.parse(now);
      if (Number.isNaN(asOf)) throw new RangeError(`"${now}" is not an instant`);
      await running;
      const due = [...messages.values()].filter((message) => !message.inFlight && message.visibleAt + waitSeconds(message) * 1000 <= asOf);
      for (const message of due) message.body = JSON.stringify({ ...(JSON.parse(message.body) as object), waitSeconds: 0 });
      await deliver(due);
      return { sent: due.length };
    },
    stop: async () => {
      if (timer) clearInterval(timer);
      await running;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
