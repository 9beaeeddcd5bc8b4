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
 *   tally                                                  →  tally <JSON: the process's CPU ms and the prober's searches so far; per consumer, invocations, records, time invoked, DynamoDB requests by command>
 *   stop                                                   (stops the poller and exits)
 *
 * Started by the import scenario with the bench's environment (table, endpoint, secrets):
 * `tsx bench/consumers-process.ts <endpoint> <tableName> <checkpointFile> <deadLetterFile> [<consumer,…>]`.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createInterface } from 'node:readline';
import type { Context, DynamoDBStreamEvent } from 'aws-lambda';
import { openInProcess } from './api';
import { loadApp } from './app';

const [endpoint, tableName, checkpointFile, deadLetterFile, names] = process.argv.slice(2) as [string, string, string, string, string | undefined];
const { startStreamPoller } = await import('../infra/local/stream-poller');
const { consumers: consumerTable } = await import('../shared/streams/consumers');
const { loadFunctionHandler } = await import('../infra/local/lambda-runtime');
const consumers = names ? consumerTable.filter((consumer) => names.split(',').includes(consumer.name)) : consumerTable;
const app = await loadApp();

/** What each consumer did: its invocations, the records they carried, its DynamoDB requests by command. */
interface ConsumerTally {
  invocations: number;
  records: number;
  requests: Record<string, number>;
  /** Time spent in its invocations, summed. */
  invokedMs: number;
}
const tally = new Map<string, ConsumerTally>();
const invoking = new AsyncLocalStorage<ConsumerTally>();
app.client.dynamoClient.middlewareStack.add(
  (next, context) => async (args) => {
    const consumer = invoking.getStore();
    if (consumer) {
      const command = (context.commandName ?? 'unknown').replace(/Command$/, '');
      consumer.requests[command] = (consumer.requests[command] ?? 0) + 1;
    }
    return next(args);
  },
  { step: 'initialize', name: 'benchConsumerRequests' },
);
const loadConsumer = async (name: string) => {
  const handler = await loadFunctionHandler('streams', name);
  const counts = tally.get(name) ?? { invocations: 0, records: 0, requests: {}, invokedMs: 0 };
  tally.set(name, counts);
  return async (event: DynamoDBStreamEvent, context: Context) => {
    counts.invocations += 1;
    counts.records += event.Records.length;
    const started = performance.now();
    try {
      return await invoking.run(counts, () => handler(event as never, context));
    } finally {
      counts.invokedMs += performance.now() - started;
    }
  };
};

const poller = await startStreamPoller({ consumers, endpoint, tableName, checkpointFile, deadLetterFile, loadConsumer, log: (line) => process.stderr.write(`[poller] ${line}\n`) });
const api = await openInProcess(app);
// The search handler loaded before the import starts, as a warm function would be.
await api.call('bench-warm-up', 'GET', '/v1/customers?q=warm');
process.stdout.write('ready\n');

const pending: { tenantId: string; number: number; answeredAt: number }[] = [];
let probing = false;
let searches = 0;
/**
 * Searches for the pending people (their number, exactly), oldest first, every 50 ms: the oldest
 * until found, then at once the next. The listing is written in stream order, so someone newer is
 * not listed before them (or, from the other batch in flight, is found a search later); searching
 * for everyone pending every 50 ms was itself a load of a hundred searches a second on the table.
 */
async function probe(): Promise<void> {
  if (probing) return;
  probing = true;
  try {
    while (pending.length > 0) {
      const wanted = pending[0]!;
      searches += 1;
      const response = await api.call(wanted.tenantId, 'GET', `/v1/customers?q=${wanted.number}`);
      const items = (JSON.parse(response.body) as { items?: { customerNumber: number }[] }).items ?? [];
      if (items.some((item) => item.customerNumber === wanted.number)) {
        process.stdout.write(`found ${wanted.number} ${Date.now() - wanted.answeredAt}\n`);
        pending.shift();
      } else {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
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
  } else if (command === 'tally') {
    const { user, system } = process.cpuUsage();
    process.stdout.write(`tally ${JSON.stringify({ cpuMs: (user + system) / 1000, searches, consumers: Object.fromEntries(tally) })}\n`);
  } else if (command === 'stop') {
    break;
  }
}
await poller.stop();
await api.close();
process.exit(0);
