import { describe, expect, it } from '@jest/globals';
import type { DynamoDBRecord } from 'aws-lambda';
import { streamHandler, type StreamChange } from '../../shared/streams/stream-handler';

/** A record of item `key` (of sort key `sk`), with its sequence number. */
function record(key: string, sequence: number, sk = 'P#PROFILE'): DynamoDBRecord {
  return {
    eventID: `e${sequence}`,
    eventName: 'MODIFY',
    dynamodb: { Keys: { pk: { S: key }, sk: { S: sk } }, NewImage: { pk: { S: key }, n: { N: String(sequence) } }, SequenceNumber: String(sequence) },
  };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('Function: streamHandler', () => {
  it("applies different items' records at once, and each item's records in stream order", async () => {
    const log: string[] = [];
    let inFlight = 0;
    let mostInFlight = 0;
    const apply = async (change: StreamChange) => {
      inFlight += 1;
      mostInFlight = Math.max(mostInFlight, inFlight);
      await tick();
      log.push(`${change.newItem!.pk}:${change.newItem!.n}`);
      inFlight -= 1;
    };
    // customer-listing takes 4 items at once (the consumer table).
    const handler = streamHandler('customer-listing', apply);
    const records = [record('a', 1), record('b', 2), record('a', 3), record('c', 4), record('a', 5), record('b', 6)];
    expect(await handler({ Records: records })).toEqual({ batchItemFailures: [] });
    expect(mostInFlight).toBe(3);
    expect(log.filter((entry) => entry.startsWith('a:'))).toEqual(['a:1', 'a:3', 'a:5']);
    expect(log.filter((entry) => entry.startsWith('b:'))).toEqual(['b:2', 'b:6']);
  });

  it("reports a failed record with its item's later records, unapplied, and goes on with the other items", async () => {
    const applied: string[] = [];
    const handler = streamHandler('customer-listing', async (change) => {
      if (change.newItem!.n === 3) throw new Error('boom');
      applied.push(`${change.newItem!.pk}:${change.newItem!.n}`);
    });
    const response = await handler({ Records: [record('a', 1), record('b', 2), record('a', 3), record('b', 4), record('a', 5)] });
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: '3' }, { itemIdentifier: '5' }]);
    expect(applied.sort()).toEqual(['a:1', 'b:2', 'b:4']);
  });

  it('takes one item at a time where the table says so (the counts meet on shared counters)', async () => {
    let inFlight = 0;
    let mostInFlight = 0;
    const handler = streamHandler('people-counts', async () => {
      inFlight += 1;
      mostInFlight = Math.max(mostInFlight, inFlight);
      await tick();
      inFlight -= 1;
    });
    await handler({ Records: [record('a', 1), record('b', 2), record('c', 3)] });
    expect(mostInFlight).toBe(1);
  });

  it("applies a partition's records one after another when the consumer asks (a person's orders all move one profile)", async () => {
    const log: string[] = [];
    const inFlight = new Set<string>();
    let overlapped = false;
    const handler = streamHandler(
      'person-stats',
      async (change) => {
        const partition = String(change.newItem!.pk);
        if (inFlight.has(partition)) overlapped = true;
        inFlight.add(partition);
        await tick();
        log.push(`${partition}:${change.newItem!.n}`);
        inFlight.delete(partition);
      },
      { inOrder: 'partition' },
    );
    const records = [record('a', 1, 'H#ORDER#1'), record('a', 2, 'H#ORDER#2'), record('b', 3, 'H#ORDER#3'), record('a', 4, 'H#ORDER#1')];
    expect(await handler({ Records: records })).toEqual({ batchItemFailures: [] });
    expect(overlapped).toBe(false);
    expect(log.filter((entry) => entry.startsWith('a:'))).toEqual(['a:1', 'a:2', 'a:4']);
  });
});
