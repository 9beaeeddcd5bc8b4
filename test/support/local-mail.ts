import { afterAll, beforeAll } from '@jest/globals';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { freePort } from '../../infra/local/dynamodb-local';
import { startLocalSes, type LocalSes } from '../../infra/local/ses';
import { consumerRecords } from './streams';

/** A sent email as the local SES keeps it. */
export interface StoredMail {
  messageId: string;
  from: string;
  destination: { to: string[] };
  subject: string;
  body: { text?: string; html?: string };
}

/**
 * A local SES for one test file (started before its tests, stopped after), and a way to read
 * what was sent to an address. Emails come from the `notifications` consumer: `sendEmails`
 * delivers it the tenant's records DynamoDB Local's stream holds so far (each record once:
 * the consumer sends nothing twice).
 */
export function localMail() {
  let ses: LocalSes | undefined;
  beforeAll(async () => {
    ses = await startLocalSes({ port: await freePort() });
    process.env.SES_ENDPOINT = ses.url;
  });
  afterAll(async () => {
    await ses?.stop();
  });

  async function mailTo(address: string): Promise<StoredMail[]> {
    const store = (await (await fetch(`${ses!.url}/store`)).json()) as { emails: StoredMail[] };
    return store.emails.filter((mail) => mail.destination.to.includes(address));
  }

  async function sendEmails(tenantId: string): Promise<void> {
    const { handler } = await import('../../functions/streams/notifications');
    const result = await handler({ Records: await consumerRecords('notifications', tenantId) } as DynamoDBStreamEvent);
    if (result.batchItemFailures.length > 0) throw new Error(`notifications failed: ${JSON.stringify(result.batchItemFailures)}`);
  }

  return { mailTo, sendEmails };
}
