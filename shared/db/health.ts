import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from './client';

/** True when the table answers: a cheap read of a key that never exists. */
export async function tableReachable(): Promise<boolean> {
  try {
    await dynamo.send(new GetCommand({ TableName: tableName, Key: { pk: 'HEALTH', sk: 'HEALTH' } }));
    return true;
  } catch {
    return false;
  }
}
