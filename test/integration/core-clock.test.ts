import { describe, expect, it } from '@jest/globals';
import type { JobEvent } from '../../shared/jobs/jobs';
import { createScheduler } from '../../infra/local/scheduler';
import { call, newTenant } from '../support/invoke';
import { newPersonBody } from '../support/factories/people';

/**
 * One process, as `npm start` runs it: a job run "as of 2030" (`POST /local/jobs/pause-expiry`
 * with `{ now }`) must not move the time of the API requests served while it runs.
 */
describe('Local scheduler: a job run as of another time', () => {
  it('leaves today’s time to an API request served while the job runs', async () => {
    const tenantId = newTenant('clock');
    let jobStarted!: () => void;
    let finishJob!: () => void;
    const started = new Promise<void>((resolve) => (jobStarted = resolve));
    const finish = new Promise<void>((resolve) => (finishJob = resolve));
    // A job that stays running until the request below is answered; it answers the time it was given.
    const scheduler = createScheduler({
      jobs: [{ name: 'pause-expiry', description: 'held open', everyMinutes: 60 }],
      schedule: false,
      loadHandler: async () => async (event: JobEvent) => {
        jobStarted();
        await finish;
        return { asOf: event.now };
      },
    });

    const run = scheduler.runJob('pause-expiry', { now: '2030-01-15T06:00:00Z' });
    await started;
    const created = await call('POST', '/v1/customers', { as: { tenantId }, body: newPersonBody() });
    finishJob();

    expect(created.status).toBe(201);
    const today = new Date().toISOString().slice(0, 10);
    expect(created.body.createdAt.slice(0, 10)).toBe(today);
    expect(created.body.updatedAt.slice(0, 10)).toBe(today);
    await expect(run).resolves.toEqual({ asOf: '2030-01-15T06:00:00.000Z' });
  });
});
