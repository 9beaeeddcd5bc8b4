import { setClock } from '../../shared/clock';
import { jobs as jobTable, type JobDefinition, type JobEvent } from '../../shared/jobs/jobs';
import { functionTimeoutMs, invokeFunction, loadFunctionHandler, type HandlerLoader } from './lambda-runtime';

/**
 * The local stand-in for the EventBridge schedules: every job of the job table runs every
 * `everyMinutes`, and `runJob` runs one now (`POST /local/jobs/{job}`), optionally as if it were
 * another time.
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
}

export interface Scheduler {
  readonly jobs: readonly JobDefinition[];
  /**
   * Runs a job now and resolves with its result. With `now`, the job gets `{ now }` in its event
   * and the shared clock reads that time (moving on from it) while the job runs.
   */
  runJob(name: string, options?: { now?: string }): Promise<unknown>;
  close(): void;
}

export function createScheduler(options: SchedulerOptions = {}): Scheduler {
  const jobs = options.jobs ?? jobTable;
  const loadHandler = options.loadHandler ?? loadFunctionHandler;
  const log = options.log ?? ((line) => console.log(line));
  const timers: NodeJS.Timeout[] = [];
  const running = new Set<string>();
  // Runs one at a time: the clock is shared by the whole process, two runs must not move it at once.
  let queue: Promise<unknown> = Promise.resolve();

  async function execute(job: JobDefinition, now: string | undefined): Promise<unknown> {
    const handler = await loadHandler('jobs', job.name);
    const event: JobEvent = now === undefined ? {} : { now };
    const restoreClock = now === undefined ? undefined : setClock(clockFrom(now));
    try {
      return await invokeFunction(handler, event, { functionName: `local-${job.name}`, timeoutMs: functionTimeoutMs.jobs });
    } finally {
      restoreClock?.();
    }
  }

  function runJob(name: string, runOptions: { now?: string } = {}): Promise<unknown> {
    const job = jobs.find((candidate) => candidate.name === name);
    if (!job) return Promise.reject(new UnknownJobError(`No job named "${name}". Jobs: ${jobs.map((j) => j.name).join(', ') || 'none'}.`));
    if (runOptions.now !== undefined && Number.isNaN(Date.parse(runOptions.now))) {
      return Promise.reject(new RangeError(`"${runOptions.now}" is not an instant`));
    }
    const run = queue.then(() => execute(job, runOptions.now));
    queue = run.catch(() => undefined);
    return run;
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

/** A clock that reads `now` at this moment and moves on in real time from there. */
function clockFrom(now: string): () => Date {
  const offset = Date.parse(now) - Date.now();
  return () => new Date(Date.now() + offset);
}
