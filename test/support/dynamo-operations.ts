import { dynamo } from '../../shared/db/client';

/** The DynamoDB operations the service sends while `work` runs, in order (`QueryCommand`, `BatchGetItemCommand`…). */
export async function operationsDuring(work: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const name = `operationsDuring-${Math.random().toString(36).slice(2)}`;
  dynamo.middlewareStack.add(
    (next, context) => async (args) => {
      seen.push(String(context.commandName));
      return next(args);
    },
    { step: 'initialize', name },
  );
  try {
    await work();
  } finally {
    dynamo.middlewareStack.remove(name);
  }
  return seen;
}
