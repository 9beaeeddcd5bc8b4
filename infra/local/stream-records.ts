import {
  DynamoDBStreamsServiceException,
  ExpiredIteratorException,
  ResourceNotFoundException,
  TrimmedDataAccessException,
} from '@aws-sdk/client-dynamodb-streams';
import type { AttributeValue, DynamoDBRecord } from 'aws-lambda';

/**
 * The pure half of the local poller: DynamoDB Streams records as the Streams API's JSON has them,
 * turned into the records Lambda hands a consumer, and a consumer's answer read the way Lambda
 * reads it with `ReportBatchItemFailures`.
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
 * A record of a GetRecords answer as its JSON has it: attribute values already as Lambda's
 * (binary as base64), `ApproximateCreationDateTime` in epoch seconds.
 */
export interface WireStreamRecord {
  readonly eventID?: string;
  readonly eventName?: 'INSERT' | 'MODIFY' | 'REMOVE';
  readonly eventVersion?: string;
  readonly eventSource?: string;
  readonly awsRegion?: string;
  readonly dynamodb?: {
    readonly ApproximateCreationDateTime?: number;
    readonly Keys?: Image;
    readonly NewImage?: Image;
    readonly OldImage?: Image;
    readonly SequenceNumber?: string;
    readonly SizeBytes?: number;
    readonly StreamViewType?: 'KEYS_ONLY' | 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES';
  };
  readonly userIdentity?: { readonly Type?: string; readonly PrincipalId?: string };
}

/**
 * One stream record as Lambda delivers it: whole epoch seconds, the region of the function and
 * the stream ARN, the identity's fields as Lambda names them. Fields Lambda would not send are
 * left out.
 */
export function toLambdaRecord(record: WireStreamRecord, source: RecordSource): DynamoDBRecord {
  const stream = record.dynamodb ?? {};
  const dynamodb: NonNullable<DynamoDBRecord['dynamodb']> = {};
  if (stream.ApproximateCreationDateTime !== undefined) dynamodb.ApproximateCreationDateTime = Math.floor(stream.ApproximateCreationDateTime);
  if (stream.Keys) dynamodb.Keys = stream.Keys;
  if (stream.NewImage) dynamodb.NewImage = stream.NewImage;
  if (stream.OldImage) dynamodb.OldImage = stream.OldImage;
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

/** The SDK's exception for an error answer of the Streams API (`__type` names it), as the poller tells them apart. */
export function streamsError(status: number, body: { __type?: string; message?: string; Message?: string }): Error {
  const name = body.__type?.split('#').at(-1) ?? 'UnknownError';
  const options = { message: body.message ?? body.Message ?? `GetRecords answered ${status}`, $metadata: { httpStatusCode: status } };
  switch (name) {
    case 'ExpiredIteratorException': return new ExpiredIteratorException(options);
    case 'TrimmedDataAccessException': return new TrimmedDataAccessException(options);
    case 'ResourceNotFoundException': return new ResourceNotFoundException(options);
    default: return new DynamoDBStreamsServiceException({ ...options, name, $fault: status >= 500 ? 'server' : 'client' });
  }
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
