import { describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { BatchWriteCommand, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../../shared/db/client';
import { newId } from '../../shared/ids';
import { call, newTenant } from '../support/invoke';
import { createPerson } from '../support/factories/people';

/**
 * A merge killed at any point (kill -9 of the process running it) and sent again finishes, with
 * no item lost and none on both people. The process is really killed: a child process runs the
 * merge against the same DynamoDB Local, and the test kills it when the merge reaches a point
 * it watches for in the table (the locks taken, the profiles merged, part of the items moved).
 */
const tenantId = newTenant('merge-crash');
const staffer = { tenantId, role: 'staff' as const, sub: 'staff-4', name: 'Noa Nine' };
const NOTES = 600;

const pk = (customerId: string) => `T#${tenantId}#C#${customerId}`;

/** Seeds `count` notes straight into the person's partition (what the API would write, on their timeline). */
async function seedNotes(customerId: string, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, () => newId());
  const at = new Date().toISOString();
  for (let i = 0; i < ids.length; i += 25) {
    await dynamo.send(
      new BatchWriteCommand({
        RequestItems: {
          [tableName]: ids.slice(i, i + 25).map((id) => ({
            PutRequest: {
              Item: {
                pk: pk(customerId), sk: `H#NOTE#${id}`, type: 'note', tenantId, customerId, id, body: `note ${id}`,
                author: { kind: 'staff', id: 'seed', name: 'Seed' }, version: 1, createdAt: at, updatedAt: at,
                updatedBy: { kind: 'staff', id: 'seed', name: 'Seed' },
                gsi3pk: `${pk(customerId)}#TL`, gsi3sk: `${at}#${id}`, timeline: { at, type: 'note', summary: 'note', refId: id },
              },
            },
          })),
        },
      }),
    );
  }
  return ids;
}

async function noteIdsUnder(customerId: string): Promise<string[]> {
  const ids: string[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :notes)',
        ExpressionAttributeValues: { ':pk': pk(customerId), ':notes': 'H#NOTE#' },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    ids.push(...(page.Items ?? []).filter((item) => item.type === 'note').map((item) => item.id as string));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return ids;
}

const exists = async (customerId: string, sk: string) =>
  !!(await dynamo.send(new GetCommand({ TableName: tableName, Key: { pk: pk(customerId), sk }, ConsistentRead: true }))).Item;

/** Starts the merge in a child process and kill -9s it once `reached` holds (polled), or when it ends by itself. */
async function mergeKilledWhen(survivorId: string, absorbedId: string, reached: () => Promise<boolean>): Promise<'killed' | 'finished'> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/merge-child.ts', tenantId, survivorId, absorbedId], {
    env: process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));
  const deadline = Date.now() + 60_000;
  while (!exited && Date.now() < deadline) {
    if (await reached()) {
      child.kill('SIGKILL');
      await exit;
      return 'killed';
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  await exit;
  return 'finished';
}

/** Every note of both people is under the survivor exactly once, and none is left under the absorbed person. */
async function expectAllMovedOnce(survivorNotes: string[], absorbedNotes: string[], survivorId: string, absorbedId: string) {
  const under = await noteIdsUnder(survivorId);
  expect(under).toHaveLength(new Set(under).size);
  expect(new Set(under)).toEqual(new Set([...survivorNotes, ...absorbedNotes]));
  expect(await noteIdsUnder(absorbedId)).toEqual([]);
}

/**
 * After the kill: each of the absorbed person's notes is under exactly one of the two. A request
 * the child sent just before it died can still be applied by DynamoDB Local after the kill, and a
 * read of both people racing it sees its notes on neither: the table is read until two reads
 * 200 ms apart agree, then checked (a note really lost would stay lost).
 */
async function expectNoneOnBoth(absorbedNotes: string[], survivorId: string, absorbedId: string) {
  const read = async () => {
    const [moved, left] = await Promise.all([noteIdsUnder(survivorId), noteIdsUnder(absorbedId)]);
    return [...moved.filter((id) => absorbedNotes.includes(id)), ...left].sort();
  };
  let seen = await read();
  for (let tries = 0; tries < 20; tries += 1) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const again = await read();
    if (JSON.stringify(again) === JSON.stringify(seen)) break;
    seen = again;
  }
  expect(seen).toEqual([...absorbedNotes].sort());
}

describe('A merge killed with kill -9 and sent again', () => {
  const points: [string, (survivorId: string, absorbedId: string) => Promise<boolean>][] = [
    ['once the locks are taken', (_s, absorbedId) => exists(absorbedId, 'LOCK')],
    ['once the profiles are merged', (_s, absorbedId) => exists(absorbedId, 'P#MERGED')],
    ['with part of the items moved', async (survivorId) => (await noteIdsUnder(survivorId)).length > 20 + NOTES / 3],
  ];

  it.each(points)('finishes when killed %s, with nothing lost and nothing on both people', async (_point, reached) => {
    const survivor = await createPerson(staffer);
    const absorbed = await createPerson(staffer);
    const survivorNotes = await seedNotes(survivor.id, 20);
    const absorbedNotes = await seedNotes(absorbed.id, NOTES);

    const run = await mergeKilledWhen(survivor.id, absorbed.id, () => reached(survivor.id, absorbed.id));
    await expectNoneOnBoth(absorbedNotes, survivor.id, absorbed.id);

    // Sent again (and again while it answers 202: a loaded machine can outlast one request's budget).
    let again = await call('POST', `/v1/customers/${survivor.id}/merge`, { as: staffer, body: { absorbedId: absorbed.id } });
    for (let tries = 0; again.status === 202 && tries < 10; tries += 1) {
      again = await call('POST', `/v1/customers/${survivor.id}/merge`, { as: staffer, body: { absorbedId: absorbed.id } });
    }
    // A child that finished before the point was seen leaves the merge done: sending it again is then a 409.
    expect(again.status).toBe(run === 'killed' ? 200 : 409);
    await expectAllMovedOnce(survivorNotes, absorbedNotes, survivor.id, absorbed.id);
    expect((await call('GET', `/v1/customers/${absorbed.id}`, { as: staffer })).status).toBe(410);
    expect(await exists(survivor.id, 'LOCK')).toBe(false);
    const notes = await call('GET', `/v1/customers/${survivor.id}/notes?limit=100`, { as: staffer });
    expect(notes.body.items).toHaveLength(100);
  });
});
