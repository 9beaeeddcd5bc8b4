import { Duration } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  Metric,
  TextWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { DeployedConsumer } from './consumers';
import type { ServiceFunction } from './functions';
import { pascalCase } from './names';
import { encryptedTopic } from './topics';

export interface AlarmsProps {
  readonly httpApi: IHttpApi;
  /** Every function of the service: each gets an error and a throttle alarm. */
  readonly functions: readonly ServiceFunction[];
  /** Stream consumers: each gets an iterator-age alarm. */
  readonly consumers: readonly DeployedConsumer[];
  /** Queues where given-up work lands: any message in one is an alarm. */
  readonly failureQueues: readonly FailureQueue[];
  /** Subscribed to the alarm topic when given (it must confirm the subscription email). */
  readonly alarmEmail?: string;
}

/** A queue that collects what a function gave up on, and what to do when it fills. */
export interface FailureQueue {
  /** Who gave up, e.g. `streams/notifications`. */
  readonly owner: string;
  readonly queue: IQueue;
  /** What a message in it means and what to do, for the alarm description. */
  readonly meaning: string;
}

const period = Duration.minutes(5);

/**
 * What someone must look at, on one SNS topic, and one dashboard. Every alarm is a symptom a
 * user would feel or data that would go stale; its description says what to do
 * (the README's "Alarms" section explains each).
 */
export class Alarms extends Construct {
  readonly topic: Topic;
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);

    this.topic = encryptedTopic(this, 'Topic', {
      displayName: 'Winery people alarms',
      publisher: new ServicePrincipal('cloudwatch.amazonaws.com'),
    });
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
    const action = new SnsAction(this.topic);

    const alarm = (id: string, metric: IMetric, threshold: number, description: string): Alarm => {
      const created = new Alarm(this, id, {
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        // No traffic is not a failure.
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      created.addAlarmAction(action);
      created.addOkAction(action);
      return created;
    };

    alarm(
      'Api5xx',
      props.httpApi.metricServerError({ period, statistic: 'Sum' }),
      1,
      'The API answered 5xx: an unhandled error in a function, a timeout, or a throttled function. Look at the access log and the function logs for the request id.',
    );

    for (const fn of props.functions) {
      // Named after `<kind>/<name>`, which is unique where construct ids are only unique per construct.
      const id = pascalCase(fn.displayName);
      alarm(
        `${id}Errors`,
        fn.metricErrors({ period, statistic: 'Sum' }),
        1,
        `${fn.displayName} failed an invocation (a crash or a timeout, not a 4xx). Look at its log group.`,
      );
      alarm(
        `${id}Throttles`,
        fn.metricThrottles({ period, statistic: 'Sum' }),
        1,
        `${fn.displayName} was throttled: the account's concurrency is used up. Callers got 5xx or records waited.`,
      );
    }

    for (const { definition, fn } of props.consumers) {
      alarm(
        `${pascalCase(fn.displayName)}IteratorAge`,
        fn.metric('IteratorAge', { period, statistic: 'Maximum' }),
        Duration.minutes(5).toMilliseconds(),
        `${definition.name} is more than 5 minutes behind the table's stream (${definition.description}) Look for errors or throttles of ${fn.displayName}.`,
      );
    }

    for (const { owner, queue, meaning } of props.failureQueues) {
      alarm(
        `${pascalCase(owner)}FailureQueue`,
        queue.metricApproximateNumberOfMessagesVisible({ period, statistic: 'Maximum' }),
        1,
        `${owner} gave up: ${meaning}`,
      );
    }

    // SES reviews an account whose bounce rate passes 5% or complaint rate 0.1%, and may pause
    // its sending: these fire while there is still time to act.
    const sesBounceRate = new Metric({ namespace: 'AWS/SES', metricName: 'Reputation.BounceRate', period: Duration.hours(1), statistic: 'Maximum' });
    const sesComplaintRate = new Metric({ namespace: 'AWS/SES', metricName: 'Reputation.ComplaintRate', period: Duration.hours(1), statistic: 'Maximum' });
    alarm(
      'SesBounceRate',
      sesBounceRate,
      0.04,
      'SES bounce rate is 4% or more (SES reviews the account at 5% and may pause sending). Look at the bounced email logs: a bad import, or addresses typed wrong.',
    );
    alarm(
      'SesComplaintRate',
      sesComplaintRate,
      0.0008,
      'SES complaint rate is 0.08% or more (SES reviews the account at 0.1%). Look at which emails people mark as spam; check marketing permissions.',
    );

    this.dashboard = new Dashboard(this, 'Dashboard', {
      defaultInterval: Duration.hours(3),
      widgets: [
        [new TextWidget({ markdown: '# Winery people', width: 24, height: 1 })],
        [
          graph('API requests', [props.httpApi.metricCount({ period, statistic: 'Sum' })]),
          graph('API errors', [
            props.httpApi.metricClientError({ period, statistic: 'Sum' }),
            props.httpApi.metricServerError({ period, statistic: 'Sum' }),
          ]),
          graph('API latency (p50, p99)', [
            props.httpApi.metricLatency({ period, statistic: 'p50' }),
            props.httpApi.metricLatency({ period, statistic: 'p99' }),
          ]),
        ],
        [
          graph('Invocations', props.functions.map((fn) => fn.metricInvocations({ period, statistic: 'Sum', label: fn.displayName }))),
          graph('Errors', props.functions.map((fn) => fn.metricErrors({ period, statistic: 'Sum', label: fn.displayName }))),
          graph('Duration p99', props.functions.map((fn) => fn.metricDuration({ period, statistic: 'p99', label: fn.displayName }))),
        ],
        [
          graph('Throttles', props.functions.map((fn) => fn.metricThrottles({ period, statistic: 'Sum', label: fn.displayName }))),
          graph(
            'Stream iterator age (max)',
            props.consumers.map(({ fn }) => fn.metric('IteratorAge', { period, statistic: 'Maximum', label: fn.displayName })),
          ),
          graph('SES bounce and complaint rates', [sesBounceRate, sesComplaintRate]),
          graph(
            'Failure queues (messages)',
            props.failureQueues.map(({ owner, queue }) =>
              queue.metricApproximateNumberOfMessagesVisible({ period, statistic: 'Maximum', label: owner }),
            ),
          ),
        ],
      ],
    });
  }
}

function graph(title: string, left: IMetric[]): GraphWidget {
  return new GraphWidget({ title, left, width: 8, height: 6 });
}

