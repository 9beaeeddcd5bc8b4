import type { Context } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { functionSizing, type FunctionKind as AnyFunctionKind } from '../../shared/function-sizing';
import { PROJECT_ROOT } from './dynamodb-local';

/**
 * Just enough of the Lambda runtime for the local stack: find a function's module, give it a
 * Lambda-like context, and hold it to a timeout. Modules are imported on first use, never at
 * start, because they read their environment at import time (the stack sets it first) and some
 * may not exist yet while the project grows.
 */

/** The folders of `functions/` the local stack runs: API handlers, stream consumers, scheduled jobs (SES events have no local source). */
export type FunctionKind = Exclude<AnyFunctionKind, 'events'>;

/** A Lambda handler as the local stack calls it (async style; callbacks are not supported). */
export type LambdaHandler = (event: never, context: Context) => unknown;

/** Finds the handler of `functions/<kind>/<name>.ts`. Injectable so tests can pass their own. */
export type HandlerLoader = (kind: FunctionKind, name: string) => Promise<LambdaHandler>;

/** The module of a function is missing or exports no `handler`. */
export class MissingFunctionError extends Error {
  override readonly name = 'MissingFunctionError';
}

/** The function ran longer than its timeout (Lambda: "Task timed out after N seconds"). */
export class FunctionTimeoutError extends Error {
  override readonly name = 'FunctionTimeoutError';
}

export function functionModulePath(kind: FunctionKind, name: string): string {
  return join(PROJECT_ROOT, 'functions', kind, `${name}.ts`);
}

/** Handlers found so far: a warm container keeps its module, so only a first call imports it. */
const loaded = new Map<string, Promise<LambdaHandler>>();

/**
 * The default loader: imports `functions/<kind>/<name>.ts` on its first call and keeps the
 * handler, as a warm Lambda container does. (The module system caches the module too, but each
 * `import()` still runs the loader's resolution, which under tsx cost ~2 ms a request.) A module
 * missing or without a handler is looked for again on the next call.
 */
export const loadFunctionHandler: HandlerLoader = (kind, name) => {
  const key = `${kind}/${name}`;
  let handler = loaded.get(key);
  if (!handler) {
    handler = importHandler(kind, name);
    loaded.set(key, handler);
    handler.catch(() => loaded.delete(key));
  }
  return handler;
};

async function importHandler(kind: FunctionKind, name: string): Promise<LambdaHandler> {
  const file = functionModulePath(kind, name);
  const relative = `functions/${kind}/${name}.ts`;
  if (!existsSync(file)) throw new MissingFunctionError(`${relative} does not exist yet`);
  const module = (await import(pathToFileURL(file).href)) as { handler?: unknown };
  if (typeof module.handler !== 'function') throw new MissingFunctionError(`${relative} does not export a handler function`);
  return module.handler as LambdaHandler;
}

type ContainerContext = Omit<Context, 'awsRequestId' | 'getRemainingTimeInMillis'>;

/**
 * What a function's context holds for the life of its container (its names, memory and log
 * stream), made once per function, as a warm container keeps them; each call adds its request
 * id and deadline. (Made anew per call, reading the environment and the clock, it cost more than
 * the rest of the local gateway's event.)
 */
const containers = new Map<string, ContainerContext>();

function containerContext(kind: FunctionKind, functionName: string): ContainerContext {
  const key = `${kind}/${functionName}`;
  let container = containers.get(key);
  if (!container) {
    const region = process.env.AWS_REGION ?? 'us-east-1';
    const unsupported = (what: string) => () => {
      throw new Error(`context.${what}() is not supported locally: return a promise instead`);
    };
    container = {
      callbackWaitsForEmptyEventLoop: true,
      functionName,
      functionVersion: '$LATEST',
      invokedFunctionArn: `arn:aws:lambda:${region}:000000000000:function:${functionName}`,
      memoryLimitInMB: String(functionSizing[kind].memoryMb),
      logGroupName: `/aws/lambda/${functionName}`,
      logStreamName: `${new Date().toISOString().slice(0, 10).replaceAll('-', '/')}/[$LATEST]local`,
      done: unsupported('done'),
      fail: unsupported('fail'),
      succeed: unsupported('succeed'),
    };
    containers.set(key, container);
  }
  return container;
}

/** A context shaped like the one the Node.js Lambda runtime passes to a function of that kind. */
function lambdaContext(kind: FunctionKind, functionName: string, timeoutMs: number): Context {
  const deadline = Date.now() + timeoutMs;
  return { ...containerContext(kind, functionName), awsRequestId: randomUUID(), getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()) };
}

/**
 * Calls a handler of `functions/<kind>/<name>.ts` with a fresh context and resolves with its
 * result. Past the kind's timeout (tests may pass a shorter one) it rejects with
 * `FunctionTimeoutError`; the call itself cannot be killed in-process, its result is ignored.
 */
export async function invokeFunction(
  handler: LambdaHandler,
  event: unknown,
  options: { kind: FunctionKind; name: string; timeoutMs?: number },
): Promise<unknown> {
  // The timeout the function has in AWS: one table for both (`shared/function-sizing.ts`).
  const timeoutMs = options.timeoutMs ?? functionSizing[options.kind].timeoutSeconds * 1000;
  const context = lambdaContext(options.kind, `local-${options.name}`, timeoutMs);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new FunctionTimeoutError(`Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`)),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([Promise.resolve().then(() => handler(event as never, context)), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
