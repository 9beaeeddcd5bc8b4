import { optionalEnv } from './config';

/**
 * Service secrets (cursor sealing key, portal token key). Locally and in tests the value is in
 * the environment (`CURSOR_SECRET`); in AWS the environment holds only the secret's ARN
 * (`CURSOR_SECRET_ARN`) and the value comes from the AWS Parameters and Secrets Lambda
 * extension on localhost, once per container: no Secrets Manager client in the bundle. Values
 * are never logged.
 */
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
  const port = optionalEnv('PARAMETERS_SECRETS_EXTENSION_HTTP_PORT') ?? '2773';
  const response = await fetch(`http://localhost:${port}/secretsmanager/get?secretId=${encodeURIComponent(arn)}`, {
    headers: { 'X-Aws-Parameters-Secrets-Token': optionalEnv('AWS_SESSION_TOKEN') ?? '' },
    signal: AbortSignal.timeout(3000),
  });
  if (!response.ok) throw new Error(`Secret ${name} could not be read (${response.status})`);
  const body = (await response.json()) as { SecretString?: string };
  if (!body.SecretString) throw new Error(`Secret ${name} has no string value`);
  return body.SecretString;
}
