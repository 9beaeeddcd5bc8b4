import { describe, expect, it } from '@jest/globals';
import { now } from '../../shared/clock';
import type { JobEvent } from '../../shared/jobs/jobs';
import { UnknownJobError, createScheduler } from '../../infra/local/scheduler';

describe('Function: createScheduler', () => {
  describe('Method: runJob', () => {
    const seen: { event: JobEvent; clock: string }[] = [];
    const scheduler = createScheduler({
      jobs: [{ name: 'pause-expiry', description: 'test', everyMinutes: 60 }],
      schedule: false,
      loadHandler: async () => async (event: JobEvent) => {
        seen.push({ event, clock: now().toISOString() });
        return { resumed: 1 };
      },
    });

    it('runs the job as if it were the given time, then gives the clock back', async () => {
      seen.length = 0;
      await expect(scheduler.runJob('pause-expiry', { now: '2030-01-15T06:00:00.000Z' })).resolves.toEqual({ resumed: 1 });
      expect(seen).toHaveLength(1);
      expect(seen[0]?.event).toEqual({ now: '2030-01-15T06:00:00.000Z' });
      expect(seen[0]?.clock.startsWith('2030-01-15T06:00:0')).toBe(true);
      expect(now().getUTCFullYear()).toBeLessThan(2030);
    });

    it('runs it at the real time without now', async () => {
      seen.length = 0;
      await scheduler.runJob('pause-expiry');
      expect(seen[0]?.event).toEqual({});
      expect(Math.abs(Date.parse(seen[0]?.clock ?? '') - Date.now())).toBeLessThan(5000);
    });

    it('refuses a job that is not in the job table', async () => {
      await expect(scheduler.runJob('nope')).rejects.toBeInstanceOf(UnknownJobError);
    });
  });
});
