import { Duration, Stack, Validations } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { ConfigurationSet, EmailSendingEvent, EventDestination, SuppressionReasons } from 'aws-cdk-lib/aws-ses';
import { LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { accessOf, type FunctionAccess } from './access';
import type { FailureQueue } from './alarms';
import { type ServiceResources, ServiceFunction } from './functions';
import { encryptedTopic } from './topics';

export interface EmailSendingProps {
  /**
   * `EMAIL_FROM`: the sender when a tenant set none. It must be an SES-verified identity
   * (README, "Deploying to AWS"); without it the code falls back to a placeholder SES will refuse.
   */
  readonly defaultFrom?: string;
  /** `PORTAL_URL`: the customer portal, for the links in emails. */
  readonly portalUrl?: string;
}

/**
 * Sending through SES: the configuration set every message goes out with (reputation metrics,
 * bounce and complaint suppression) and the permission to send.
 */
export class EmailSending extends Construct {
  readonly configurationSet: ConfigurationSet;

  constructor(scope: Construct, id: string, private readonly props: EmailSendingProps) {
    super(scope, id);
    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      reputationMetrics: true,
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
  }

  /** Lets the function send through this configuration set and passes it the sender settings. */
  bind(fn: LambdaFunction): void {
    fn.addEnvironment('SES_CONFIGURATION_SET', this.configurationSet.configurationSetName);
    if (this.props.defaultFrom) fn.addEnvironment('EMAIL_FROM', this.props.defaultFrom);
    if (this.props.portalUrl) fn.addEnvironment('PORTAL_URL', this.props.portalUrl);

    const stack = Stack.of(this);
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['ses:SendEmail'],
        resources: [
          stack.formatArn({ service: 'ses', resource: 'identity', resourceName: '*' }),
          stack.formatArn({ service: 'ses', resource: 'configuration-set', resourceName: this.configurationSet.configurationSetName }),
        ],
      }),
    );
    if (fn.role) {
      Validations.of(fn.role).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ses:<AWS::Region>:<AWS::AccountId>:identity/*]',
        reason:
          'Each winery may send from its own verified address (settings.email.from), verified without a deploy, ' +
          'so ses:SendEmail names every identity of this account and region; no other SES action is allowed.',
      });
    }
  }
}

export interface EmailDeliveryEventsProps {
  /** The configuration set whose events come back. */
  readonly sending: EmailSending;
  /** Permissions per event function (`eventAccess`). */
  readonly access: Readonly<Record<string, FunctionAccess>>;
  readonly resources: ServiceResources;
}

/**
 * SES delivery, bounce, complaint and reject events: the configuration set publishes them to
 * an encrypted topic (they name recipients), and `functions/events/ses-events.ts` sets the
 * status of the email log each event's tags name. An event the function keeps failing on
 * lands in a queue an alarm watches, instead of being dropped after Lambda's retries.
 */
export class EmailDeliveryEvents extends Construct {
  readonly fn: ServiceFunction;
  readonly failures: Queue;
  /** The failure queue, with what a message in it means. */
  readonly failureQueue: FailureQueue;

  constructor(scope: Construct, id: string, props: EmailDeliveryEventsProps) {
    super(scope, id);
    const topic = encryptedTopic(this, 'Topic', {
      displayName: 'SES delivery events',
      publisher: new ServicePrincipal('ses.amazonaws.com'),
    });
    props.sending.configurationSet.addEventDestination('ToTopic', {
      destination: EventDestination.snsTopic(topic),
      // The events that change an email log (see shared/email/delivery-events.ts).
      events: [EmailSendingEvent.DELIVERY, EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT, EmailSendingEvent.REJECT],
    });

    this.failures = new Queue(this, 'Failures', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.fn = new ServiceFunction(this, 'SesEventsFunction', {
      kind: 'events',
      name: 'ses-events',
      description: 'Sets the status of email logs from SES delivery, bounce, complaint and reject events.',
      access: accessOf(props.access, 'ses-events', 'event function'),
      resources: props.resources,
      deadLetterQueue: this.failures,
    });
    topic.addSubscription(new LambdaSubscription(this.fn));
    this.failureQueue = {
      owner: this.fn.displayName,
      queue: this.failures,
      meaning: 'SES events could not be applied after Lambda retries; the queue holds them. Fix, then redrive them to the function.',
    };
  }
}
