import { Duration, Validations } from 'aws-cdk-lib';
import { FilterCriteria, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { ConsumerDefinition } from '../../shared/streams/consumers';
import { accessOf, type FunctionAccess } from './access';
import type { FailureQueue } from './alarms';
import { type ServiceResources, ServiceFunction } from './functions';
import { pascalCase } from './names';

/**
 * A record older than this is given up and reported to the failure queue. The stream keeps
 * records for 24 hours, so whoever handles the failure still has most of a day to replay it.
 */
const maxRecordAge = Duration.hours(6);

export interface StreamConsumersProps {
  /** The consumer table (`consumers`): one function and one event source mapping per entry. */
  readonly consumers: readonly ConsumerDefinition[];
  /** Permissions per consumer (`consumerAccess`). */
  readonly access: Readonly<Record<string, FunctionAccess>>;
  readonly resources: ServiceResources;
}

/** One consumer as deployed: its function and the queue its given-up batches are reported to. */
export interface DeployedConsumer {
  readonly definition: ConsumerDefinition;
  readonly fn: ServiceFunction;
  readonly failures: Queue;
}

/**
 * The table's stream consumers, from the consumer table. Each wakes only for its items (Lambda
 * event filtering), reports failed records one by one (partial batch responses) so the rest
 * of the batch goes on, splits a failing batch to isolate the bad record, retries a bounded
 * number of times and then reports the record to its own queue, which an alarm watches.
 */
export class StreamConsumers extends Construct {
  readonly deployed: readonly DeployedConsumer[];

  constructor(scope: Construct, id: string, props: StreamConsumersProps) {
    super(scope, id);
    const { table } = props.resources.table;

    this.deployed = props.consumers.map((definition) => {
      const baseId = pascalCase(definition.name);
      const fn = new ServiceFunction(this, `${baseId}Function`, {
        kind: 'streams',
        name: definition.name,
        description: definition.description,
        access: accessOf(props.access, definition.name, 'stream consumer'),
        resources: props.resources,
      });

      // Lambda writes the failed batch's shard and sequence numbers here, not the records.
      const failures = new Queue(this, `${baseId}Failures`, {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
      });
      Validations.of(failures.node.defaultChild!).acknowledge({
        id: 'AwsSolutions-SQS3',
        reason:
          `This queue is itself the dead-letter destination (OnFailure) of the ${definition.name} stream ` +
          'event source mapping: nothing reads it automatically, an alarm watches its depth.',
      });

      fn.addEventSource(
        new DynamoEventSource(table, {
          // From the oldest record still in the stream, so nothing written while the mapping was
          // being created is skipped; consumers are idempotent, so a replay is harmless.
          startingPosition: StartingPosition.TRIM_HORIZON,
          batchSize: definition.batchSize,
          filters: definition.filters.map((filter) => FilterCriteria.filter(filter)),
          reportBatchItemFailures: true,
          bisectBatchOnError: true,
          retryAttempts: definition.maxRetries,
          maxRecordAge,
          onFailure: new SqsDlq(failures),
          // One batch per shard at a time keeps the changes of an item in order.
          parallelizationFactor: 1,
        }),
      );
      return { definition, fn, failures };
    });
  }

  /** The failure queues, with what a message in one means. */
  get failureQueues(): FailureQueue[] {
    return this.deployed.map(({ fn, failures }) => ({
      owner: fn.displayName,
      queue: failures,
      meaning:
        'stream records failed after their retries; the queue holds their shard and sequence numbers. The ' +
        'stream keeps records 24 hours: fix and replay them, or repair the derived data.',
    }));
  }
}
