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

  it('answers as Lambda does when a function runs past its timeout', async () => {
    const never = () => new Promise<never>(() => undefined);
    await expect(invokeFunction(never, {}, { kind: 'api', name: 'slow', timeoutMs: 50 })).rejects.toThrow(
      new FunctionTimeoutError('Task timed out after 0.05 seconds'),
    );
  });
});
