import { describe, expect, it } from '@jest/globals';
import type { Context } from 'aws-lambda';
import { functionSizing } from '../../shared/function-sizing';
import { FunctionTimeoutError, invokeFunction, type FunctionKind } from '../../infra/local/lambda-runtime';

/** What a function sees of its limits when the local runtime calls it. */
async function limitsSeenBy(kind: FunctionKind) {
  let seen: { remainingMs: number; memoryMb: string } | undefined;
  await invokeFunction(
    async (_event: never, context: Context) => {
      seen = { remainingMs: context.getRemainingTimeInMillis(), memoryMb: context.memoryLimitInMB };
    },
    {},
    { kind, name: 'probe' },
  );
  return seen!;
}

describe('Function: invokeFunction', () => {
  it.each(['api', 'streams', 'jobs'] as const)('gives a %s function the timeout and memory it has in AWS', async (kind) => {
    const seen = await limitsSeenBy(kind);
    expect(seen.memoryMb).toBe(String(functionSizing[kind].memoryMb));
    expect(seen.remainingMs).toBeLessThanOrEqual(functionSizing[kind].timeoutSeconds * 1000);
    expect(seen.remainingMs).toBeGreaterThan(functionSizing[kind].timeoutSeconds * 1000 - 2000);
  });

  it('gives each call its own request id and deadline, and a function the same names and log stream each time, as a warm container', async () => {
    const seen: Context[] = [];
    const remember = async (_event: never, context: Context) => {
      seen.push({ ...context });
    };
    await invokeFunction(remember, {}, { kind: 'api', name: 'warm', timeoutMs: 60_000 });
    await invokeFunction(remember, {}, { kind: 'api', name: 'warm', timeoutMs: 1_000 });
    await invokeFunction(remember, {}, { kind: 'jobs', name: 'other' });
    const [first, second, other] = seen as [Context, Context, Context];
    expect(second.awsRequestId).not.toBe(first.awsRequestId);
    expect(second.getRemainingTimeInMillis()).toBeLessThanOrEqual(1_000);
    expect(first.getRemainingTimeInMillis()).toBeGreaterThan(1_000);
    expect(second).toMatchObject({ functionName: 'local-warm', logGroupName: '/aws/lambda/local-warm', logStreamName: first.logStreamName });
    expect(second.invokedFunctionArn).toMatch(/:function:local-warm$/);
    expect(other).toMatchObject({ functionName: 'local-other', memoryLimitInMB: String(functionSizing.jobs.memoryMb) });
  });

  it('answers as Lambda does when a function runs past its timeout', async () => {
    const never = () => new Promise<never>(() => undefined);
    await expect(invokeFunction(never, {}, { kind: 'api', name: 'slow', timeoutMs: 50 })).rejects.toThrow(
      new FunctionTimeoutError('Task timed out after 0.05 seconds'),
    );
  });
});
