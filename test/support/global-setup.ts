import './test-env';
import { ensureTable, freePort, localDynamoClient, startDynamoDbLocal } from '../../infra/local/dynamodb-local';

/**
 * Starts DynamoDB Local (in memory) once for the whole run and creates the table, for the
 * projects that use it (integration, e2e, browser; never unit). Test files share the table and
 * keep apart by using tenants of their own (`newTenant()`).
 * With DYNAMODB_ENDPOINT set, that endpoint is used instead.
 */
export default async function globalSetup(): Promise<void> {
  if (!process.env.DYNAMODB_ENDPOINT) {
    const dynamo = await startDynamoDbLocal({ port: await freePort(), inMemory: true });
    (globalThis as { __dynamoDbLocal?: typeof dynamo }).__dynamoDbLocal = dynamo;
    process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
  }
  const client = localDynamoClient(process.env.DYNAMODB_ENDPOINT);
  await ensureTable(client, process.env.TABLE_NAME!);
  client.destroy();
}
