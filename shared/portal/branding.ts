import { cachedSettings } from '../settings/settings-repository';
import type { PortalBranding } from './portal-schemas';

/**
 * The winery's name, currency and time zone for the portal's pages (which show prices in the
 * currency and dates and times as the winery's). A tenant without settings (or none at all: the
 * answer never tells) gets the defaults. Read through the settings cache, since anyone may ask.
 * Only these fields: the rest of the settings (flags, email senders, the age provider) stays
 * staff-only.
 */
export async function portalBranding(tenantId: string): Promise<PortalBranding> {
  const { wineryName, currency, timeZone } = await cachedSettings(tenantId);
  return { wineryName, currency, timeZone };
}
