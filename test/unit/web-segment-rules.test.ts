import { describe, expect, it } from '@jest/globals';
import { FIELDS, describeRule, newRule, toDraft, toRule, toRules, type RuleField } from '../../web/src/features/segments/lib/rule-fields';
import { SegmentRule } from '../../shared/segments/segment-schemas';

const names = { flag: (key: string) => (key === 'vip' ? 'VIP' : key), class: () => 'Friends', club: () => 'Reserve', money: (cents: number) => `$${(cents / 100).toFixed(2)}` };

describe('The rule builder’s catalogue', () => {
  it('knows every field and operator the API knows, and no other', () => {
    expect(Object.keys(FIELDS).sort()).toEqual(SegmentRule.def.options.map((shape) => shape.shape.field.def.values[0]).sort());
    for (const field of Object.keys(FIELDS) as RuleField[]) {
      for (const { value: op } of FIELDS[field].ops) {
        const sample = toRule({ ...newRule(field), op, value: valueFor(field) });
        expect({ field, op, parsed: 'rule' in sample && SegmentRule.safeParse(sample.rule).success }).toEqual({ field, op, parsed: true });
      }
    }
  });

  it('turns what staff pick into the API’s values: money in cents, months and days as numbers, countries upper case', () => {
    expect(toRule({ field: 'lifetimeValueCents', op: 'gte', value: '250.5' })).toEqual({ rule: { field: 'lifetimeValueCents', op: 'gte', value: 25050 } });
    expect(toRule({ field: 'birthMonth', op: 'in', value: ['4', '12'] })).toEqual({ rule: { field: 'birthMonth', op: 'in', value: [4, 12] } });
    expect(toRule({ field: 'lastOrderAt', op: 'notWithinDays', value: '90' })).toEqual({ rule: { field: 'lastOrderAt', op: 'notWithinDays', value: 90 } });
    expect(toRule({ field: 'country', op: 'in', value: ['us'] })).toEqual({ rule: { field: 'country', op: 'in', value: ['US'] } });
    expect(toRule({ field: 'permissions.email', op: 'is', value: 'false' })).toEqual({ rule: { field: 'permissions.email', op: 'is', value: false } });
  });

  it('says what is missing, rule by rule', () => {
    expect(toRules([newRule('flag'), newRule('lastOrderAt'), { field: 'lifetimeValueCents', op: 'gte', value: '12.345' }]).errors).toEqual({
      0: 'Choose a flag',
      1: 'Enter a number of days',
      2: 'Enter an amount such as 250 or 99.50',
    });
  });

  it('reads a saved rule back as it was picked, and says it in words', () => {
    const rule = { field: 'lifetimeValueCents', op: 'gte', value: 25000 } as const;
    expect(toRule(toDraft(rule))).toEqual({ rule });
    expect(describeRule(rule, names)).toBe('Lifetime value at least $250.00');
    expect(describeRule({ field: 'lastOrderAt', op: 'notWithinDays', value: 90 }, names)).toBe('Last order not within the last (or never) 90 days');
    expect(describeRule({ field: 'flag', op: 'has', value: 'vip' }, names)).toBe('Flag has VIP');
    expect(describeRule({ field: 'birthMonth', op: 'in', value: [4, 12] }, names)).toBe('Birth month is one of April, December');
  });
});

function valueFor(field: RuleField): string | string[] {
  switch (FIELDS[field].kind) {
    case 'regions':
      return ['CA'];
    case 'countries':
      return ['US'];
    case 'months':
      return ['4'];
    case 'yesNo':
      return 'true';
    case 'flag':
      return 'vip';
    case 'class':
    case 'club':
      return '01JD6W50B7K3M8Q2R5T9V1X3Z5';
    default:
      return '5';
  }
}
