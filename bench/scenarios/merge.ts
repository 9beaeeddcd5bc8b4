import { marshall } from '@aws-sdk/util-dynamodb';
import { TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import type { BatchWriter } from '../batch-writer';
import { expectStatus, type BenchContext } from '../context';
import { ms, progress } from '../stats';

/**
 * Merge and undo of a person with 2 000 history items (orders, notes, credits, email logs and
 * change entries, ~500 B each) into another, through the API (sent again while it answers
 * 202, as a client does). The floor moves the same number of items with bare
 * TransactWriteItems of the same shape (each item put under the other person with a stub left
 * behind, 40 items a transaction, 3 in flight), measured in the same run. The target:
 * a merge within 5 s here.
 */
const KINDS = ['ORDER', 'NOTE', 'CREDIT', 'EMAIL', 'CHANGE'] as const;
const TYPES: Record<(typeof KINDS)[number], string> = { ORDER: 'order', NOTE: 'note', CREDIT: 'credit', EMAIL: 'email-log', CHANGE: 'change' };

function historyItems(tenantId: string, customerId: string, count: number) {
  const at = '2026-01-02T03:04:05.000Z';
  return Array.from({ length: count }, (_, n) => {
    const kind = KINDS[n % KINDS.length]!;
    const id = `01J${String(n).padStart(23, '0')}`;
    const pk = `T#${tenantId}#C#${customerId}`;
    return {
      pk, sk: `H#${kind}#${id}`, type: TYPES[kind], tenantId, customerId, id, version: 1, createdAt: at, updatedAt: at,
      updatedBy: { kind: 'staff', id: 'bench', name: 'Bench' }, body: 'x'.repeat(300),
      gsi3pk: `${pk}#TL`, gsi3sk: `${at}#${id}`, timeline: { at, type: 'note', summary: 'Bench item', refId: id },
    };
  });
}

export async function mergeScenario(ctx: BenchContext, writer: BatchWriter): Promise<void> {
  const { api, report, app } = ctx;
  const count = ctx.config.quick ? 200 : 2_000;
  const tenantId = `winery-merge-${Math.random().toString(36).slice(2, 6)}`;
  const person = async (name: string) => {
    const created = await api.call(tenantId, 'POST', '/v1/customers', { billingAddress: { firstName: name, lastName: 'Bench', email: `${name.toLowerCase()}@bench.example` }, sendWelcomeEmail: false });
    expectStatus(created, 201, 'create');
    return JSON.parse(created.body).id as string;
  };
  const survivor = await person('Survivor');
  const absorbed = await person('Absorbed');
  progress(`merge: seeding ${count} history items of the absorbed person`);
  await writer.put(historyItems(tenantId, absorbed, count).map((item) => marshall(item)));
  await writer.flush();

  const untilDone = async (send: () => Promise<{ status: number; body: string }>, what: string) => {
    for (let n = 0; n < 30; n += 1) {
      const response = await send();
      if (response.status !== 202) return expectStatus(response, 200, what);
    }
    throw new Error(`${what} did not finish`);
  };
  progress('merge: merging');
  const mergeStarted = performance.now();
  await untilDone(() => api.call(tenantId, 'POST', `/v1/customers/${survivor}/merge`, { absorbedId: absorbed }), 'merge');
  const mergeMs = performance.now() - mergeStarted;
  const merges = JSON.parse((await api.call(tenantId, 'GET', `/v1/customers/${survivor}/merges`)).body).items as { id: string }[];
  progress('merge: undoing');
  const undoStarted = performance.now();
  await untilDone(() => api.call(tenantId, 'POST', `/v1/merges/${merges[0]!.id}/undo`), 'undo');
  const undoMs = performance.now() - undoStarted;

  // The floor: the same moves, bare.
  const floorTenant = `${tenantId}-floor`;
  await writer.put(historyItems(floorTenant, 'from', count).map((item) => marshall(item)));
  await writer.flush();
  const items = historyItems(floorTenant, 'from', count);
  const chunks: (typeof items)[] = [];
  for (let i = 0; i < items.length; i += 40) chunks.push(items.slice(i, i + 40));
  const floorStarted = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 3 }, async () => {
      for (let c = next++; c < chunks.length; c = next++) {
        await app.client.dynamoClient.send(
          new TransactWriteItemsCommand({
            TransactItems: chunks[c]!.flatMap((item) => [
              { Put: { TableName: ctx.tableName, Item: marshall({ ...item, pk: `T#${floorTenant}#C#to`, customerId: 'to' }), ConditionExpression: 'attribute_not_exists(pk)' } },
              {
                Put: {
                  TableName: ctx.tableName,
                  Item: marshall({ pk: item.pk, sk: item.sk, type: 'moved', movedTo: 'to' }),
                  ConditionExpression: '#v = :v',
                  ExpressionAttributeNames: { '#v': 'version' },
                  ExpressionAttributeValues: marshall({ ':v': 1 }),
                },
              },
            ]),
          }),
        );
      }
    }),
  );
  const floorMs = performance.now() - floorStarted;

  const table = report.table(`Merge and undo: a person with ${count} history items`, ['what', 'time', 'floor (bare moves)', 'ratio', 'target', '']);
  table.rows.push([
    `POST /v1/customers/{id}/merge (${api.label})`,
    `${ms(mergeMs)} ms`,
    `${ms(floorMs)} ms`,
    `${(mergeMs / floorMs).toFixed(2)}×`,
    '≤ 5 s',
    report.verdict(mergeMs <= 5_000, `merge of ${count} items took ${ms(mergeMs)} ms`),
  ]);
  table.rows.push([`POST /v1/merges/{id}/undo (${api.label})`, `${ms(undoMs)} ms`, `${ms(floorMs)} ms`, `${(undoMs / floorMs).toFixed(2)}×`, '(reported)', '–']);
}
