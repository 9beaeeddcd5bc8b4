import { z } from './zod';
import { MAX_BODY_BYTES } from '../http/api-handler';
import { routeList, type RouteEntry } from '../http/routes';
import { Problem } from './common';

/**
 * The OpenAPI 3.1 document, generated from the route table and the same zod schemas that
 * validate requests, so the document cannot drift from what the service accepts.
 */
type JsonSchema = Record<string, unknown>;

function converter() {
  const components: Record<string, JsonSchema> = {};
  const convert = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
    const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema;
    const text = JSON.stringify(json).replaceAll('"#/$defs/', '"#/components/schemas/');
    const { $schema: _schema, $defs, ...rest } = JSON.parse(text) as JsonSchema & { $defs?: Record<string, JsonSchema> };
    for (const [name, def] of Object.entries($defs ?? {})) components[name] ??= def;
    const id = z.globalRegistry.get(schema)?.id;
    if (id && io === 'output') {
      components[id] ??= rest;
      return { $ref: `#/components/schemas/${id}` };
    }
    return rest;
  };
  return { components, convert };
}

const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

function operation(route: RouteEntry, convert: ReturnType<typeof converter>['convert']) {
  const parameters: JsonSchema[] = [];
  for (const [where, schema] of [
    ['path', route.params],
    ['query', route.query],
  ] as const) {
    if (!schema) continue;
    const json = convert(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
    for (const [name, property] of Object.entries(json.properties ?? {})) {
      parameters.push({ name, in: where, required: where === 'path' || (json.required ?? []).includes(name), schema: property });
    }
  }
  if (route.conditional) {
    parameters.push({ name: 'If-Match', in: 'header', required: false, schema: { type: 'string' }, description: 'The version you read; 412 when it is stale.' });
  }
  if (route.idempotent) {
    parameters.push({ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 128 }, description: 'A retry with the same key and body returns the first response.' });
  }
  const responses: Record<string, unknown> = {
    [route.status]: {
      description: 'Success',
      ...(route.response
        ? { content: { 'application/json': { schema: convert(route.response, 'output') } } }
        : route.responseContentType
          ? { content: { [route.responseContentType]: { schema: { type: 'string', format: 'binary' } } } }
          : {}),
    },
    400: problemResponse('Invalid request: every bad field is listed in `errors`.'),
    500: problemResponse('Internal error; the body never carries details.'),
  };
  if (route.access.kind !== 'public') {
    responses[401] = problemResponse('No or bad credentials.');
    responses[403] = problemResponse('The role may not do this, or the feature is turned off.');
  }
  if (route.path.includes('{')) responses[404] = problemResponse('No such resource in your tenant.');
  if (route.body) responses[413] = problemResponse(`Body over ${MAX_BODY_BYTES} bytes.`);
  if (route.conditional) responses[412] = problemResponse('If-Match is stale.');
  if (route.method !== 'GET') responses[409] = problemResponse('Conflict with the current state.');
  return {
    operationId: route.operationId,
    summary: route.summary,
    tags: [route.tag],
    ...(route.access.kind === 'staff'
      ? { security: [{ staffJwt: [] }], 'x-minimum-role': route.access.role }
      : route.access.kind === 'portal'
        ? { security: [{ portalToken: [] }] }
        : { security: [] }),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(route.body
      ? { requestBody: { required: !route.bodyOptional, content: { 'application/json': { schema: convert(route.body, 'input') } } } }
      : {}),
    responses,
  };
}

let cached: JsonSchema | undefined;

export function openApiDocument(): JsonSchema {
  if (cached) return cached;
  const { components, convert } = converter();
  convert(Problem, 'output');
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routeList) {
    (paths[route.path] ??= {})[route.method.toLowerCase()] = operation(route, convert);
  }
  cached = {
    openapi: '3.1.0',
    info: {
      title: 'Winery People API',
      version: '1.0.0',
      description:
        'Customers, clubs, credits, orders and emails for winery staff (`/v1`, staff JWT) and the customer portal (`/portal`). ' +
        'Errors are application/problem+json. Lists take `limit` (1-100) and an opaque `cursor`. Mutable resources carry `version` (also the ETag).',
    },
    paths,
    components: {
      schemas: components,
      securitySchemes: {
        staffJwt: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Cognito ID token with custom:tenantId and cognito:groups.' },
        portalToken: { type: 'http', scheme: 'bearer', description: 'A portal token from POST /portal/{tenantId}/login.' },
      },
    },
  };
  return cached;
}
