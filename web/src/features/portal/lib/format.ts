/** Display helpers of the portal (the member's browser locale). */

/** When the winery's name cannot be read (`GET /portal/{tenantId}/branding` failed): `demo-winery` → `Demo Winery`. */
export const tenantDisplayName = (tenantId: string) =>
  tenantId
    .split(/[-_\s]+/)
    .filter(Boolean)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');

export { formatMoney } from '@/lib/money';

/** Dates come from the one date/time module: calendar dates as they are, instants as the winery's day. */
export { formatDate, formatDateOrInstant, formatDayOf } from '@/lib/datetime';

/** A 429's `Retry-After` (seconds) as whole minutes, at least one. */
export const minutesOf = (seconds: number) => Math.max(1, Math.ceil(seconds / 60));

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;
/** The API's rule (`newPassword`: 10–200 characters), said before the member types. */
export const PASSWORD_RULE = `At least ${PASSWORD_MIN} characters (up to ${PASSWORD_MAX}). A few words you will remember make a good one.`;
export const checkPassword = (value: string) =>
  value.length < PASSWORD_MIN ? `Use at least ${PASSWORD_MIN} characters` : value.length > PASSWORD_MAX ? `Use at most ${PASSWORD_MAX} characters` : null;
