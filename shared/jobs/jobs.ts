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

/**
 * The event a job receives: `now` is the instant it runs as of (ISO 8601). In AWS the schedule
 * rule passes its event's `time` (so a retried delivery acts as of the same instant); locally the
 * scheduler passes the given instant or the current one. A job takes its "now" from here, never
 * from the process clock, so running a job "as of 2030" moves nothing else.
 */
export interface JobEvent {
  readonly now: string;
}

export const jobs: readonly JobDefinition[] = [
  {
    name: 'pause-expiry',
    description:
      "Club memberships' scheduled work across all tenants: booked pauses start, pauses end, gifts are reminded of and end, on their day. " +
      'Runs every 10 minutes, so a busy day (or a run that ran out of time) is carried on soon after.',
    everyMinutes: 10,
  },
  {
    name: 'segment-refresh',
    description: 'Starts the daily re-count of every segment whose rules count days (created or last ordered within so many days), across all tenants.',
    everyMinutes: 60,
  },
];
