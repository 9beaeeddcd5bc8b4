import { jobs as jobTable, type JobDefinition, type JobEvent } from '../../shared/jobs/jobs';
import { invokeFunction, loadFunctionHandler, type HandlerLoader } from './lambda-runtime';

/**
 * The local stand-in for the EventBridge schedules: every job of the job table runs every
 * `everyMinutes`, and `runJob` runs one now (`POST /local/jobs/{job}`), optionally as if it were
 * another time. The time is the job's argument (`JobEvent.now`, as the EventBridge rule passes
 * its event's `time`), never a clock of the process: API requests and consumers running at the
 * same moment keep today's time.
 */

/** No job of that name in the job table. */
export class UnknownJobError extends Error {
  override readonly name = 'UnknownJobError';
}

export interface SchedulerOptions {
  /** Defaults to the job table. */
  readonly jobs?: readonly JobDefinition[];
  readonly loadHandler?: HandlerLoader;
  /** Start the timers (default true); tests that only call `runJob` turn them off. */
  readonly schedule?: boolean;
  readonly log?: (line: string) => void;
  /**
   * Jobs that exist only locally because AWS does their work with its own machinery:
   * `webhook-retries` sends the webhook attempts due by `now`, which in AWS wait in SQS delay
   * queues (`infra/local/queues.ts`). They run only when asked (`POST /local/jobs/{job}`).
   */
  readonly localJobs?: Readonly<Record<string, (options: { now?: string }) => Promise<unknown>>>;
}

export interface Scheduler {
  readonly jobs: readonly JobDefinition[];
  /** Runs a job now and resolves with its result. The job gets `{ now }`: the given instant, or this one. */
  runJob(name: string, options?: { now?: string }): Promise<unknown>;
  close(): void;
}

export function createScheduler(options: SchedulerOptions = {}): Scheduler {
  const jobs = options.jobs ?? jobTable;
  const loadHandler = options.loadHandler ?? loadFunctionHandler;
  const log = options.log ?? ((line) => console.log(line));
  const timers: NodeJS.Timeout[] = [];
  const running = new Set<string>();

  async function runJob(name: string, runOptions: { now?: string } = {}): Promise<unknown> {
    const job = jobs.find((candidate) => candidate.name === name);
    const localJob = options.localJobs?.[name];
    if (!job && !localJob) {
      const names = [...jobs.map((j) => j.name), ...Object.keys(options.localJobs ?? {})];
      throw new UnknownJobError(`No job named "${name}". Jobs: ${names.join(', ') || 'none'}.`);
    }
    if (runOptions.now !== undefined && Number.isNaN(Date.parse(runOptions.now))) throw new RangeError(`"${runOptions.now}" is not an instant`);
    if (!job) return localJob!(runOptions);
    // Like EventBridge, which puts the scheduled time in the event (AWS's clock, as everywhere in
    // this emulator, not the app's `shared/clock.ts`): the job never reads a clock for "now".
    const event: JobEvent = { now: new Date(runOptions.now ?? Date.now()).toISOString() };
    return invokeFunction(await loadHandler('jobs', job.name), event, { kind: 'jobs', name: job.name });
  }

  if (options.schedule ?? true) {
    for (const job of jobs) {
      const timer = setInterval(() => {
        // Like a rate schedule with a long-running target: skip a beat rather than pile up.
        if (running.has(job.name)) return;
        running.add(job.name);
        const started = Date.now();
        runJob(job.name)
          .then(() => log(`[jobs] ${job.name} ran in ${Date.now() - started} ms`))
          .catch((error: unknown) => log(`[jobs] ${job.name} failed: ${error instanceof Error ? error.message : String(error)}`))
          .finally(() => running.delete(job.name));
      }, job.everyMinutes * 60_000);
      timer.unref();
      timers.push(timer);
    }
  }

  return {
    jobs,
    runJob,
    close: () => timers.forEach((timer) => clearInterval(timer)),
  };
}
