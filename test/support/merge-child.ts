import { mergePeople } from '../../shared/merge/merge-repository';

/**
 * A process that runs one merge, for the test that kills it (kill -9) at chosen points and
 * sends the merge again: `node --import tsx test/support/merge-child.ts <tenant> <survivor> <absorbed>`
 * against the DynamoDB Local of `DYNAMODB_ENDPOINT`. It prints `done` when the merge finished.
 */
const [tenantId, survivorId, absorbedId] = process.argv.slice(2) as [string, string, string];
const outcome = await mergePeople(tenantId, survivorId, absorbedId, { kind: 'staff', id: 'staff-kill', name: 'Kim Killed' });
process.stdout.write(outcome.done ? 'done\n' : `unfinished ${outcome.state}\n`);
