import * as z from '../../schemas/zod';
import { publicAccess, type RouteSpec } from '../route-spec';
import { lazySchema } from '../../schemas/lazy-schema';

export const systemRoutes = {
  health: {
    method: 'GET', path: '/health', fn: 'system', tag: 'System', access: publicAccess, status: 200,
    summary: 'Answers 200 when the service can reach its table.',
    response: lazySchema(() => z.object({ status: z.literal('ok') })),
  },
  getOpenApiDocument: {
    method: 'GET', path: '/openapi.json', fn: 'system', tag: 'System', access: publicAccess, status: 200,
    summary: 'This OpenAPI 3.1 document.',
    response: lazySchema(() => z.meta(z.record(z.string(), z.unknown()), { description: 'An OpenAPI 3.1 document.' })),
  },
} as const satisfies Record<string, RouteSpec>;
