import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { secret } from '../../shared/secrets';

describe('Function: secret', () => {
  let server: Server;
  const asked: { url?: string; token?: string }[] = [];
  beforeAll(async () => {
    // Stands in for the AWS Parameters and Secrets extension on localhost.
    server = createServer((req, res) => {
      asked.push({ url: req.url, token: req.headers['x-aws-parameters-secrets-token'] as string });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ SecretString: 'from-the-extension' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    process.env.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT = String((server.address() as AddressInfo).port);
    process.env.AWS_SESSION_TOKEN = 'session-token';
    process.env.UNIT_SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:1:secret:unit';
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('prefers the value in the environment', async () => {
    process.env.UNIT_DIRECT = 'direct';
    await expect(secret('UNIT_DIRECT')).resolves.toBe('direct');
  });

  it('reads a secret by ARN from the extension once per container, with the session token', async () => {
    await expect(secret('UNIT_SECRET')).resolves.toBe('from-the-extension');
    await expect(secret('UNIT_SECRET')).resolves.toBe('from-the-extension');
    expect(asked).toEqual([
      { url: `/secretsmanager/get?secretId=${encodeURIComponent('arn:aws:secretsmanager:us-east-1:1:secret:unit')}`, token: 'session-token' },
    ]);
  });

  it('says which secret is missing when neither the value nor its ARN is set', async () => {
    await expect(secret('NOT_CONFIGURED')).rejects.toThrow(/NOT_CONFIGURED/);
  });
});
