import { describe, expect, it } from '@jest/globals';
import { parsePersonScopedId, personScopedId } from '../../shared/people/person-scoped-id';

const ULID = '01HZX3K7Q8M9N0P1R2S3T4V5W6';

describe('Function: personScopedId', () => {
  it('joins the person and the item so the id alone finds the item, and parses back', () => {
    const id = personScopedId('01HZX3K7Q8M9N0P1R2S3T4V5AA', ULID);
    expect(id).toBe(`01HZX3K7Q8M9N0P1R2S3T4V5AA-${ULID}`);
    expect(parsePersonScopedId(id)).toEqual({ customerId: '01HZX3K7Q8M9N0P1R2S3T4V5AA', ownId: ULID });
  });

  it('refuses an own id that is not a ULID', () => {
    expect(() => personScopedId('person', 'not-a-ulid')).toThrow();
  });
});

describe('Function: parsePersonScopedId', () => {
  it('answers undefined for ids this service never issued', () => {
    for (const id of ['', ULID, `-${ULID}`, `person-${ULID}x`, `person-${ULID.toLowerCase()}`, 'person/../x-01HZX3K7Q8M9N0P1R2S3T4V5W6', `per son-${ULID}`]) {
      expect(parsePersonScopedId(id)).toBeUndefined();
    }
  });
});
