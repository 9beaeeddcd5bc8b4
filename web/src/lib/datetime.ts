/**
 * Dates and times as the web app shows and takes them: the one module for it. Pure (no DOM, no
 * React), so the unit tests import it.
 *
 * The API speaks UTC instants (`2027-01-16T19:00:00.000Z`) and calendar dates (`2027-06-30`). A
 * winery works in its own zone (`settings.timeZone`), whatever zone the browser is in: every
 * instant is shown in the winery's zone with the zone named ("Jan 16, 2027, 11:00 AM PT"), and a
 * time staff type is read in that zone too. A calendar date is shown as the date it is, never
 * shifted by any zone.
 */

/** The zone when the settings are not known yet (the API's default too). */
export const DEFAULT_TIME_ZONE = 'America/Los_Angeles';

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_INSTANT = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})/g;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${zone}|${JSON.stringify(options)}`;
  let found = formatters.get(key);
  if (!found) formatters.set(key, (found = new Intl.DateTimeFormat(undefined, { ...options, timeZone: zone })));
  return found;
}

/** "PT", "ET", "UTC": the zone's short, season-free name (the time beside it says which part of the year). */
export function zoneName(zone: string, at: Date = new Date()): string {
  if (zone === 'UTC' || zone === 'Etc/UTC') return 'UTC';
  const part = formatter(zone, { timeZoneName: 'shortGeneric' }).formatToParts(at).find((p) => p.type === 'timeZoneName');
  return part?.value ?? zone;
}

const TIME: Intl.DateTimeFormatOptions = { hour: 'numeric', minute: '2-digit' };
const DAY: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'short', day: 'numeric' };

/** "Jan 16, 2027, 11:00 AM PT": an instant in the winery's zone. */
export function formatDateTime(instant: string, zone: string): string {
  const at = new Date(instant);
  if (Number.isNaN(at.getTime())) return instant;
  return `${formatter(zone, { ...DAY, ...TIME }).format(at)} ${zoneName(zone, at)}`;
}

/** "11:00 AM PT". */
export function formatTime(instant: string, zone: string): string {
  const at = new Date(instant);
  if (Number.isNaN(at.getTime())) return instant;
  return `${formatter(zone, TIME).format(at)} ${zoneName(zone, at)}`;
}

/** "Jun 30, 2027": the winery's day an instant falls on (a certificate valid through that day). */
export function formatDayOf(instant: string, zone: string): string {
  const at = new Date(instant);
  if (Number.isNaN(at.getTime())) return instant;
  return formatter(zone, DAY).format(at);
}

/** "Jun 30, 2027": a calendar date (`YYYY-MM-DD`) as it is, in no zone. */
export function formatDate(date: string): string {
  const match = CALENDAR_DATE.exec(date);
  if (!match) return date;
  return formatter('UTC', DAY).format(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))));
}

/** A date field's value (a calendar date or an instant) as staff read it. */
export function formatDateOrInstant(value: string, zone: string): string {
  return CALENDAR_DATE.test(value) ? formatDate(value) : formatDayOf(value, zone);
}

/** The wall-clock fields of an instant in a zone. */
function partsIn(at: Date, zone: string): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const parts = formatter(zone, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour') % 24, minute: get('minute'), second: get('second') };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `YYYY-MM-DD`: the winery's today (or the day of `at`). */
export function todayIn(zone: string, at: Date = new Date()): string {
  const p = partsIn(at, zone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** `YYYY-MM-DD` plus some days. */
export function addDays(date: string, days: number): string {
  const match = CALENDAR_DATE.exec(date);
  if (!match) return date;
  const next = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + days));
  return next.toISOString().slice(0, 10);
}

/** How far the zone's wall clock is ahead of UTC at an instant, in milliseconds. */
function offsetAt(at: Date, zone: string): number {
  const p = partsIn(at, zone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - (at.getTime() - at.getUTCMilliseconds());
}

/**
 * `2027-01-16T11:00` read as the winery's wall clock → the UTC instant. A time skipped by a
 * daylight-saving jump, or a repeated one, gets the offset in force just after the change.
 */
export function wallTimeToInstant(local: string, zone: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!match) return undefined;
  const asUtc = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), Number(match[4]), Number(match[5]));
  // Two rounds settle the offset on either side of a daylight-saving change.
  const guess = asUtc - offsetAt(new Date(asUtc), zone);
  return new Date(asUtc - offsetAt(new Date(guess), zone)).toISOString();
}

/** An instant as the winery's wall clock, for a `datetime-local` input (`2027-01-16T11:00`). */
export function instantToWallTime(instant: string, zone: string): string {
  const p = partsIn(new Date(instant), zone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

/** Text that carries ISO instants (a summary written by the server) with each shown in the winery's zone. */
export function withInstantsIn(text: string, zone: string): string {
  return text.replace(ISO_INSTANT, (instant) => formatDateTime(instant, zone));
}

/** True for a string that is an ISO instant or a calendar date. */
export const isInstant = (value: string) => new RegExp(`^${ISO_INSTANT.source}$`).test(value);
export const isCalendarDate = (value: string) => CALENDAR_DATE.test(value);
