/**
 * When a delivery is attempted again, and through which queue it waits. Pure: the CDK stack, the
 * local queue and the sender all read these tables.
 *
 * Attempt 1 goes at once; each failure waits the next step before trying again, growing from
 * 30 seconds to a day: 11 attempts over about three days (2 days 22 h 42 min after the first).
 * Then the delivery is `failed`, and stays in the log to be retried by hand.
 */
export const RETRY_WAITS_SECONDS: readonly number[] = [
  30,
  2 * 60,
  10 * 60,
  30 * 60,
  60 * 60,
  3 * 60 * 60,
  6 * 60 * 60,
  12 * 60 * 60,
  24 * 60 * 60,
  24 * 60 * 60,
];

/** After this long with every attempt failing (and none succeeding), an endpoint is disabled and the admins are told. */
export const DISABLE_AFTER_FAILING_MS = 5 * 24 * 60 * 60 * 1000;

/** A receiver must answer within this; the sender function's own timeout leaves room to record the outcome. */
export const ATTEMPT_TIMEOUT_MS = 10_000;

/** Of an answer, this much is read (and never shown): enough to end the exchange cleanly. */
export const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * The wait before attempt `attempt + 1` of a round that began at attempt `roundStart` (0 for the
 * delivery's first round, the attempt count at the time of a retry by hand), or undefined when
 * the round is over.
 */
export function waitAfter(attempt: number, roundStart = 0): number | undefined {
  return RETRY_WAITS_SECONDS[attempt - roundStart - 1];
}

/**
 * The delivery queues: one per stage of waiting, each an SQS queue whose own delivery delay is
 * the stage's wait (SQS delays at most 15 minutes). A wait is sent through the longest stage
 * that fits in it; what is left beyond 15 minutes rides along in the message (`waitSeconds`)
 * and the sender puts the message back on the `15m` stage until nothing is left. So every
 * wait is a property of a queue, visible in its metrics, and no clock decides when a message is due.
 */
export interface DeliveryStage {
  /** `WEBHOOK_QUEUE_<NAME>` holds its URL. */
  readonly name: 'now' | '30s' | '2m' | '10m' | '15m';
  readonly delaySeconds: number;
}

export const DELIVERY_STAGES: readonly DeliveryStage[] = [
  { name: 'now', delaySeconds: 0 },
  { name: '30s', delaySeconds: 30 },
  { name: '2m', delaySeconds: 2 * 60 },
  { name: '10m', delaySeconds: 10 * 60 },
  { name: '15m', delaySeconds: 15 * 60 },
];

/** The stage a wait starts in, and what is left of it after that stage's delay. */
export function stageFor(waitSeconds: number): { stage: DeliveryStage; leftSeconds: number } {
  const fitting = DELIVERY_STAGES.filter((stage) => stage.delaySeconds <= Math.max(0, waitSeconds));
  const stage = fitting.at(-1)!;
  return { stage, leftSeconds: Math.max(0, waitSeconds - stage.delaySeconds) };
}

/** The environment variable that holds a stage's queue URL. */
export const stageQueueVariable = (stage: DeliveryStage['name']) => `WEBHOOK_QUEUE_${stage.toUpperCase()}`;
