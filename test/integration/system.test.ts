import { describe, expect, it } from '@jest/globals';
import { routeList } from '../../shared/http/routes';
import { call } from '../support/invoke';

describe('System routes', () => {
  it('answers GET /health with 200 when the table is reachable', async () => {
    const result = await call('GET', '/health', { as: null });
    expect(result).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('serves an OpenAPI 3.1 document with every route of the route table', async () => {
    const result = await call('GET', '/openapi.json', { as: null });
    expect(result.status).toBe(200);
    expect(result.body.openapi).toBe('3.1.0');
    for (const route of routeList) {
      expect(result.body.paths[route.path]?.[route.method.toLowerCase()]).toMatchObject({ operationId: route.operationId });
    }
    const create = result.body.paths['/v1/customers'].post;
    expect(create.requestBody.content['application/json'].schema.properties.billingAddress.required).toEqual(
      expect.arrayContaining(['firstName', 'lastName', 'email']),
    );
    expect(create.parameters).toContainEqual(expect.objectContaining({ name: 'Idempotency-Key', in: 'header' }));
    expect(result.body.components.schemas.Customer.properties).toHaveProperty('customerNumber');
    expect(JSON.stringify(result.body)).not.toContain('#/$defs/');
  });
});
