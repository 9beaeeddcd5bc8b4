import { describe, expect, it } from '@jest/globals';
import { placementStatsUpdate } from '../../shared/commerce/order-stats';
import { fieldUpdate } from '../../shared/db/item-writes';

const placed = { totalCents: 4500, placedAt: '2026-12-07T10:00:00.000Z' };
const key = { pk: 'T#t#C#c', sk: 'P#PROFILE' };
const actor = { kind: 'staff' as const, id: 's1', name: 'Sam' };

/** The UpdateItem the order's transaction sends for these parts (as `fieldUpdate` builds it). */
const updateOf = (parts: ReturnType<typeof placementStatsUpdate>) => fieldUpdate(key, parts.fields, actor, placed.placedAt, { add: parts.add, condition: parts.condition });

/** DynamoDB refuses names and values an expression does not use: every one must appear. */
function expectEveryNameAndValueUsed(update: ReturnType<typeof fieldUpdate>) {
  const expressions = `${update.UpdateExpression} ${update.ConditionExpression}`;
  for (const name of Object.keys(update.ExpressionAttributeNames)) expect(expressions).toMatch(new RegExp(`${name}\\b`));
  for (const value of Object.keys(update.ExpressionAttributeValues)) expect(expressions).toMatch(new RegExp(`${value}\\b`));
}

describe('Function: placementStatsUpdate', () => {
  it('writes the whole statistics on a first order, only while there are none', () => {
    const parts = placementStatsUpdate(undefined, placed);
    expect(parts.fields).toEqual({ stats: { orderCount: 1, lifetimeValueCents: 4500, firstOrderAt: placed.placedAt, lastOrderAt: placed.placedAt } });
    expect(parts.add).toBeUndefined();
    expect(parts.condition?.expression).toBe('attribute_not_exists(#stats)');
    expectEveryNameAndValueUsed(updateOf(parts));
  });

  it('adds to the counts and moves the last date, conditioned on no later order having moved it', () => {
    const parts = placementStatsUpdate({ orderCount: 2, lifetimeValueCents: 9000, firstOrderAt: '2026-01-01T00:00:00.000Z', lastOrderAt: '2026-06-01T00:00:00.000Z' }, placed);
    expect(parts.add).toEqual({ 'stats.orderCount': 1, 'stats.lifetimeValueCents': 4500 });
    expect(parts.fields).toEqual({ 'stats.lastOrderAt': placed.placedAt });
    expect(parts.condition?.expression).toContain('#stats.#last < :placedAt');
    expect(parts.condition?.expression).not.toContain('#first');
    const update = updateOf(parts);
    expect(update.UpdateExpression).toMatch(/ADD #a0_0\.#a0_1 :a0, #a1_0\.#a1_1 :a1/);
    expectEveryNameAndValueUsed(update);
  });

  it('leaves the last date to a later order already counted, and sets dates a map lacks', () => {
    const later = placementStatsUpdate({ orderCount: 1, lifetimeValueCents: 100, firstOrderAt: '2026-01-01T00:00:00.000Z', lastOrderAt: '2026-12-31T00:00:00.000Z' }, placed);
    expect(later.fields).toEqual({});
    expect(later.condition?.expression).toBe('attribute_exists(#stats)');
    expectEveryNameAndValueUsed(updateOf(later));

    const partial = placementStatsUpdate({ orderCount: 0, lifetimeValueCents: 0 } as never, placed);
    expect(partial.fields).toEqual({ 'stats.lastOrderAt': placed.placedAt, 'stats.firstOrderAt': placed.placedAt });
    expectEveryNameAndValueUsed(updateOf(partial));
  });
});
