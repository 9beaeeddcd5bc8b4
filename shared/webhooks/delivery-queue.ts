import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { optionalEnv, requiredEnv } from '../config';
import { stageFor, stageQueueVariable, type DeliveryStage } from './delivery-schedule';

/**
 * What a delivery queue carries: which delivery, which attempt it is for (the sender claims
 * exactly that attempt, so a duplicate or outdated message sends nothing), and the part of its
 * wait still ahead of it beyond the queue's own delay.
 */
export interface AttemptMessage {
  tenantId: string;
  webhookId: string;
  deliveryId: string;
  /** 1 or more. */
  attempt: number;
  /** 0 or more. */
  waitSeconds: number;
}

const ids = ['tenantId', 'webhookId', 'deliveryId'] as const;
const counts = { attempt: 1, waitSeconds: 0 } as const;

/**
 * A queue message's body as an attempt, or an error naming what is wrong. Checked by hand: the
 * sender runs for every attempt, and a schema library would be most of its cold start for a
 * message only `enqueueAttempt` writes.
 */
export function parseAttemptMessage(body: string): AttemptMessage {
  const value: unknown = JSON.parse(body);
  if (typeof value !== 'object' || value === null) throw new TypeError('An attempt message is an object.');
  const message = value as Record<string, unknown>;
  const bad = [
    ...ids.filter((key) => typeof message[key] !== 'string' || message[key] === ''),
    ...Object.entries(counts).filter(([key, min]) => !Number.isInteger(message[key]) || (message[key] as number) < min).map(([key]) => key),
  ];
  if (bad.length > 0) throw new TypeError(`Attempt message with bad ${bad.join(', ')}.`);
  return {
    tenantId: message.tenantId as string,
    webhookId: message.webhookId as string,
    deliveryId: message.deliveryId as string,
    attempt: message.attempt as number,
    waitSeconds: message.waitSeconds as number,
  };
}

/**
 * Sends to the delivery queues (`delivery-schedule.ts`). Locally `SQS_ENDPOINT` points the
 * client at the local stack's queue (`infra/local/queues.ts`); in AWS it is unset. The client
 * is created once per container, on the first send.
 */
let client: SQSClient | undefined;

function sqsClient(): SQSClient {
  if (!client) {
    const endpoint = optionalEnv('SQS_ENDPOINT');
    client = new SQSClient({
      endpoint,
      region: optionalEnv('AWS_REGION') ?? 'us-east-1',
      ...(endpoint ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
    });
  }
  return client;
}

const queueUrl = (stage: DeliveryStage['name']) => requiredEnv(stageQueueVariable(stage));

/** Puts an attempt on the queue of its wait: `waitSeconds` from now (0: at once). */
export async function enqueueAttempt(message: Omit<AttemptMessage, 'waitSeconds'>, waitSeconds: number): Promise<void> {
  const { stage, leftSeconds } = stageFor(waitSeconds);
  const body: AttemptMessage = { ...message, waitSeconds: leftSeconds };
  await sqsClient().send(new SendMessageCommand({ QueueUrl: queueUrl(stage.name), MessageBody: JSON.stringify(body) }));
}

/** A message arrived before its wait was over: back on the queue for what is left. */
export function enqueueRestOfWait(message: AttemptMessage): Promise<void> {
  const { waitSeconds, ...rest } = message;
  return enqueueAttempt(rest, waitSeconds);
}
