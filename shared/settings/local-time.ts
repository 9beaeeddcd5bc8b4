/**
 * The winery's local time. Instants are stored and served in UTC (the contract); people read
 * them in the tenant's `settings.timeZone`. Pure: no clock, no I/O.
 */

/**
 * The time zone of a tenant that has not chosen one. A winery is a local business and the
 * tenant's default currency is USD; most US wineries are on the west coast (California, Oregon,
 * Washington), so Pacific time is the least surprising default. Admins change it in settings.
 */
export const DEFAULT_TIME_ZONE = 'America/Los_Angeles';

/**
 * `Area/Location` names (`America/Los_Angeles`, `America/Argentina/Mendoza`) or `UTC`: the IANA
 * names a person picks. Legacy abbreviations (`EST`, `PST8PDT`) and UTC offsets (`+01:00`, which
 * Node 22's Intl accepts) are refused: they do not follow daylight saving the way the place does.
 */
const IANA_NAME = /^(?:UTC|[A-Z][A-Za-z_]+(?:\/[A-Za-z0-9_+-]+)+)$/;

/** True when `name` is an IANA time zone name that this runtime's Intl knows. */
export function isTimeZone(name: string): boolean {
  if (!IANA_NAME.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** Formatters are costly to build; a container sees few zones. */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(kind: 'dateTime' | 'isoDate' | 'date', timeZone: string): Intl.DateTimeFormat {
  const key = `${kind}|${timeZone}`;
  let found = formatters.get(key);
  if (!found) {
    found =
      kind === 'dateTime'
        ? new Intl.DateTimeFormat('en-US', {
            timeZone, weekday: 'short', month: 'short', day: 'numeric', year: 'numeric',
            hour: 'numeric', minute: '2-digit', timeZoneName: 'short',
          })
        : kind === 'date'
          ? new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', month: 'short', day: 'numeric', year: 'numeric' })
          // en-CA writes dates as YYYY-MM-DD.
          : new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(key, found);
  }
  return found;
}

/** Newer ICU puts a narrow no-break space before AM/PM; emails and tests want a plain space. */
const plainSpaces = (text: string) => text.replace(/[\u202f\u00a0]/g, ' ');

function toDate(instant: Date | string): Date {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) throw new RangeError(`not an instant: ${String(instant)}`);
  return date;
}

/**
 * An instant as a person reads it in `timeZone`, with the zone's abbreviation:
 * `Sat, Dec 5, 2026, 2:00 PM PST` (zones without a common English abbreviation show
 * `GMT+1` and the like).
 */
export function formatInTimeZone(instant: Date | string, timeZone: string): string {
  return plainSpaces(formatter('dateTime', timeZone).format(toDate(instant)));
}

/** The calendar date (`YYYY-MM-DD`) that `instant` falls on in `timeZone`. */
export function localDate(instant: Date | string, timeZone: string): string {
  return formatter('isoDate', timeZone).format(toDate(instant));
}

/**
 * A calendar date (`YYYY-MM-DD`, such as `pausedUntil`) for people: `Sat, Dec 5, 2026`. A date
 * has no time zone, so it is formatted as itself (read at UTC midnight, written in UTC).
 */
export function formatDate(isoDate: string): string {
  return plainSpaces(formatter('date', 'UTC').format(toDate(`${isoDate}T00:00:00Z`)));
}
