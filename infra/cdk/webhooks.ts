import { Duration, Validations } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { functionSizing } from '../../shared/function-sizing';
import { DELIVERY_STAGES, stageQueueVariable, type DeliveryStage } from '../../shared/webhooks/delivery-schedule';
import { accessOf, type FunctionAccess } from './access';
import type { FailureQueue } from './alarms';
import { type ServiceResources, ServiceFunction } from './functions';
import { pascalCase } from './names';

/** Receives of one message before it is given up to the dead-letter queue (the sender failed, not the endpoint). */
const MAX_RECEIVES = 5;

export interface WebhookDeliveryProps {
  /** Permissions per queue function (`queueAccess`). */
  readonly access: Readonly<Record<string, FunctionAccess>>;
  /** What the sender is given (the table, secrets, email). */
  readonly resources: ServiceResources;
}

/**
 * Webhook delivery on SQS: one queue per stage of waiting (`DELIVERY_STAGES`: the queue's own
 * delivery delay is the stage's wait; longer waits ride the 15-minute stage again until they
 * are over), all read by the sender function, which makes one attempt per message. A message
 * the sender itself keeps failing on (not an endpoint that fails: that is recorded and retried
 * on schedule) goes to the dead-letter queue after 5 receives, which an alarm watches.
 */
export class WebhookDelivery extends Construct {
  readonly stages: ReadonlyMap<DeliveryStage['name'], Queue>;
  readonly deadLetters: Queue;
  readonly sender: ServiceFunction;
  readonly failureQueue: FailureQueue;

  constructor(scope: Construct, id: string, props: WebhookDeliveryProps) {
    super(scope, id);
    this.deadLetters = new Queue(this, 'DeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetters.node.defaultChild!).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself the dead-letter queue of the webhook delivery queues: nothing reads it automatically, an alarm watches its depth.',
    });

    // AWS's advice for a queue that feeds a function: a visibility timeout of six times its timeout.
    const visibilityTimeout = Duration.seconds(6 * functionSizing.queues.timeoutSeconds);
    const stages = new Map<DeliveryStage['name'], Queue>();
    for (const stage of DELIVERY_STAGES) {
      stages.set(
        stage.name,
        new Queue(this, `Stage${pascalCase(stage.name)}`, {
          deliveryDelay: Duration.seconds(stage.delaySeconds),
          visibilityTimeout,
          // Longer than any wait a message rides (15 minutes a trip) and than a retry round.
          retentionPeriod: Duration.days(4),
          encryption: QueueEncryption.SQS_MANAGED,
          enforceSSL: true,
          deadLetterQueue: { queue: this.deadLetters, maxReceiveCount: MAX_RECEIVES },
        }),
      );
    }
    this.stages = stages;

    this.sender = new ServiceFunction(this, 'SenderFunction', {
      kind: 'queues',
      name: 'webhook-sender',
      description: 'Makes one webhook attempt per message: signs (Standard Webhooks), checks the address, POSTs, records the outcome, queues the retry.',
      access: accessOf(props.access, 'webhook-sender', 'queue function'),
      resources: { ...props.resources, webhookQueues: this },
    });
    for (const queue of stages.values()) {
      this.sender.addEventSource(new SqsEventSource(queue, { batchSize: 10, reportBatchItemFailures: true }));
    }

    this.failureQueue = {
      owner: this.sender.displayName,
      queue: this.deadLetters,
      meaning:
        'webhook attempts the sender could not process after 5 receives (the table or a queue did not answer, or a bug); the queue holds the messages. ' +
        'Fix the cause, then redrive them to the stage queue they came from (SQS "Start DLQ redrive").',
    };
  }

  /** Passes the stage queues' URLs to a function and lets it send to them (`SendMessage` only). */
  bind(fn: LambdaFunction, which: NonNullable<FunctionAccess['webhookQueues']>): void {
    const queues = [...this.stages].filter(([name]) => which === 'every' || name === 'now');
    for (const [name, queue] of queues) fn.addEnvironment(stageQueueVariable(name), queue.queueUrl);
    fn.addToRolePolicy(new PolicyStatement({ actions: ['sqs:SendMessage'], resources: queues.map(([, queue]) => queue.queueArn) }));
  }
}
