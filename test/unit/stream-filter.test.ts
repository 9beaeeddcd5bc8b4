import { describe, expect, it } from '@jest/globals';
import type { AttributeValue, DynamoDBRecord } from 'aws-lambda';
import { itemTypes } from '../../shared/streams/consumers';
import { FilterPatternError, compileFilters, matchesFilters } from '../../infra/local/stream-filter';

/** A Lambda-shaped stream record with the given images. */
function record(
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE',
  images: { NewImage?: Record<string, AttributeValue>; OldImage?: Record<string, AttributeValue> },
): DynamoDBRecord {
  return {
    eventID: '1',
    eventName,
    eventSource: 'aws:dynamodb',
    dynamodb: { Keys: { pk: { S: 'T#t1#C#c1' }, sk: { S: 'PROFILE' } }, SequenceNumber: '100', ...images },
  };
}

const customerInsert = record('INSERT', { NewImage: { type: { S: 'customer' }, pk: { S: 'T#t1#C#c1' }, tags: { SS: ['a', 'b'] } } });
const customerRemove = record('REMOVE', { OldImage: { type: { S: 'customer' }, pk: { S: 'T#t1#C#c1' } } });
const noteInsert = record('INSERT', { NewImage: { type: { S: 'note' }, pk: { S: 'T#t1#C#c1' } } });

describe('Function: compileFilters', () => {
  describe('the consumer table patterns', () => {
    it('wakes a consumer for its item type in the new image', () => {
      expect(matchesFilters(itemTypes('customer'), customerInsert)).toBe(true);
    });

    it('wakes it for a deletion, which only has the old image (OR across patterns)', () => {
      expect(matchesFilters(itemTypes('customer'), customerRemove)).toBe(true);
    });

    it('drops records of other item types', () => {
      expect(matchesFilters(itemTypes('customer', 'address'), noteInsert)).toBe(false);
    });
  });

  it('lets everything through when there are no filters', () => {
    expect(compileFilters([])(noteInsert)).toBe(true);
  });

  it('needs every key of a pattern to match (AND)', () => {
    const pattern = [{ eventName: ['INSERT'], dynamodb: { NewImage: { type: { S: ['customer'] } } } }];
    expect(matchesFilters(pattern, customerInsert)).toBe(true);
    expect(matchesFilters(pattern, noteInsert)).toBe(false);
    expect(matchesFilters([{ eventName: ['MODIFY'], dynamodb: { NewImage: { type: { S: ['customer'] } } } }], customerInsert)).toBe(false);
  });

  it('matches a prefix', () => {
    expect(matchesFilters([{ dynamodb: { Keys: { pk: { S: [{ prefix: 'T#t1#' }] } } } }], customerInsert)).toBe(true);
    expect(matchesFilters([{ dynamodb: { Keys: { pk: { S: [{ prefix: 'T#t2#' }] } } } }], customerInsert)).toBe(false);
  });

  it('tests presence with exists, counting a missing parent as absent', () => {
    expect(matchesFilters([{ dynamodb: { NewImage: { type: [{ exists: true }] } } }], customerInsert)).toBe(true);
    expect(matchesFilters([{ dynamodb: { NewImage: { type: [{ exists: true }] } } }], customerRemove)).toBe(false);
    expect(matchesFilters([{ dynamodb: { NewImage: { type: [{ exists: false }] } } }], customerRemove)).toBe(true);
    expect(matchesFilters([{ dynamodb: { OldImage: { type: { S: [{ exists: false }] } } } }], customerInsert)).toBe(true);
  });

  it('matches anything-but a value, a list or a prefix, but never a missing field', () => {
    expect(matchesFilters([{ eventName: [{ 'anything-but': 'REMOVE' }] }], customerInsert)).toBe(true);
    expect(matchesFilters([{ eventName: [{ 'anything-but': ['INSERT', 'MODIFY'] }] }], customerInsert)).toBe(false);
    expect(matchesFilters([{ dynamodb: { NewImage: { type: { S: [{ 'anything-but': { prefix: 'cust' } }] } } } }], noteInsert)).toBe(true);
    expect(matchesFilters([{ dynamodb: { NewImage: { type: { S: [{ 'anything-but': { prefix: 'cust' } }] } } } }], customerInsert)).toBe(false);
    expect(matchesFilters([{ dynamodb: { NewImage: { type: { S: [{ 'anything-but': 'note' }] } } } }], customerRemove)).toBe(false);
  });

  it('matches when any element of an array in the record matches', () => {
    expect(matchesFilters([{ dynamodb: { NewImage: { tags: { SS: ['b'] } } } }], customerInsert)).toBe(true);
    expect(matchesFilters([{ dynamodb: { NewImage: { tags: { SS: ['c'] } } } }], customerInsert)).toBe(false);
  });

  it('compares numbers with numeric, and only JSON numbers', () => {
    const sized = { ...customerInsert, dynamodb: { ...customerInsert.dynamodb, SizeBytes: 120 } };
    expect(matchesFilters([{ dynamodb: { SizeBytes: [{ numeric: ['>', 100, '<=', 200] }] } }], sized)).toBe(true);
    expect(matchesFilters([{ dynamodb: { SizeBytes: [{ numeric: ['<', 100] }] } }], sized)).toBe(false);
    expect(matchesFilters([{ dynamodb: { SequenceNumber: [{ numeric: ['>', 1] }] } }], sized)).toBe(false);
  });

  it('refuses syntax it does not implement rather than guessing', () => {
    expect(() => compileFilters([{ eventName: [{ wildcard: 'IN*' }] }])).toThrow(FilterPatternError);
    expect(() => compileFilters([{ eventName: 'INSERT' }])).toThrow(FilterPatternError);
    expect(() => compileFilters([{ eventName: [] }])).toThrow(FilterPatternError);
    expect(() => compileFilters([{ eventName: [{ prefix: 'I', suffix: 'T' }] }])).toThrow(FilterPatternError);
  });
});
