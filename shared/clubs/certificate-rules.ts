/**
 * When a certificate expires. Pure: stored and compared as ISO 8601 UTC instants with
 * milliseconds (`toISOString()`), so that string order is time order, in code and in the
 * redemption's DynamoDB condition alike.
 */

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The instant a certificate stops being redeemable, from what staff typed: an instant as is
 * (normalised to milliseconds and `Z`), or a date (`YYYY-MM-DD`, the contract's date form),
 * which means "valid through that day" in the winery's time zone (`settings.timeZone`): the
 * last millisecond before the next local day begins, as a UTC instant.
 */
export function expiryInstant(expiresAt: string, timeZone: string): string {
  if (!DATE_ONLY.test(expiresAt)) return new Date(expiresAt).toISOString();
  const nextDay = new Date(Date.parse(`${expiresAt}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
  return new Date(startOfLocalDay(nextDay, timeZone) - 1).toISOString();
}

const DAY_MS = 86_400_000;

/** How far `timeZone`'s wall clock is ahead of UTC at `instant` (ms; negative west of Greenwich). */
function offsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(instant));
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wallClockAsUtc = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return wallClockAsUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * The UTC instant at which `date` begins in `timeZone`. Twice, because the offset at local
 * midnight can differ from the offset at UTC midnight when daylight saving changes in between.
 */
function startOfLocalDay(date: string, timeZone: string): number {
  const midnightAsUtc = Date.parse(`${date}T00:00:00Z`);
  const guess = midnightAsUtc - offsetMs(midnightAsUtc, timeZone);
  return midnightAsUtc - offsetMs(guess, timeZone);
}

/** Whether a certificate with this expiry is expired at `atIso` (an instant from `nowIso()`). */
export function isExpired(expiresAt: string | null, atIso: string): boolean {
  return expiresAt !== null && expiresAt <= atIso;
}
