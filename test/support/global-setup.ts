import { ensureTable, freePort, localDynamoClient, startDynamoDbLocal } from '../../infra/local/dynamodb-local';

/**
 * Starts DynamoDB Local (in memory) once for the whole run and creates the table. Test files
 * share the table and keep apart by using tenants of their own (`newTenant()`).
 * With DYNAMODB_ENDPOINT set, that endpoint is used instead.
 */
export default async function globalSetup(): Promise<void> {
  process.env.NODE_ENV = 'test';
  process.env.TABLE_NAME ??= 'winery-people-test';
  process.env.CURSOR_SECRET ??= 'test-cursor-secret';
  process.env.PORTAL_TOKEN_SECRET ??= 'test-portal-secret';
  process.env.AWS_REGION ??= 'us-east-1';
  if (!process.env.DYNAMODB_ENDPOINT) {
    const dynamo = await startDynamoDbLocal({ port: await freePort(), inMemory: true });
    (globalThis as { __dynamoDbLocal?: typeof dynamo }).__dynamoDbLocal = dynamo;
    process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
  }
  const client = localDynamoClient(process.env.DYNAMODB_ENDPOINT);
  await ensureTable(client, process.env.TABLE_NAME);
  client.destroy();
}
