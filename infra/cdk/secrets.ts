import { Validations } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { ServiceSecretName } from './access';

/** What each generated secret is for; shown as the secret's description in the console. */
const purposes: Readonly<Record<ServiceSecretName, string>> = {
  CURSOR_SECRET: 'HMAC key that seals list cursors so they cannot be forged or moved to another tenant.',
  PORTAL_TOKEN_SECRET: 'Key that signs the portal tokens this service issues to customers.',
  WEBHOOK_SECRET_KEY: 'Key that seals the webhook signing secrets the table holds.',
};

/**
 * The service's own keys, generated at deploy time so no value ever sits in code, context or
 * the template. Functions get only the ARN (`<NAME>_ARN`) and fetch the value at cold start.
 */
export class ServiceSecrets extends Construct {
  private readonly secrets: ReadonlyMap<ServiceSecretName, Secret>;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const secrets = new Map<ServiceSecretName, Secret>();
    for (const [name, description] of Object.entries(purposes) as [ServiceSecretName, string][]) {
      const secret = new Secret(this, name, {
        description,
        // 64 letters and digits (~380 bits): used as a key string as is, with no quoting concerns.
        generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
      });
      Validations.of(secret).acknowledge({
        id: 'AwsSolutions-SMG4',
        reason:
          'A service key, not a credential to another system: automatic rotation would invalidate every ' +
          'outstanding cursor or portal token, or every sealed webhook secret, at once. Rotate it deliberately (README) when it may have leaked.',
      });
      secrets.set(name, secret);
    }
    this.secrets = secrets;
  }

  /** Passes `<NAME>_ARN` to the function and lets it read exactly those secrets, nothing more. */
  bind(fn: LambdaFunction, names: readonly ServiceSecretName[]): void {
    for (const name of names) {
      const secret = this.secrets.get(name);
      if (!secret) throw new Error(`Unknown service secret ${name}`);
      fn.addEnvironment(`${name}_ARN`, secret.secretArn);
      // Only GetSecretValue: grantRead would add DescribeSecret, which the code never calls.
      fn.addToRolePolicy(new PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [secret.secretArn] }));
    }
  }
}
