import { describe, expect, it } from '@jest/globals';
import { filterLabel, filterLabels, listingChanges, listingEntries, type ListedPerson } from '../../shared/people/people-listing';
import {
  matchesAll,
  matchesAllFilter,
  nameSortKey,
  nationalDigits,
  normalizeText,
  numberSortKey,
  queryWords,
  rangeWord,
  searchText,
  searchWords,
} from '../../shared/people/people-search';

const person = (overrides: Partial<ListedPerson> = {}): ListedPerson => ({
  tenantId: 't1',
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

describe('Function: searchWords', () => {
  it('finds a North American phone as dialled, without its area code and by its last four digits', () => {
    expect(searchWords(person())).toEqual(['adams', 'zoe', 'zoe@vineyard.test', '7075550101', '5550101', '0101', '#1042']);
  });

  it('keeps each word of a name and the whole name, without accents or punctuation', () => {
    const words = searchWords(person({ firstName: 'Mary-Kate Renée', lastName: "O'Brien de la Cruz", phone: null }));
    expect(words).toEqual(expect.arrayContaining(['obrien', 'de', 'la', 'obriendelacruz', 'mary', 'kate', 'renee', 'marykaterenee']));
    expect(words).not.toContain('cruz'); // the fourth word of a name is found through the whole name only
  });
});

describe('Function: matchesAll', () => {
  const words = searchWords(person({ firstName: 'Mary Ann', lastName: 'Smith', email: 'msmith@example.com' }));

  it('finds a person when every word begins one of their words, in any order', () => {
    for (const q of ['mary ann', 'ann mary', 'smith mary', 'sm ma', 'msmith', '0101', '707 555 0101', '1042']) {
      expect([q, matchesAll(words, queryWords(q))]).toEqual([q, true]);
    }
  });

  it('needs every word, and the customer number whole', () => {
    for (const q of ['mary jones', 'john smith', '104', '10420', 'example.com']) {
      expect([q, matchesAll(words, queryWords(q))]).toEqual([q, false]);
    }
  });
});

/**
 * What DynamoDB answers for a filter of the shape `matchesAllFilter` writes, on one entry: `contains`
 * of a string, `attribute_not_exists`, AND, OR and parentheses (AND binds tighter, as in DynamoDB).
 */
function keeps(filter: ReturnType<typeof matchesAllFilter>, entry: { searchText?: string }): boolean {
  const tokens = filter.FilterExpression.match(/\(|\)|AND|OR|contains\(#searchText, :\w+\)|attribute_not_exists\(#searchText\)/g)!;
  expect(tokens.join('').replace(/\s/g, '')).toBe(filter.FilterExpression.replace(/\s/g, ''));
  let at = 0;
  const term = (): boolean => {
    const token = tokens[at++]!;
    if (token === '(') {
      const value = anyOf();
      expect(tokens[at++]).toBe(')');
      return value;
    }
    if (token === 'attribute_not_exists(#searchText)') return entry.searchText === undefined;
    const value = filter.ExpressionAttributeValues[token.match(/:\w+/)![0]]!;
    return entry.searchText !== undefined && entry.searchText.includes(value);
  };
  const allOf = (): boolean => {
    let value = term();
    while (tokens[at] === 'AND') {
      at += 1;
      value = term() && value;
    }
    return value;
  };
  const anyOf = (): boolean => {
    let value = allOf();
    while (tokens[at] === 'OR') {
      at += 1;
      value = allOf() || value;
    }
    return value;
  };
  const value = anyOf();
  expect(at).toBe(tokens.length);
  return value;
}

describe('Function: matchesAllFilter', () => {
  const people = [
    person(),
    person({ firstName: 'John', lastName: 'Smith', email: 'js@example.com', phone: null, customerNumber: 7 }),
    person({ firstName: 'Mary Ann', lastName: "O'Brien", email: 'mary.ann@example.com', phone: '415-555-0199', customerNumber: 10420 }),
    person({ firstName: 'Jo', lastName: 'Smithers', email: 'jo@smithers.test', phone: '707 555 1042', customerNumber: 55, mergedNumbers: [1042] }),
  ];
  const queries = ['john smith', 'smith john', 'jo sm', 'zoe', 'adams zoe', '1042', '104', '7', '0101', '5550101', 'mary ann', 'obrien mary', 'js@example.com', 'smi 1042', 'nobody here', 'a'];

  it('keeps exactly the entries matchesAll finds, for every query and person (numbers only whole)', () => {
    for (const q of queries) {
      const filter = matchesAllFilter(queryWords(q));
      for (const p of people) {
        const words = searchWords(p);
        expect([q, p.lastName, keeps(filter, { searchText: searchText(words) })]).toEqual([q, p.lastName, matchesAll(words, queryWords(q))]);
      }
    }
  });

  it('keeps an entry written before entries held their text, for the service to check', () => {
    expect(keeps(matchesAllFilter(queryWords('john smith')), {})).toBe(true);
  });
});

describe('Function: queryWords', () => {
  it('reads digits as one number, without a typed +1 country code', () => {
    expect(queryWords('+1 707 555')).toEqual(['707555']);
    expect(queryWords('1 (707) 555-0101')).toEqual(['7075550101']);
    expect(queryWords('555-0101')).toEqual(['5550101']);
    expect(queryWords('1042')).toEqual(['1042']);
  });

  it('keeps an email as typed and drops punctuation from names', () => {
    expect(queryWords("  O'Bri  ann.baker@ex ")).toEqual(['obri', 'ann.baker@ex']);
  });

  it('reads the range of the longest word', () => {
    expect(rangeWord(queryWords('john smith'))).toBe('smith');
    expect(rangeWord(queryWords('smith john'))).toBe('smith');
    expect(rangeWord(queryWords('mary ann'))).toBe('mary');
  });
});

describe('Function: listingEntries', () => {
  it('lists a person under everyone, each filter and each search word once', () => {
    const entries = listingEntries(person({ flags: ['vip'], customerClassId: 'gold', effectiveClassId: 'club', clubIds: ['club-1'] }));
    const partitions = entries.map((entry) => entry.pk.replace('T#t1#L#', ''));
    expect(partitions).toEqual(['ALL', 'FLAG#vip', 'CLASS#gold', 'CLASS#club', 'CLUB#club-1', 'W#a', 'W#z', 'W#z', 'W#7', 'W#5', 'W#0', 'W#1']);
    // The customer number and the last four digits of a phone sharing its digits are one entry.
    expect(listingEntries(person({ customerNumber: 101, phone: '707-555-0101' })).filter((e) => e.pk.endsWith('W#0'))).toHaveLength(1);
  });

  it('orders the filters by name in the table and by number on gsi4, and a word by itself then by name', () => {
    const [all] = listingEntries(person());
    expect(all).toEqual(expect.objectContaining({ sk: nameSortKey(person()), gsi4pk: all!.pk, gsi4sk: numberSortKey(person()) }));
    const word = listingEntries(person()).find((entry) => entry.pk.endsWith('W#a'))!;
    expect(word.sk).toBe(`adams\u0001${nameSortKey(person())}`);
    expect(word.gsi4pk).toBeUndefined();
  });
});

describe('Function: listingChanges', () => {
  it('writes nothing when no label and no word changed', () => {
    expect(listingChanges([person(), person({ flags: [] })])).toEqual({ put: [], remove: [] });
  });

  it('adds a flag’s entry alone', () => {
    const { put, remove } = listingChanges([person(), person({ flags: ['vip'] })]);
    expect(put.map((entry) => entry.pk)).toEqual(['T#t1#L#FLAG#vip']);
    expect(remove).toEqual([]);
  });

  it('replaces the phone’s words and rewrites the entries that hold the words', () => {
    const before = listingEntries(person());
    const { put, remove } = listingChanges([person(), person({ phone: '415-222-3333' })]);
    expect(remove.map((key) => key.sk.split('\u0001')[0])).toEqual(['7075550101', '5550101', '0101']);
    expect(put).toHaveLength(before.length);
  });

  it('deletes what any earlier image listed, since the listings may stand at any of them', () => {
    const { put, remove } = listingChanges([undefined, person({ lastName: 'Carter' }), person({ lastName: 'Zimmer' })]);
    expect(remove.map((key) => key.pk.replace('T#t1#L#', '')).sort()).toEqual(expect.arrayContaining(['W#c', 'ALL']));
    expect(put.map((entry) => entry.sk)).toContain(`zimmer\u0001${nameSortKey(person({ lastName: 'Zimmer' }))}`);
  });
});

describe('Function: filterLabel(s)', () => {
  it('names the partition of one filter, or everyone', () => {
    expect(filterLabel({})).toBe('ALL');
    expect(filterLabel({ flag: 'vip' })).toBe('FLAG#vip');
    expect(filterLabel({ classId: 'gold' })).toBe('CLASS#gold');
    expect(filterLabel({ clubId: 'c1' })).toBe('CLUB#c1');
  });

  it('counts own and effective class once when they are the same', () => {
    expect(filterLabels({ flags: [], customerClassId: 'gold', effectiveClassId: 'gold', clubIds: [] })).toEqual(['ALL', 'CLASS#gold']);
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
