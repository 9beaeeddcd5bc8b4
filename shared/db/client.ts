import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { optionalEnv, requiredEnv } from '../config';

/**
 * The DynamoDB client, created once per container. `DYNAMODB_ENDPOINT` points it at DynamoDB
 * Local; in AWS it is unset and the SDK finds the regional endpoint.
 */
const endpoint = optionalEnv('DYNAMODB_ENDPOINT');

export const dynamoClient = new DynamoDBClient({
  endpoint,
  region: optionalEnv('AWS_REGION') ?? 'us-east-1',
  maxAttempts: 4,
  ...(endpoint ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
});

export const dynamo = DynamoDBDocumentClient.from(dynamoClient, {
  marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
});

export const tableName = requiredEnv('TABLE_NAME');
