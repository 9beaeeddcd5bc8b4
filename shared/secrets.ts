import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { optionalEnv } from './config';

/**
 * Service secrets (cursor sealing key, portal token key). Locally and in tests the value is in
 * the environment (`CURSOR_SECRET`); in AWS the environment holds only the secret's ARN
 * (`CURSOR_SECRET_ARN`) and the value is fetched once per container, never logged.
 */
let secretsClient: SecretsManagerClient | undefined;
const cache = new Map<string, Promise<string>>();

export function secret(name: string): Promise<string> {
  let value = cache.get(name);
  if (!value) {
    value = load(name);
    cache.set(name, value);
    value.catch(() => cache.delete(name));
  }
  return value;
}

async function load(name: string): Promise<string> {
  const direct = optionalEnv(name);
  if (direct) return direct;
  const arn = optionalEnv(`${name}_ARN`);
  if (!arn) throw new Error(`Neither ${name} nor ${name}_ARN is set`);
  secretsClient ??= new SecretsManagerClient({});
  const result = await secretsClient.send(new GetSecretValueCommand({ SecretId: arn }));
  if (!result.SecretString) throw new Error(`Secret ${name} has no string value`);
  return result.SecretString;
}
