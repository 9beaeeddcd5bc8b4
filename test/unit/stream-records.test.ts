import { describe, expect, it } from '@jest/globals';
import type { DynamoDBRecord } from 'aws-lambda';
import { ExpiredIteratorException, TrimmedDataAccessException } from '@aws-sdk/client-dynamodb-streams';
import { compareSequenceNumbers, interpretBatchResponse, streamsError, toLambdaRecord, type WireStreamRecord } from '../../infra/local/stream-records';

const source = { streamArn: 'arn:aws:dynamodb:ddblocal:000000000000:table/t/stream/2026-01-01T00:00:00.000', region: 'us-east-1' };

describe('Function: toLambdaRecord', () => {
  // As GetRecords answers in JSON (DynamoDB Local gives fractional seconds).
  const wireRecord: WireStreamRecord = {
    eventID: 'e-1',
    eventName: 'MODIFY',
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: 'ddblocal',
    dynamodb: {
      ApproximateCreationDateTime: Date.parse('2026-03-01T10:20:30.000Z') / 1000 + 0.25,
      Keys: { pk: { S: 'T#t1#C#c1' }, sk: { S: 'PROFILE' } },
      NewImage: {
        pk: { S: 'T#t1#C#c1' },
        photo: { B: 'AQID' },
        nested: { M: { list: { L: [{ N: '1.5' }, { BS: ['/w=='] }, { NULL: true }] } } },
      },
      OldImage: { pk: { S: 'T#t1#C#c1' }, active: { BOOL: false } },
      SequenceNumber: '000000000000000000042',
      SizeBytes: 77,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
  };

  it('shapes the record as Lambda delivers it, field for field', () => {
    const record = toLambdaRecord(wireRecord, source);
    expect(record).toEqual({
      eventID: 'e-1',
      eventName: 'MODIFY',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'us-east-1',
      dynamodb: {
        ApproximateCreationDateTime: Date.parse('2026-03-01T10:20:30.000Z') / 1000,
        Keys: { pk: { S: 'T#t1#C#c1' }, sk: { S: 'PROFILE' } },
        NewImage: {
          pk: { S: 'T#t1#C#c1' },
          photo: { B: 'AQID' },
          nested: { M: { list: { L: [{ N: '1.5' }, { BS: ['/w=='] }, { NULL: true }] } } },
        },
        OldImage: { pk: { S: 'T#t1#C#c1' }, active: { BOOL: false } },
        SequenceNumber: '000000000000000000042',
        SizeBytes: 77,
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
      eventSourceARN: source.streamArn,
    });
  });

  it('serialises to JSON in the order Lambda uses', () => {
    expect(Object.keys(toLambdaRecord(wireRecord, source))).toEqual([
      'eventID',
      'eventName',
      'eventVersion',
      'eventSource',
      'awsRegion',
      'dynamodb',
      'eventSourceARN',
    ]);
  });

  it('keeps the identity of a TTL deletion', () => {
    const ttl = toLambdaRecord({ ...wireRecord, eventName: 'REMOVE', userIdentity: { Type: 'Service', PrincipalId: 'dynamodb.amazonaws.com' } }, source);
    expect(ttl.userIdentity).toEqual({ type: 'Service', principalId: 'dynamodb.amazonaws.com' });
  });
});

describe('Function: streamsError', () => {
  it('gives the SDK exception the poller tells apart, named by the answer', () => {
    const expired = streamsError(400, { __type: 'com.amazonaws.dynamodb.v20120810#ExpiredIteratorException', message: 'Iterator expired' });
    expect(expired).toBeInstanceOf(ExpiredIteratorException);
    expect(expired.message).toBe('Iterator expired');
    expect(streamsError(400, { __type: 'com.amazonaws.dynamodb.v20120810#TrimmedDataAccessException', Message: 'gone' })).toBeInstanceOf(TrimmedDataAccessException);
    const other = streamsError(400, { __type: 'com.amazon.coral.validate#ValidationException', message: 'Invalid ShardIterator' });
    expect([other.name, other.message]).toEqual(['ValidationException', 'Invalid ShardIterator']);
  });
});

describe('Function: compareSequenceNumbers', () => {
  it('compares by value, not as text', () => {
    expect(compareSequenceNumbers('9', '10')).toBeLessThan(0);
    expect(compareSequenceNumbers('000000000000000000010', '9')).toBeGreaterThan(0);
    expect(compareSequenceNumbers('0010', '10')).toBe(0);
  });
});

describe('Function: interpretBatchResponse', () => {
  const batch: DynamoDBRecord[] = ['100', '200', '300'].map((SequenceNumber) => ({ dynamodb: { SequenceNumber } }));

  it.each([undefined, null, {}, { batchItemFailures: null }, { batchItemFailures: [] }])('reads %p as success', (response) => {
    expect(interpretBatchResponse(response, batch)).toEqual({ kind: 'success' });
  });

  it('checkpoints before the lowest failed sequence number', () => {
    const response = { batchItemFailures: [{ itemIdentifier: '300' }, { itemIdentifier: '200' }] };
    expect(interpretBatchResponse(response, batch)).toEqual({ kind: 'partial', failedSequenceNumber: '200' });
  });

  it.each([
    [{ batchItemFailures: [{ itemIdentifier: '' }] }],
    [{ batchItemFailures: [{ itemIdentifier: null }] }],
    [{ batchItemFailures: [{ id: '200' }] }],
    [{ batchItemFailures: [{ itemIdentifier: '999' }] }],
    [{ batchItemFailures: 'all' }],
  ])('fails the whole batch for an invalid answer %p', (response) => {
    expect(interpretBatchResponse(response, batch).kind).toBe('failure');
  });
});
