import { dynamo } from '../../shared/db/client';

/** The DynamoDB requests the service sends while `work` runs, in order: each command's name (`QueryCommand`…) and input. */
export async function requestsDuring(work: () => Promise<unknown>): Promise<{ name: string; input: Record<string, unknown> }[]> {
  const seen: { name: string; input: Record<string, unknown> }[] = [];
  const name = `requestsDuring-${Math.random().toString(36).slice(2)}`;
  dynamo.middlewareStack.add(
    (next, context) => async (args) => {
      seen.push({ name: String(context.commandName), input: args.input as Record<string, unknown> });
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

/** The DynamoDB operations the service sends while `work` runs, in order (`QueryCommand`, `BatchGetItemCommand`…). */
export async function operationsDuring(work: () => Promise<unknown>): Promise<string[]> {
  return (await requestsDuring(work)).map((request) => request.name);
}
