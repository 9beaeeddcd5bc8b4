import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { z } from '../schemas/zod';
import { optionalEnv, requiredEnv } from '../config';
import { stageFor, stageQueueVariable, type DeliveryStage } from './delivery-schedule';
import { lazySchema } from '../schemas/lazy-schema';

/**
 * What a delivery queue carries: which delivery, which attempt it is for (the sender claims
 * exactly that attempt, so a duplicate or outdated message sends nothing), and the part of its
 * wait still ahead of it beyond the queue's own delay.
 */
export const AttemptMessage = lazySchema(() => z.object({
  tenantId: z.string().min(1),
  webhookId: z.string().min(1),
  deliveryId: z.string().min(1),
  attempt: z.int().min(1),
  waitSeconds: z.int().min(0),
}));
export type AttemptMessage = z.infer<typeof AttemptMessage>;

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
