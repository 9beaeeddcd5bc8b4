/**
 * The stream consumers in a process of their own while the bench imports, as in AWS (where they
 * are other Lambda functions, never the import's CPU or event loop): the local poller for the
 * consumers named (all by default) from the checkpoint file given, and a prober that searches
 * for an imported person until the listing finds them. Commands on stdin, one a line; answers on
 * stdout:
 *
 *   (on start)                                             →  ready
 *   probe <tenantId> <customerNumber> <answered epoch ms>  →  found <customerNumber> <ms from the answer to found>
 *   drain                                                  →  drained <epoch ms>   (every consumer caught up)
 *   stop                                                   (stops the poller and exits)
 *
 * Started by the import scenario with the bench's environment (table, endpoint, secrets):
 * `tsx bench/consumers-process.ts <endpoint> <tableName> <checkpointFile> <deadLetterFile> [<consumer,…>]`.
 */
import { createInterface } from 'node:readline';
import { openInProcess } from './api';
import { loadApp } from './app';

const [endpoint, tableName, checkpointFile, deadLetterFile, names] = process.argv.slice(2) as [string, string, string, string, string | undefined];
const { startStreamPoller } = await import('../infra/local/stream-poller');
const { consumers: consumerTable } = await import('../shared/streams/consumers');
const consumers = names ? consumerTable.filter((consumer) => names.split(',').includes(consumer.name)) : consumerTable;
const poller = await startStreamPoller({ consumers, endpoint, tableName, checkpointFile, deadLetterFile, log: (line) => process.stderr.write(`[poller] ${line}\n`) });
const api = await openInProcess(await loadApp());
// The search handler loaded before the import starts, as a warm function would be.
await api.call('bench-warm-up', 'GET', '/v1/customers?q=warm');
process.stdout.write('ready\n');

const pending: { tenantId: string; number: number; answeredAt: number }[] = [];
let probing = false;
/** Searches for each pending person in turn (their number, exactly), oldest first, until found. */
async function probe(): Promise<void> {
  if (probing) return;
  probing = true;
  try {
    while (pending.length > 0) {
      for (const wanted of [...pending]) {
        const response = await api.call(wanted.tenantId, 'GET', `/v1/customers?q=${wanted.number}`);
        const items = (JSON.parse(response.body) as { items?: { customerNumber: number }[] }).items ?? [];
        if (items.some((item) => item.customerNumber === wanted.number)) {
          process.stdout.write(`found ${wanted.number} ${Date.now() - wanted.answeredAt}\n`);
          pending.splice(pending.indexOf(wanted), 1);
        }
      }
      if (pending.length > 0) await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    probing = false;
  }
}

for await (const line of createInterface({ input: process.stdin })) {
  const [command, ...args] = line.split(' ');
  if (command === 'probe') {
    pending.push({ tenantId: args[0]!, number: Number(args[1]), answeredAt: Number(args[2]) });
    void probe();
  } else if (command === 'drain') {
    await poller.drain({ timeoutMs: 3_600_000 });
    process.stdout.write(`drained ${Date.now()}\n`);
  } else if (command === 'stop') {
    break;
  }
}
await poller.stop();
await api.close();
process.exit(0);
