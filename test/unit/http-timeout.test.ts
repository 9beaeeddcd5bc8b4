import { describe, expect, it } from '@jest/globals';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { Context } from 'aws-lambda';
import { apiHandler, type ApiEvent } from '../../shared/http/api-handler';
import { publicAccess, type RouteSpec } from '../../shared/http/route-spec';

/**
 * A request that would outlive its function answers 503 with `Retry-After` before Lambda ends it
 * (API Gateway would turn Lambda's timeout into a bare 500), and a table that keeps throttling is
 * a 503 too: a busy service, never an internal error.
 */
const area = {
  slowThing: { method: 'GET', path: '/v1/slow', fn: 'slow', tag: 'Test', access: publicAccess, status: 200, summary: 'Takes its time.' },
} as const satisfies Record<string, RouteSpec>;

const event = { routeKey: 'GET /v1/slow', rawPath: '/v1/slow', headers: {}, requestContext: {} } as unknown as ApiEvent;
const contextWith = (remainingMs: number) => {
  const deadline = Date.now() + remainingMs;
  return { getRemainingTimeInMillis: () => deadline - Date.now() } as unknown as Context;
};

describe('Function: apiHandler', () => {
  it('answers 503 with Retry-After when the operation would run past the function’s time', async () => {
    const handler = apiHandler(area, 'slow', { slowThing: () => new Promise((resolve) => setTimeout(() => resolve({ ok: true }), 3000)) });
    const started = Date.now();
    const result = await handler(event, contextWith(800));
    expect(Date.now() - started).toBeLessThan(800);
    expect(result.statusCode).toBe(503);
    expect(result.headers).toEqual(expect.objectContaining({ 'retry-after': '2', 'content-type': 'application/problem+json' }));
    expect(JSON.parse(result.body!)).toEqual(expect.objectContaining({ status: 503, title: 'Service busy' }));
  });

  it('answers 503 with Retry-After when DynamoDB keeps throttling', async () => {
    const throttled = Object.assign(new Error('Rate of requests exceeds the allowed throughput.'), { name: 'ProvisionedThroughputExceededException' });
    const handler = apiHandler(area, 'slow', { slowThing: async () => Promise.reject(throttled) });
    const result = await handler(event, contextWith(10_000));
    expect(result.statusCode).toBe(503);
    expect(result.headers).toEqual(expect.objectContaining({ 'retry-after': '1' }));
    expect(result.body).not.toContain('exceeds');
  });

  it('answers 503 when a transaction is cancelled because one of its parts was throttled', async () => {
    const cancelled = new TransactionCanceledException({
      message: 'Transaction cancelled',
      $metadata: {},
      CancellationReasons: [{ Code: 'None' }, { Code: 'ThrottlingError', Message: 'Throughput exceeds the current capacity of your table or index.' }],
    });
    const handler = apiHandler(area, 'slow', { slowThing: async () => Promise.reject(cancelled) });
    const result = await handler(event, contextWith(10_000));
    expect(result.statusCode).toBe(503);
    expect(result.headers).toEqual(expect.objectContaining({ 'retry-after': '1' }));
    expect(result.body).not.toContain('capacity');
  });

  it('answers in time what is done in time', async () => {
    const handler = apiHandler(area, 'slow', { slowThing: async () => ({ ok: true }) });
    const result = await handler(event, contextWith(10_000));
    expect(result.statusCode).toBe(200);
  });
});
