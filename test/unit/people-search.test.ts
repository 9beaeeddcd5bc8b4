import { describe, expect, it } from '@jest/globals';
import {
  MAX_SEARCH_LABELS,
  filterLabel,
  listingLabels,
  nameSortKey,
  nationalDigits,
  normalizeText,
  numberSortKey,
  searchFields,
  searchPlan,
  type ListedPerson,
} from '../../shared/people/people-search';

const person = (overrides: Partial<ListedPerson> = {}): ListedPerson => ({
  id: '01J0000000000000000000000',
  customerNumber: 1042,
  firstName: 'Zoe',
  lastName: 'Adams',
  email: 'zoe@vineyard.test',
  phone: '+1 (707) 555-0101',
  flags: [],
  customerClassId: null,
  effectiveClassId: null,
  clubIds: [],
  ...overrides,
});

describe('Function: listingLabels', () => {
  it('lists a North American phone by national prefixes, local number and last four digits, once each', () => {
    const phone = listingLabels(person()).filter((label) => /^Q#\d/.test(label));
    expect(phone.sort()).toEqual(
      ['1042', '707', '7075', '70755', '707555', '7075550', '70755501', '5550101', '0101'].map((term) => `Q#${term}`).sort(),
    );
  });

  it('keeps a person with very long names within the bound, still under the first word of each name', () => {
    const labels = listingLabels(
      person({
        firstName: 'Maria Fernanda Luisa Alejandra Beatriz Catalina',
        lastName: 'de la Cruz Villanueva Montenegro Santisteban',
        email: 'maria.fernanda.delacruz@example.com',
      }),
    );
    expect(labels.filter((label) => label.startsWith('Q#')).length).toBe(MAX_SEARCH_LABELS);
    expect(labels).toEqual(expect.arrayContaining(['ALL', 'Q#1042', 'Q#0101', 'Q#maria', 'Q#de', 'Q#maria.fe']));
  });

  it('puts the filters beside the search labels', () => {
    const labels = listingLabels(person({ flags: ['vip'], customerClassId: 'gold', effectiveClassId: 'club', clubIds: ['club-1'] }));
    expect(labels).toEqual(expect.arrayContaining(['ALL', 'FLAG#vip', 'CLASS#gold', 'CLASS#club', 'CLUB#club-1']));
  });
});

describe('Function: searchPlan', () => {
  it('reads the partition of the digits, without a typed +1 country code', () => {
    expect(searchPlan('+1 707 555')).toEqual({ label: 'Q#707555', terms: [] });
    expect(searchPlan('1 (707) 555-0101')).toEqual({ label: 'Q#70755501', terms: ['7075550101'] });
    expect(searchPlan('555-0101')).toEqual({ label: 'Q#5550101', terms: [] });
    expect(searchPlan('1042')).toEqual({ label: 'Q#1042', terms: [] });
  });
});

describe('Function: filterLabel', () => {
  it('names the partition of one filter, or everyone', () => {
    expect(filterLabel({})).toBe('ALL');
    expect(filterLabel({ flag: 'vip' })).toBe('FLAG#vip');
    expect(filterLabel({ classId: 'gold' })).toBe('CLASS#gold');
    expect(filterLabel({ clubId: 'c1' })).toBe('CLUB#c1');
  });
});

describe('Function: normalizeText', () => {
  it('drops accents and case and squeezes spaces, so Renée finds René', () => {
    expect(normalizeText('  Renée   DE la  Cruz ')).toBe('renee de la cruz');
  });
});

describe('Function: nationalDigits', () => {
  it('drops the country code of an 11-digit North American number only', () => {
    expect(nationalDigits('17075550101')).toBe('7075550101');
    expect(nationalDigits('7075550101')).toBe('7075550101');
    expect(nationalDigits('447911123456')).toBe('447911123456');
  });
});

describe('Function: searchFields', () => {
  it('stores what a search compares with in the form queries take', () => {
    expect(searchFields({ firstName: 'Renée', lastName: "O'Brien", email: 'Renee@Example.COM', phone: '+1 (707) 555-0101' })).toEqual({
      sFirst: 'renee',
      sLast: 'obrien',
      sEmail: 'renee@example.com',
      sPhone: '17075550101',
      sPhoneNational: '7075550101',
    });
  });

  it('finds the query "obrien" among the labels of O\'Brien', () => {
    expect(listingLabels(person({ lastName: "O'Brien" }))).toContain(searchPlan("O'Brien").label);
  });
});

describe('Functions: nameSortKey and numberSortKey', () => {
  it('orders by last name, then first name, whatever the case or accents', () => {
    const keys = [
      nameSortKey({ lastName: 'baker', firstName: 'Bob', id: '2' }),
      nameSortKey({ lastName: 'Ádams', firstName: 'Zoe', id: '3' }),
      nameSortKey({ lastName: 'Baker', firstName: 'Ann', id: '1' }),
    ];
    expect([...keys].sort()).toEqual([keys[1], keys[2], keys[0]]);
  });

  it('orders customer numbers as numbers', () => {
    expect(numberSortKey({ customerNumber: 9999 }) < numberSortKey({ customerNumber: 10000 })).toBe(true);
  });
});
