import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { outboundNetwork as providerNetwork } from '../../shared/outbound/public-address';
import { call, newTenant } from '../support/invoke';
import { newPersonBody } from '../support/factories/people';

/**
 * The attack: an admin points `settings.ageVerification.endpoint` at a service inside the
 * network (`http://127.0.0.1:<port>/`); the service posts a person's identity there, and the
 * 502 tells what the target answered — a port scanner. Everything here stays on 127.0.0.1.
 */
const tenantId = newTenant('guard');
const admin = { tenantId, role: 'admin' as const, sub: 'admin-3', name: 'Alice Admin' };

let server: Server;
let port: number;
const received: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    received.push(`${req.method} ${req.url}`);
    res.writeHead(418).end('internal secrets');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function useEndpoint(endpoint: string) {
  const settings = await call('GET', '/v1/settings', { as: admin });
  return call('PUT', '/v1/settings', { as: admin, body: { ...settings.body, ageVerification: { minimumAge: 21, provider: 'http', endpoint } } });
}

async function verifyElectronically() {
  const person = await call('POST', '/v1/customers', { as: admin, body: newPersonBody({ birthDate: '1970-01-01' }) });
  return call('POST', `/v1/customers/${person.body.id}/age-verification`, { as: admin, body: { method: 'electronic' } });
}

describe('Age-verification endpoint', () => {
  it('must be https: settings refuse http://127.0.0.1 with a 400 naming the field, and keep the old value', async () => {
    const before = await call('GET', '/v1/settings', { as: admin });
    const refused = await useEndpoint(`http://127.0.0.1:${port}/`);
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([{ path: 'ageVerification.endpoint', message: expect.any(String) }]);
    expect((await call('GET', '/v1/settings', { as: admin })).body).toEqual(before.body);
  });

  it.each(['https://127.0.0.1:PORT/', 'https://localhost:PORT/verify', 'https://[::ffff:127.0.0.1]:PORT/', 'https://169.254.169.254/latest/meta-data/'])(
    'is never called when it is inside the network (%s): 502, nothing sent, nothing recorded',
    async (template) => {
      expect((await useEndpoint(template.replace('PORT', String(port)))).status).toBe(200);
      const result = await verifyElectronically();
      expect(result.status).toBe(502);
      expect(result.body.detail).toBe('The age-verification provider could not be reached or gave no usable answer.');
      expect(received).toEqual([]);
    },
  );

  it('gives one answer whatever a provider answered, so it cannot map what is behind it', async () => {
    expect((await useEndpoint('https://93.184.215.14/verify')).status).toBe(200);
    const realPost = providerNetwork.post;
    const details: string[] = [];
    try {
      for (const status of [401, 404, 418]) {
        providerNetwork.post = async () => ({ status, text: `{"status":"nope","server":"internal ${status}"}` });
        details.push((await verifyElectronically()).body.detail);
      }
      providerNetwork.post = async () => ({ status: 200, text: 'not json at all' });
      details.push((await verifyElectronically()).body.detail);
    } finally {
      providerNetwork.post = realPost;
    }
    expect(new Set(details)).toEqual(new Set(['The age-verification provider could not be reached or gave no usable answer.']));
  });
});
