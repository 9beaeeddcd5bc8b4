import { describe, expect, it } from '@jest/globals';
import { now } from '../../shared/clock';
import type { JobEvent } from '../../shared/jobs/jobs';
import { UnknownJobError, createScheduler } from '../../infra/local/scheduler';

describe('Function: createScheduler', () => {
  describe('Method: runJob', () => {
    const seen: { event: JobEvent; clock: Date }[] = [];
    const scheduler = createScheduler({
      jobs: [{ name: 'pause-expiry', description: 'test', everyMinutes: 60 }],
      schedule: false,
      loadHandler: async () => async (event: JobEvent) => {
        seen.push({ event, clock: now() });
        return { resumed: 1 };
      },
    });

    it('gives the job the given time as its argument, and leaves the process clock alone', async () => {
      seen.length = 0;
      await expect(scheduler.runJob('pause-expiry', { now: '2030-01-15T06:00:00Z' })).resolves.toEqual({ resumed: 1 });
      expect(seen).toHaveLength(1);
      expect(seen[0]?.event).toEqual({ now: '2030-01-15T06:00:00.000Z' });
      expect(Math.abs((seen[0]?.clock.getTime() ?? 0) - Date.now())).toBeLessThan(5000);
    });

    it('gives it the current time without one, as EventBridge gives the scheduled time', async () => {
      seen.length = 0;
      await scheduler.runJob('pause-expiry');
      expect(Math.abs(Date.parse(seen[0]?.event.now ?? '') - Date.now())).toBeLessThan(5000);
    });

    it('refuses a job that is not in the job table', async () => {
      await expect(scheduler.runJob('nope')).rejects.toBeInstanceOf(UnknownJobError);
    });

    it('refuses an instant it cannot read', async () => {
      await expect(scheduler.runJob('pause-expiry', { now: 'tomorrow' })).rejects.toBeInstanceOf(RangeError);
    });

    it('runs a local-only job (webhook-retries: what SQS delays do in AWS) with the given time', async () => {
      const asked: (string | undefined)[] = [];
      const withLocal = createScheduler({
        jobs: [],
        schedule: false,
        localJobs: { 'webhook-retries': async ({ now: at }) => (asked.push(at), { sent: 2 }) },
      });
      await expect(withLocal.runJob('webhook-retries', { now: '2030-01-15T06:00:00Z' })).resolves.toEqual({ sent: 2 });
      expect(asked).toEqual(['2030-01-15T06:00:00Z']);
      await expect(withLocal.runJob('webhook-retries', { now: 'soon' })).rejects.toBeInstanceOf(RangeError);
    });
  });
});
