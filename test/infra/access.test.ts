import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import esbuild from 'esbuild';
import { apiFunctionNames } from '../../shared/http/routes';
import { jobs } from '../../shared/jobs/jobs';
import { consumers } from '../../shared/streams/consumers';
import { apiAccess, consumerAccess, eventAccess, type FunctionAccess, jobAccess, queueAccess } from '../../infra/cdk/access';
import { type FunctionKind, repositoryRoot } from '../../infra/cdk/functions';

/**
 * DynamoDB Local enforces no IAM, so a permission missing from `access.ts` would pass every
 * other test and fail in AWS with AccessDenied. This reads what each function's code can send:
 * its entry bundled by esbuild (tree-shaken, so only code the function can reach; packages left
 * out so only our own code is read), then the SDK commands and transaction parts in it.
 */
const commandActions: Record<string, string[]> = {
  GetCommand: ['dynamodb:GetItem'],
  GetItemCommand: ['dynamodb:GetItem'],
  PutCommand: ['dynamodb:PutItem'],
  PutItemCommand: ['dynamodb:PutItem'],
  UpdateCommand: ['dynamodb:UpdateItem'],
  UpdateItemCommand: ['dynamodb:UpdateItem'],
  DeleteCommand: ['dynamodb:DeleteItem'],
  DeleteItemCommand: ['dynamodb:DeleteItem'],
  QueryCommand: ['dynamodb:Query'],
  ScanCommand: ['dynamodb:Scan'],
  BatchGetCommand: ['dynamodb:BatchGetItem'],
  BatchGetItemCommand: ['dynamodb:BatchGetItem'],
  BatchWriteCommand: ['dynamodb:BatchWriteItem'],
  BatchWriteItemCommand: ['dynamodb:BatchWriteItem'],
  // Transactions have no action of their own; their parts are read below.
  TransactWriteCommand: [],
  TransactWriteItemsCommand: [],
  TransactGetCommand: [],
  TransactGetItemsCommand: [],
};
const transactionParts: Record<string, string> = {
  Put: 'dynamodb:PutItem',
  Update: 'dynamodb:UpdateItem',
  Delete: 'dynamodb:DeleteItem',
  ConditionCheck: 'dynamodb:ConditionCheckItem',
  Get: 'dynamodb:GetItem',
};

interface CodeUse {
  table: string[];
  secrets: string[];
  sendsEmail: boolean;
  sendsToQueues: boolean;
}

async function whatTheCodeUses(kind: FunctionKind, name: string): Promise<CodeUse> {
  const result = await esbuild.build({
    entryPoints: [join(repositoryRoot, 'functions', kind, `${name}.ts`)],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.text;
  const table = new Set<string>();
  for (const [, command] of code.matchAll(/new ([A-Za-z]+Command)\d*\(/g)) {
    for (const action of commandActions[command!] ?? []) table.add(action);
  }
  if (/new Transact[A-Za-z]*Command\d*\(/.test(code)) {
    // A part is an object literal (`Put: {`) or built by a helper (`Put: newItemPut(item)`).
    for (const [, part] of code.matchAll(/\b(Put|Update|Delete|ConditionCheck|Get): (?:\{|[A-Za-z]\w*\()/g)) table.add(transactionParts[part!]!);
  }
  return {
    table: [...table].sort(),
    secrets: [...new Set([...code.matchAll(/\bsecret\("([A-Z_]+)"\)/g)].map(([, secret]) => secret!))].sort(),
    sendsEmail: /new SendEmailCommand\d*\(/.test(code),
    sendsToQueues: /new SendMessageCommand\d*\(/.test(code),
  };
}

const declared = (access: FunctionAccess): CodeUse => ({
  table: [...access.table].sort(),
  secrets: [...(access.secrets ?? [])].sort(),
  sendsEmail: access.sendsEmail ?? false,
  sendsToQueues: access.webhookQueues !== undefined,
});

const functions: { kind: FunctionKind; name: string; access: FunctionAccess | undefined }[] = [
  ...apiFunctionNames.map((name) => ({ kind: 'api' as const, name, access: apiAccess[name] })),
  ...consumers.map(({ name }) => ({ kind: 'streams' as const, name, access: consumerAccess[name] })),
  ...jobs.map(({ name }) => ({ kind: 'jobs' as const, name, access: jobAccess[name] })),
  ...Object.entries(eventAccess).map(([name, access]) => ({ kind: 'events' as const, name, access })),
  ...Object.entries(queueAccess).map(([name, access]) => ({ kind: 'queues' as const, name, access })),
];

describe('Declared access (infra/cdk/access.ts)', () => {
  it.each(functions)('grants $kind/$name exactly what its code calls', async ({ kind, name, access }) => {
    const used = await whatTheCodeUses(kind, name);
    expect({ fn: `${kind}/${name}`, access: access && declared(access) }).toEqual({ fn: `${kind}/${name}`, access: used });
  });

  it('declares no function that the tables do not list', () => {
    const listed = (names: readonly string[], declarations: Readonly<Record<string, FunctionAccess>>) =>
      Object.keys(declarations).filter((name) => !names.includes(name));
    expect(listed(consumers.map((c) => c.name), consumerAccess)).toEqual([]);
    expect(listed(jobs.map((j) => j.name), jobAccess)).toEqual([]);
  });
});
