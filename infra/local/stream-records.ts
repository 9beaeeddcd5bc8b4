import type { AttributeValue as SdkAttributeValue, _Record as SdkStreamRecord } from '@aws-sdk/client-dynamodb-streams';
import type { AttributeValue, DynamoDBRecord } from 'aws-lambda';

/**
 * The pure half of the local poller: DynamoDB Streams records as the SDK returns them, turned
 * into the records Lambda hands a consumer, and a consumer's answer read the way Lambda reads it
 * with `ReportBatchItemFailures`.
 */

type Image = Record<string, AttributeValue>;

/** Where the records come from; Lambda stamps both on every record. */
export interface RecordSource {
  /** The stream ARN (Lambda's `eventSourceARN`). */
  readonly streamArn: string;
  /** DynamoDB Local says `ddblocal`; Lambda says the function's region. */
  readonly region: string;
}

/**
 * One SDK stream record as Lambda delivers it: epoch-seconds `ApproximateCreationDateTime`
 * (the SDK parses it into a Date), binary attributes as base64 strings (the SDK gives bytes),
 * the region of the function and the stream ARN. Fields Lambda would not send are left out.
 */
export function toLambdaRecord(record: SdkStreamRecord, source: RecordSource): DynamoDBRecord {
  const stream = record.dynamodb ?? {};
  const dynamodb: NonNullable<DynamoDBRecord['dynamodb']> = {};
  if (stream.ApproximateCreationDateTime) {
    dynamodb.ApproximateCreationDateTime = Math.floor(stream.ApproximateCreationDateTime.getTime() / 1000);
  }
  if (stream.Keys) dynamodb.Keys = toLambdaImage(stream.Keys);
  if (stream.NewImage) dynamodb.NewImage = toLambdaImage(stream.NewImage);
  if (stream.OldImage) dynamodb.OldImage = toLambdaImage(stream.OldImage);
  if (stream.SequenceNumber !== undefined) dynamodb.SequenceNumber = stream.SequenceNumber;
  if (stream.SizeBytes !== undefined) dynamodb.SizeBytes = stream.SizeBytes;
  if (stream.StreamViewType !== undefined) dynamodb.StreamViewType = stream.StreamViewType;

  return {
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion ?? '1.1',
    eventSource: record.eventSource ?? 'aws:dynamodb',
    awsRegion: source.region,
    dynamodb,
    eventSourceARN: source.streamArn,
    // Only TTL deletions carry an identity (`Service` / `dynamodb.amazonaws.com`).
    ...(record.userIdentity ? { userIdentity: { type: record.userIdentity.Type, principalId: record.userIdentity.PrincipalId } } : {}),
  };
}

export function toLambdaImage(image: Record<string, SdkAttributeValue>): Image {
  return Object.fromEntries(Object.entries(image).map(([name, value]) => [name, toLambdaAttribute(value)]));
}

const base64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

function toLambdaAttribute(value: SdkAttributeValue): AttributeValue {
  if (value.S !== undefined) return { S: value.S };
  if (value.N !== undefined) return { N: value.N };
  if (value.BOOL !== undefined) return { BOOL: value.BOOL };
  if (value.NULL !== undefined) return { NULL: value.NULL };
  if (value.B !== undefined) return { B: base64(value.B) };
  if (value.SS !== undefined) return { SS: value.SS };
  if (value.NS !== undefined) return { NS: value.NS };
  if (value.BS !== undefined) return { BS: value.BS.map(base64) };
  if (value.L !== undefined) return { L: value.L.map(toLambdaAttribute) };
  if (value.M !== undefined) return { M: toLambdaImage(value.M) };
  throw new Error(`Unknown DynamoDB attribute type: ${Object.keys(value).join(', ')}`);
}

/** Sequence numbers are decimal strings of varying length: compare them as numbers. */
export function compareSequenceNumbers(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function sequenceNumberOf(record: DynamoDBRecord): string {
  const sequenceNumber = record.dynamodb?.SequenceNumber;
  if (sequenceNumber === undefined) throw new Error(`Stream record ${record.eventID ?? '?'} has no sequence number`);
  return sequenceNumber;
}

/** What Lambda makes of a consumer's answer. */
export type BatchOutcome =
  | { readonly kind: 'success' }
  /** Everything before `failedSequenceNumber` is done; Lambda retries from that record on. */
  | { readonly kind: 'partial'; readonly failedSequenceNumber: string }
  /** The whole batch failed (an invalid answer counts as one). */
  | { readonly kind: 'failure'; readonly reason: string };

/**
 * Reads a consumer's answer as Lambda does with `ReportBatchItemFailures`: no answer, no
 * `batchItemFailures` or an empty list is success; the lowest failed sequence number is the
 * checkpoint; an item identifier that is empty, not a string or not in the batch fails the
 * whole batch.
 */
export function interpretBatchResponse(response: unknown, batch: readonly DynamoDBRecord[]): BatchOutcome {
  if (typeof response !== 'object' || response === null) return { kind: 'success' };
  const failures = (response as { batchItemFailures?: unknown }).batchItemFailures;
  if (failures === undefined || failures === null) return { kind: 'success' };
  if (!Array.isArray(failures)) return { kind: 'failure', reason: 'batchItemFailures is not a list' };
  if (failures.length === 0) return { kind: 'success' };

  const inBatch = new Set(batch.map(sequenceNumberOf));
  const failed: string[] = [];
  for (const failure of failures as unknown[]) {
    const id = typeof failure === 'object' && failure !== null ? (failure as { itemIdentifier?: unknown }).itemIdentifier : undefined;
    if (typeof id !== 'string' || id === '' || !inBatch.has(id)) {
      return { kind: 'failure', reason: `invalid itemIdentifier ${JSON.stringify(id ?? null)}` };
    }
    failed.push(id);
  }
  const lowest = failed.reduce((a, b) => (compareSequenceNumbers(a, b) <= 0 ? a : b));
  return { kind: 'partial', failedSequenceNumber: lowest };
}
