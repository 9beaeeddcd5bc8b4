import { describe, expect, it } from '@jest/globals';
import type { AttributeValue, DynamoDBRecord } from 'aws-lambda';
import { consumers, itemTypes } from '../../shared/streams/consumers';
import { FilterPatternError, compileFilters } from '../../infra/local/stream-filter';

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

const customerInsert = record('INSERT', { NewImage: { type: { S: 'customer' }, pk: { S: 'T#t1#C#c1' } } });
const customerRemove = record('REMOVE', { OldImage: { type: { S: 'customer' }, pk: { S: 'T#t1#C#c1' } } });
const noteInsert = record('INSERT', { NewImage: { type: { S: 'note' }, pk: { S: 'T#t1#C#c1' } } });
const matches = (patterns: Parameters<typeof compileFilters>[0], candidate: DynamoDBRecord) => compileFilters(patterns)(candidate);

describe('Function: compileFilters', () => {
  describe('the consumer table patterns', () => {
    it('compiles every filter of the consumer table', () => {
      for (const consumer of consumers) expect(() => compileFilters(consumer.filters)).not.toThrow();
    });

    it('wakes a consumer for its item type in the new image', () => {
      expect(matches(itemTypes('customer'), customerInsert)).toBe(true);
    });

    it('wakes it for a deletion, which only has the old image (OR across patterns)', () => {
      expect(matches(itemTypes('customer'), customerRemove)).toBe(true);
    });

    it('drops records of other item types', () => {
      expect(matches(itemTypes('customer', 'address'), noteInsert)).toBe(false);
    });

    it('matches a boolean attribute exactly (the welcome email filter)', () => {
      const pattern = [{ eventName: ['INSERT'], dynamodb: { NewImage: { type: { S: ['customer'] }, sendWelcomeEmail: { BOOL: [true] } } } }];
      const welcome = record('INSERT', { NewImage: { type: { S: 'customer' }, sendWelcomeEmail: { BOOL: true } } });
      const silent = record('INSERT', { NewImage: { type: { S: 'customer' }, sendWelcomeEmail: { BOOL: false } } });
      expect(matches(pattern, welcome)).toBe(true);
      expect(matches(pattern, silent)).toBe(false);
      expect(matches(pattern, customerInsert)).toBe(false);
    });
  });

  it('lets everything through when there are no filters', () => {
    expect(compileFilters([])(noteInsert)).toBe(true);
  });

  it('needs every key of a pattern to match (AND)', () => {
    const pattern = [{ eventName: ['INSERT'], dynamodb: { NewImage: { type: { S: ['customer'] } } } }];
    expect(matches(pattern, customerInsert)).toBe(true);
    expect(matches(pattern, noteInsert)).toBe(false);
    expect(matches([{ eventName: ['MODIFY'], dynamodb: { NewImage: { type: { S: ['customer'] } } } }], customerInsert)).toBe(false);
  });

  it('matches nothing under a missing parent', () => {
    expect(matches([{ dynamodb: { NewImage: { type: { S: ['customer'] } } } }], customerRemove)).toBe(false);
  });

  it('refuses syntax it does not implement rather than guessing', () => {
    expect(() => compileFilters([{ eventName: [{ prefix: 'IN' }] }])).toThrow(FilterPatternError);
    expect(() => compileFilters([{ eventName: [{ 'anything-but': 'REMOVE' }] }])).toThrow(FilterPatternError);
    expect(() => compileFilters([{ eventName: 'INSERT' }])).toThrow(FilterPatternError);
    expect(() => compileFilters([{ eventName: [] }])).toThrow(FilterPatternError);
  });
});
