import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from './client';

/** A Query of the table (or one of its indexes): the table is given. */
export type TableQuery = Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>;

/**
 * The pages of a Query, each as DynamoDB answers it (1 MB, or `Limit` items read, at most), one
 * after the other until the range ends. A caller that stops early (a `break`) reads no further page.
 */
export async function* queryPages<T = Record<string, unknown>>(query: TableQuery): AsyncGenerator<T[]> {
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(new QueryCommand({ ...query, TableName: tableName, ExclusiveStartKey: startKey }));
    yield (page.Items ?? []) as T[];
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}

/** Every item of a Query, all its pages read. For ranges known to stay small (a person's, a club's). */
export async function queryAll<T = Record<string, unknown>>(query: TableQuery): Promise<T[]> {
  const items: T[] = [];
  for await (const page of queryPages<T>(query)) items.push(...page);
  return items;
}
