import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';

export interface EncryptedTopicProps {
  readonly displayName: string;
  /** The AWS service that publishes to the topic; it may use the topic's key and nothing else. */
  readonly publisher: ServicePrincipal;
}

/**
 * An SNS topic encrypted with a key of its own and reachable over TLS only. A key of our own,
 * because a service such as CloudWatch or SES cannot publish to a topic encrypted with the
 * AWS-managed SNS key: its key policy cannot be extended.
 */
export function encryptedTopic(scope: Construct, id: string, props: EncryptedTopicProps): Topic {
  const key = new Key(scope, `${id}Key`, {
    description: `Encrypts the topic "${props.displayName}".`,
    enableKeyRotation: true,
    // Only messages in flight depend on it.
    removalPolicy: RemovalPolicy.DESTROY,
    pendingWindow: Duration.days(7),
  });
  key.grant(props.publisher, 'kms:Decrypt', 'kms:GenerateDataKey*');
  return new Topic(scope, id, { displayName: props.displayName, masterKey: key, enforceSSL: true });
}
