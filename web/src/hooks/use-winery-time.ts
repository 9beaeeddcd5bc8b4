import { DEFAULT_TIME_ZONE, formatDate, formatDateOrInstant, formatDateTime, formatDayOf, formatTime, todayIn, wallTimeToInstant, withInstantsIn, zoneName } from '@/lib/datetime';
import { useSettings } from './use-reference-data';

/**
 * The winery's clock for the console: every instant shown, and every time typed, in
 * `settings.timeZone` with the zone named, whatever zone the staff member's browser is in.
 */
export function useWineryTime() {
  const zone = useSettings().data?.timeZone ?? DEFAULT_TIME_ZONE;
  return {
    zone,
    /** "PT". */
    zoneName: zoneName(zone),
    dateTime: (instant: string) => formatDateTime(instant, zone),
    time: (instant: string) => formatTime(instant, zone),
    dayOf: (instant: string) => formatDayOf(instant, zone),
    date: formatDate,
    dateOrInstant: (value: string) => formatDateOrInstant(value, zone),
    today: () => todayIn(zone),
    /** A `datetime-local` value read as the winery's wall clock. */
    toInstant: (local: string) => wallTimeToInstant(local, zone),
    /** Server-written text with its ISO instants shown in the winery's zone. */
    text: (text: string) => withInstantsIn(text, zone),
  };
}

export type WineryTime = ReturnType<typeof useWineryTime>;
