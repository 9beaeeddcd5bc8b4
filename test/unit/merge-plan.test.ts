import { describe, expect, it } from '@jest/globals';
import { movedBack, movedForward } from '../../shared/merge/merge-plan';
import { changeEntryOf } from '../../shared/history/change-entry';

const note = { pk: 'T#t#C#B', sk: 'H#NOTE#1', type: 'note', tenantId: 't', customerId: 'B', id: '1', version: 3, gsi3pk: 'T#t#C#B#TL', gsi3sk: 'x', isDefault: true };

describe('Moving an item between people', () => {
  it('rewrites its person and timeline, keeps what it changed, and an undo gives back exactly that', () => {
    const forward = movedForward(note, { mergeId: 'A-M1', from: 'B', to: 'A', pk: 'T#t#C#A', timeline: 'T#t#C#A#TL' }, { isDefault: false });
    expect(forward).toMatchObject({ pk: 'T#t#C#A', customerId: 'A', gsi3pk: 'T#t#C#A#TL', isDefault: false, movedBy: 'A-M1', originMergeId: 'A-M1' });
    const back = movedBack(forward, { mergeId: 'A-M1', pk: 'T#t#C#B', timeline: 'T#t#C#B#TL' });
    expect(back).toEqual({ ...note, movedBy: 'A-M1' });
  });

  it('goes back one merge at a time when merged twice', () => {
    const once = movedForward(note, { mergeId: 'A-M1', from: 'B', to: 'A', pk: 'T#t#C#A', timeline: 'T#t#C#A#TL' }, {});
    const twice = movedForward(once, { mergeId: 'Z-M2', from: 'A', to: 'Z', pk: 'T#t#C#Z', timeline: 'T#t#C#Z#TL' }, {});
    expect(() => movedBack(twice, { mergeId: 'A-M1', pk: 'T#t#C#B', timeline: 'T#t#C#B#TL' })).toThrow();
    const back = movedBack(twice, { mergeId: 'Z-M2', pk: 'T#t#C#A', timeline: 'T#t#C#A#TL' });
    expect(back).toMatchObject({ customerId: 'A', originMergeId: 'A-M1' });
  });
});

describe('The change history of a merge', () => {
  const at = '2026-01-01T00:00:00.000Z';
  const actor = { kind: 'staff', id: 's1', name: 'Mia' };
  it('records nothing for a moved item or the stub it leaves, and "merged into" for the absorbed person', () => {
    expect(changeEntryOf({ eventId: 'e1', eventName: 'INSERT', oldItem: undefined, newItem: { ...note, customerId: 'A', movedBy: 'A-M1' } }, at)).toBeUndefined();
    expect(changeEntryOf({ eventId: 'e2', eventName: 'MODIFY', oldItem: note, newItem: { pk: note.pk, sk: note.sk, type: 'moved', movedTo: 'A' } }, at)).toBeUndefined();
    expect(changeEntryOf({ eventId: 'e3', eventName: 'REMOVE', oldItem: { type: 'customer', tenantId: 't', id: 'B' }, newItem: undefined }, at)).toBeUndefined();
    const merged = changeEntryOf(
      { eventId: 'e4', eventName: 'INSERT', oldItem: undefined, newItem: { type: 'merged-customer', tenantId: 't', customerId: 'B', mergedInto: 'A', updatedAt: at, updatedBy: actor } },
      at,
    );
    expect(merged).toMatchObject({ customerId: 'B', entity: 'customer', action: 'updated', actor, fields: [{ field: 'mergedInto', old: null, new: 'A' }] });
    const restored = changeEntryOf(
      { eventId: 'e5', eventName: 'INSERT', oldItem: undefined, newItem: { type: 'customer', tenantId: 't', id: 'B', movedBy: 'A-01J0000000000000000000000M', updatedAt: at, updatedBy: actor } },
      at,
    );
    expect(restored).toMatchObject({ customerId: 'B', fields: [{ field: 'mergedInto', old: 'A', new: null }] });
  });
});
