import { describe, expect, it } from '@jest/globals';
import { decideEmail } from '../../shared/email/decide';
import { composeEmail, type TemplateContext } from '../../shared/email/templates';
import type { StreamChange } from '../../shared/streams/stream-handler';

const settings = { wineryName: 'Vine & Oak', email: { from: 'cellar@vineoak.example', replyTo: null } };
const context = (timeZone: string): TemplateContext => ({ wineryName: 'Vine & Oak', firstName: 'Ada', currency: 'USD', timeZone });

describe('Emails in the winery\'s local time', () => {
  describe('Template: reservation-made', () => {
    it('shows the start in the winery\'s time zone with its abbreviation, not in UTC', () => {
      const data = { experience: 'Cellar tour', startsAt: '2026-12-05T22:00:00.000Z', partySize: 2 };
      const pacific = composeEmail('reservation-made', settings, context('America/Los_Angeles'), data);
      expect(pacific.text).toContain('We have reserved Cellar tour on Sat, Dec 5, 2026, 2:00 PM PST for 2 guests.');
      expect(pacific.html).toContain('Sat, Dec 5, 2026, 2:00 PM PST');
      expect(pacific.text).not.toMatch(/UTC|10:00 PM/);

      const eastern = composeEmail('reservation-made', settings, context('America/New_York'), data);
      expect(eastern.text).toContain('Sat, Dec 5, 2026, 5:00 PM EST');
    });

    it('shows a summer start in daylight time', () => {
      const email = composeEmail('reservation-made', settings, context('America/Los_Angeles'), {
        experience: 'Tasting', startsAt: '2026-07-04T17:00:00.000Z', partySize: 1,
      });
      expect(email.text).toContain('Sat, Jul 4, 2026, 10:00 AM PDT for 1 guest.');
    });

    it('moves the day when the local day differs from the UTC day', () => {
      const email = composeEmail('reservation-made', settings, context('America/Los_Angeles'), {
        experience: 'Sunset tasting', startsAt: '2026-12-06T02:30:00.000Z', partySize: 2,
      });
      expect(email.text).toContain('Sat, Dec 5, 2026, 6:30 PM PST');
    });
  });

  describe('Template: club-pause-moved', () => {
    it('says when the pause now ends, and when it ended before', () => {
      const email = composeEmail('club-pause-moved', settings, context('America/Los_Angeles'), {
        clubName: 'Reserve Club', pausedUntil: '2026-12-05', previousPausedUntil: '2026-11-01',
      });
      expect(email.subject).toBe('Your Reserve Club membership pause now ends on Sat, Dec 5, 2026');
      expect(email.text).toContain('Your membership of Reserve Club stays paused: the pause now ends on Sat, Dec 5, 2026 (it was Sun, Nov 1, 2026).');
    });

    it('writes a date as itself, whatever the winery\'s zone', () => {
      const data = { clubName: null, pausedUntil: '2026-12-05', previousPausedUntil: null };
      for (const zone of ['Pacific/Kiritimati', 'Pacific/Pago_Pago']) {
        expect(composeEmail('club-pause-moved', settings, context(zone), data).subject).toBe('Your club membership pause now ends on Sat, Dec 5, 2026');
      }
    });
  });

  describe('Function: decideEmail, a paused membership paused again', () => {
    const membership = (status: string, pausedUntil: string | null) => ({
      pk: 'T#t-1#C#C1', sk: 'P#M#M1', type: 'membership', tenantId: 't-1', customerId: 'C1', id: 'M1',
      clubId: 'club-1', clubName: 'Reserve Club', status, pausedUntil, updatedAt: '2026-10-01T10:00:00.000Z',
    });
    const modify = (oldItem: Record<string, unknown>, newItem: Record<string, unknown>): StreamChange => ({ eventId: 'e-9', eventName: 'MODIFY', oldItem, newItem });

    it('sends "your pause now ends on" when pausedUntil moved', () => {
      expect(decideEmail(modify(membership('paused', '2026-11-01'), membership('paused', '2026-12-05')))).toEqual({
        template: 'club-pause-moved',
        tenantId: 't-1',
        customerId: 'C1',
        changedAt: '2026-10-01T10:00:00.000Z',
        data: { clubName: 'Reserve Club', pausedUntil: '2026-12-05', previousPausedUntil: '2026-11-01' },
      });
    });

    it('sends nothing when a paused membership changes but its date does not', () => {
      expect(decideEmail(modify(membership('paused', '2026-11-01'), { ...membership('paused', '2026-11-01'), variantId: 'v2' }))).toBeUndefined();
    });

    it('still sends club-paused for a first pause and club-resumed for a resume', () => {
      expect(decideEmail(modify(membership('active', null), membership('paused', '2026-11-01')))?.template).toBe('club-paused');
      expect(decideEmail(modify(membership('paused', '2026-11-01'), membership('active', null)))?.template).toBe('club-resumed');
    });
  });
});
