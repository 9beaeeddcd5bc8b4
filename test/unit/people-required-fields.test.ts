import { describe, expect, it } from '@jest/globals';
import { clearedRequiredFields, missingRequiredFields } from '../../shared/people/required-fields';

const message = expect.stringContaining('required');

describe('Function: missingRequiredFields', () => {
  it('names every required field a create body lacks, nested or whole objects', () => {
    const body = { billingAddress: { firstName: 'Ada', line1: '   ' }, phone: null };
    expect(missingRequiredFields(body, ['phone', 'billingAddress.line1', 'billingAddress.firstName', 'shippingAddress', 'birthDate'])).toEqual([
      { path: 'phone', message },
      { path: 'billingAddress.line1', message },
      { path: 'shippingAddress', message },
      { path: 'birthDate', message },
    ]);
  });

  it('reads any JSON, even one that is not an object, without throwing', () => {
    expect(missingRequiredFields('text', ['phone'])).toEqual([{ path: 'phone', message }]);
    expect(missingRequiredFields({ shippingAddress: 'x' }, ['shippingAddress.line1'])).toEqual([{ path: 'shippingAddress.line1', message }]);
  });

  it('asks nothing when settings require nothing', () => {
    expect(missingRequiredFields({}, [])).toEqual([]);
  });
});

describe('Function: clearedRequiredFields', () => {
  it('refuses a change that clears a required field, and lets one that leaves it out or sets it pass', () => {
    expect(clearedRequiredFields({ phone: null }, ['phone'])).toEqual([{ path: 'phone', message }]);
    expect(clearedRequiredFields({ partner: '  ' }, ['partner'])).toEqual([{ path: 'partner', message }]);
    expect(clearedRequiredFields({ partner: 'Sam' }, ['phone'])).toEqual([]);
    expect(clearedRequiredFields({ phone: '707-555-0100' }, ['phone'])).toEqual([]);
  });
});
