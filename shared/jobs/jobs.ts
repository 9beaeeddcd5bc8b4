/**
 * The job table: scheduled functions (`functions/jobs/<name>.ts` exports `handler`). CDK makes
 * an EventBridge schedule of each; locally the scheduler runs them on the same rate and
 * `POST /local/jobs/{name}` runs one now.
 */
export interface JobDefinition {
  readonly name: string;
  readonly description: string;
  /** Minutes between runs. */
  readonly everyMinutes: number;
}

/** The event a job receives. `now` lets the local stack run a job as if it were another time. */
export interface JobEvent {
  readonly now?: string;
}

export const jobs: readonly JobDefinition[] = [
  {
    name: 'pause-expiry',
    description: 'Resumes every paused club membership whose pausedUntil date has come, across all tenants.',
    everyMinutes: 60,
  },
];
