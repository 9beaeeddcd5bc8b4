import { isoDate } from '../../shared/clock';
import type { JobEvent } from '../../shared/jobs/jobs';
import { logger } from '../../shared/log';
import { startDueRefreshes } from '../../shared/segments/segment-refresh';

/** Starts the day's re-count of segments whose rules count days (EventBridge schedule; locally `POST /local/jobs/segment-refresh`). */
export async function handler(event: JobEvent): Promise<{ today: string; due: number; started: number; failed: number }> {
  const today = isoDate(new Date(event.now));
  const result = await startDueRefreshes(today, event.now);
  logger.info('segment refresh', { today, ...result });
  return { today, ...result };
}
