import { describe, expect, it } from '@jest/globals';
import { actorOf, changeEntryOf } from '../../shared/history/change-entry';
import type { StreamChange } from '../../shared/streams/stream-handler';

const at = '2026-03-01T10:00:00.000Z';
const address = (overrides: Record<string, unknown> = {}) => ({
  pk: 'T#t-1#C#C1', sk: 'P#A#A1', type: 'address', tenantId: 't-1', customerId: 'C1', id: 'A1',
  line1: '1 Main', updatedAt: at, updatedBy: { kind: 'staff', id: 'u-1', name: 'Sam Cellar' }, ...overrides,
});
const change = (eventName: StreamChange['eventName'], newItem?: Record<string, unknown>, oldItem?: Record<string, unknown>, eventId = 'ev-1'): StreamChange =>
  ({ eventId, eventName, newItem, oldItem });

describe('Function: changeEntryOf', () => {
  it('records who did it exactly as the write stamped them: staff, a member, or staff through a portal session', () => {
    for (const updatedBy of [
      { kind: 'staff', id: 'u-1', name: 'Sam Cellar' },
      { kind: 'customer', id: 'C1', name: 'Ada Lovelace' },
      { kind: 'staff', id: 'u-2', name: null },
    ]) {
      const entry = changeEntryOf(change('MODIFY', address({ line1: '2 Main', updatedBy }), address()), 'unused');
      expect(entry?.actor).toEqual(updatedBy);
    }
  });

  it("keeps a member's name when their stamp carries no id (the person whose item it is)", () => {
    const entry = changeEntryOf(change('MODIFY', address({ line1: '2 Main', updatedBy: { kind: 'customer', name: 'Ada Lovelace' } }), address()), 'unused');
    expect(entry?.actor).toEqual({ kind: 'customer', id: 'C1', name: 'Ada Lovelace' });
  });

  it('names the system only when the item carries no readable stamp', () => {
    expect(changeEntryOf(change('INSERT', address({ updatedBy: undefined })), 'unused')?.actor).toEqual({ kind: 'system', id: 'system', name: null });
    expect(actorOf({ kind: 'robot', id: 'x', name: 'R' }, 'C1')).toEqual({ kind: 'system', id: 'system', name: null });
  });

  it('describes a create, an update and a delete with their fields', () => {
    expect(changeEntryOf(change('INSERT', address()), 'unused')).toMatchObject({
      at, action: 'created', entity: 'address', entityId: 'A1', tenantId: 't-1', customerId: 'C1',
      fields: [{ field: 'line1', old: null, new: '1 Main' }],
    });
    expect(changeEntryOf(change('MODIFY', address({ line1: '2 Main' }), address()), 'unused')).toMatchObject({
      action: 'updated', fields: [{ field: 'line1', old: '1 Main', new: '2 Main' }],
    });
    expect(changeEntryOf(change('REMOVE', undefined, address()), 'unused')).toMatchObject({ action: 'deleted' });
  });

  it('records nothing for a stamp-only update, nor for an item of no person', () => {
    expect(changeEntryOf(change('MODIFY', address({ updatedAt: 'later', version: 3 }), address()), 'unused')).toBeUndefined();
    expect(changeEntryOf(change('INSERT', { pk: 'T#t-1', sk: 'SETTINGS', type: 'settings', tenantId: 't-1' }), 'unused')).toBeUndefined();
  });

  it('gives the same id to the same record delivered twice, and another to another record', () => {
    const first = changeEntryOf(change('INSERT', address(), undefined, 'ev-1'), 'unused');
    expect(changeEntryOf(change('INSERT', address(), undefined, 'ev-1'), 'unused')?.id).toBe(first?.id);
    expect(changeEntryOf(change('INSERT', address(), undefined, 'ev-2'), 'unused')?.id).not.toBe(first?.id);
    expect(first?.id.startsWith(`${at}~`)).toBe(true);
  });

  it('dates an unstamped item by the time given', () => {
    expect(changeEntryOf(change('INSERT', address({ updatedAt: undefined })), '2026-03-02T00:00:00.000Z')?.at).toBe('2026-03-02T00:00:00.000Z');
  });
});
