import { isoDate } from '../../shared/clock';
import { resumeDueMemberships } from '../../shared/clubs/membership-repository';
import { logger } from '../../shared/log';
import type { JobEvent } from '../../shared/jobs/jobs';

/** Resumes every paused membership whose pause has ended (EventBridge schedule; locally `POST /local/jobs/pause-expiry`). */
export async function handler(event: JobEvent): Promise<{ today: string; read: number; resumed: number }> {
  const today = isoDate(new Date(event.now));
  const result = await resumeDueMemberships(today);
  logger.info('pause expiry', { today, ...result });
  return { today, ...result };
}
