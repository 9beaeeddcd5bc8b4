import { describe, expect, it } from '@jest/globals';
import { customerChangeRules, flagErrors, newCustomerErrors } from '../../shared/people/customer-rules';

const settings = { flags: [{ key: 'vip', title: 'VIP' }], requiredFields: ['phone'] as ('phone' | 'birthDate')[] };
const undefinedFlag = 'is not a flag defined in settings';

describe('Function: flagErrors', () => {
  const isDefined = (flag: string) => flag === 'vip';

  it('names each flag settings do not define by its place', () => {
    expect(flagErrors(['vip', 'trade', 'nope'], isDefined)).toEqual([
      { path: 'flags[1]', message: undefinedFlag },
      { path: 'flags[2]', message: undefinedFlag },
    ]);
  });

  it('lets a person keep a retired flag they hold, but not take a new one', () => {
    expect(flagErrors(['vip', 'trade'], isDefined, ['trade'])).toEqual([]);
    expect(flagErrors(['trade', 'nope'], isDefined, ['trade'])).toEqual([{ path: 'flags[1]', message: undefinedFlag }]);
  });
});

describe('Function: newCustomerErrors', () => {
  it('lists missing required fields and undefined flags together, from plain JSON', () => {
    expect(newCustomerErrors({ billingAddress: { email: 'not-an-email' }, flags: ['vip', 'trade'] }, settings)).toEqual([
      { path: 'phone', message: expect.stringContaining('required') },
      { path: 'flags[1]', message: undefinedFlag },
    ]);
    expect(newCustomerErrors({ phone: '707-555-0100', flags: 'vip' }, settings)).toEqual([]);
  });
});

describe('Function: customerChangeRules', () => {
  it('names a required field the change clears, and the flags settings no longer define', () => {
    expect(customerChangeRules({ phone: null, flags: ['vip', 'trade'] }, settings)).toEqual({
      errors: [{ path: 'phone', message: expect.stringContaining('required') }],
      retiredFlags: ['trade'],
    });
    expect(customerChangeRules({ partner: 'Sam' }, settings)).toEqual({ errors: [], retiredFlags: [] });
  });
});
