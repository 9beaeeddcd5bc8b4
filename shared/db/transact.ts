import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { dynamo } from './client';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** One write of a transaction, named so a failed condition can be told apart from the others. */
export interface NamedWrite {
  readonly name: string;
  readonly write: TransactItem;
}

/** One or more conditions of the transaction did not hold; nothing was written. */
export class ConditionsFailedError extends Error {
  constructor(readonly failed: ReadonlySet<string>) {
    super(`Transaction conditions failed: ${[...failed].join(', ')}`);
    this.name = 'ConditionsFailedError';
  }
}

const MAX_CONFLICT_RETRIES = 4;

/**
 * Writes all or nothing. A condition that fails becomes `ConditionsFailedError` naming the
 * writes whose conditions failed; a conflict with another transaction in flight is retried
 * with jittered backoff (DynamoDB leaves that to the caller).
 */
export async function transactWrite(writes: readonly NamedWrite[], token?: string): Promise<void> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      await dynamo.send(
        new TransactWriteCommand({ TransactItems: writes.map((w) => w.write), ClientRequestToken: token }),
      );
      return;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      const failed = new Set<string>();
      reasons.forEach((reason, index) => {
        if (reason.Code === 'ConditionalCheckFailed') failed.add(writes[index]?.name ?? `#${index}`);
      });
      if (failed.size > 0) throw new ConditionsFailedError(failed);
      const conflicted = reasons.some((reason) => reason.Code === 'TransactionConflict');
      if (!conflicted || attempt >= MAX_CONFLICT_RETRIES) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 25 * 2 ** attempt));
    }
  }
}
