/**
 * A reader in a process of its own, as another Lambda would be in AWS (where the import's
 * function never shares a CPU or an event loop with the console's reads): `GET
 * /v1/customers/{id}` through the in-process handler, in a loop, one line `<epoch ms> <latency
 * ms>` a read on stdout, until its stdin closes. Started by the import scenario with the bench's
 * environment (table, endpoint, secrets): `tsx bench/profile-reader.ts <tenantId> <customerId>`.
 */
import { openInProcess } from './api';
import { loadApp } from './app';

const [tenantId, customerId] = process.argv.slice(2) as [string, string];
const api = await openInProcess(await loadApp());
let reading = true;
process.stdin.on('end', () => (reading = false)).resume();
while (reading) {
  const started = performance.now();
  const response = await api.call(tenantId, 'GET', `/v1/customers/${customerId}`);
  if (response.status !== 200) throw new Error(`GET /v1/customers/{id} answered ${response.status}`);
  process.stdout.write(`${Date.now()} ${(performance.now() - started).toFixed(3)}\n`);
}
