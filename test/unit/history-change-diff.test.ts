import { describe, expect, it } from '@jest/globals';
import { diffFields } from '../../shared/history/change-diff';

describe('Function: diffFields', () => {
  it('lists every field of a new item as changed from null, in name order', () => {
    expect(diffFields(undefined, { phone: '555-0100', firstName: 'Ada' })).toEqual([
      { field: 'firstName', old: null, new: 'Ada' },
      { field: 'phone', old: null, new: '555-0100' },
    ]);
  });

  it('lists every field of a deleted item as changed to null', () => {
    expect(diffFields({ line1: '1 Main' }, undefined)).toEqual([{ field: 'line1', old: '1 Main', new: null }]);
  });

  it('lists only the fields that changed', () => {
    expect(diffFields({ firstName: 'Ada', phone: '1' }, { firstName: 'Ada', phone: '2' })).toEqual([{ field: 'phone', old: '1', new: '2' }]);
  });

  it('leaves out keys, index keys, stamps and derived copies', () => {
    const before = { pk: 'a', sk: 'b', version: 1, updatedAt: 'x', updatedBy: { kind: 'staff' }, gsi1pk: 'p', gsi5sk: 's', timeline: {}, passwordGeneration: 1 };
    const after = { pk: 'a', sk: 'b', version: 2, updatedAt: 'y', updatedBy: { kind: 'customer' }, gsi1pk: 'q', gsi5sk: 't', timeline: { at: 'y' }, passwordGeneration: 2 };
    expect(diffFields(before, after)).toEqual([]);
  });

  it("leaves out an order's mark that it moved its person's statistics itself", () => {
    expect(diffFields(undefined, { type: 'order', status: 'placed', statsCounted: true })).toEqual([{ field: 'status', old: null, new: 'placed' }]);
  });

  it("leaves out a membership's mark that its write moved its person's clubs itself", () => {
    const before = { type: 'membership', status: 'active', clubsWrittenAt: 'x' };
    expect(diffFields(before, { ...before, status: 'cancelled', clubsWrittenAt: 'y' })).toEqual([{ field: 'status', old: 'active', new: 'cancelled' }]);
  });

  it('shows secrets only as redacted, never their values', () => {
    const changes = diffFields({ passwordHash: 'scrypt$old', token: 'tok_old' }, { passwordHash: 'scrypt$new', token: 'tok_new' });
    expect(changes).toEqual([
      { field: 'password', redacted: true },
      { field: 'token', redacted: true },
    ]);
    expect(JSON.stringify(changes)).not.toMatch(/scrypt|tok_/);
  });

  it('treats a missing field and null as the same, and compares objects whatever their key order', () => {
    expect(diffFields({ partner: null, permissions: { email: true, sms: false } }, { permissions: { sms: false, email: true } })).toEqual([]);
  });

  it('sees a change inside a nested object or a list', () => {
    expect(diffFields({ flags: ['vip'] }, { flags: ['vip', 'trade'] })).toEqual([{ field: 'flags', old: ['vip'], new: ['vip', 'trade'] }]);
    expect(diffFields({ permissions: { email: false } }, { permissions: { email: true } })).toEqual([
      { field: 'permissions', old: { email: false }, new: { email: true } },
    ]);
  });
});
