import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { nowIso } from '../clock';
import type { Actor } from '../schemas/common';
import { DEFAULT_SETTINGS, type Settings, type SettingsInput } from './settings-schemas';
import { dynamo, tableName } from '../db/client';
import { settingsKeys } from './keys';
import { checkIfMatch, withLostRaceRetry } from '../db/transact';
import { nextStamp } from '../db/item-stamp';
import { stampedPut } from '../db/item-writes';

/**
 * A tenant's settings. Writes that only consult settings (required fields, flag keys) read a
 * copy cached per container for a few seconds, so a create stays at two DynamoDB requests;
 * a settings change reaches every container within `CACHE_MS`. `GET /v1/settings` always
 * reads the table.
 */
const CACHE_MS = 10_000;
/**
 * The cache's age is elapsed time on this container, not the business clock: a test or the
 * local scheduler moving `now()` must not make a stale copy look fresh.
 */
const elapsedMs = () => performance.now();
const cache = new Map<string, { at: number; settings: Settings }>();
/** Bounded: the public branding route reads settings for any tenant id a caller makes up. */
const CACHE_MAX_TENANTS = 500;

function remember(tenantId: string, settings: Settings): void {
  cache.delete(tenantId);
  cache.set(tenantId, { at: elapsedMs(), settings });
  // A Map iterates in insertion order: the first key is the one least recently stored.
  if (cache.size > CACHE_MAX_TENANTS) cache.delete(cache.keys().next().value!);
}

function toSettings(item: Record<string, unknown> | undefined): Settings {
  if (!item) return { ...structuredClone(DEFAULT_SETTINGS), version: 0, updatedAt: null };
  return {
    wineryName: (item.wineryName as string | undefined) ?? DEFAULT_SETTINGS.wineryName,
    requiredFields: item.requiredFields as Settings['requiredFields'],
    flags: item.flags as Settings['flags'],
    features: item.features as Settings['features'],
    // Fields added after a tenant saved its settings read as their defaults.
    ageVerification: {
      ...DEFAULT_SETTINGS.ageVerification,
      ...(item.ageVerification as Partial<Settings['ageVerification']>),
    },
    email: item.email as Settings['email'],
    alertEmails: (item.alertEmails as string[] | undefined) ?? DEFAULT_SETTINGS.alertEmails,
    currency: item.currency as string,
    timeZone: (item.timeZone as string | undefined) ?? DEFAULT_SETTINGS.timeZone,
    limits: { ...DEFAULT_SETTINGS.limits, ...(item.limits as Partial<Settings['limits']> | undefined) },
    clubReasons: (item.clubReasons as Settings['clubReasons'] | undefined) ?? structuredClone(DEFAULT_SETTINGS.clubReasons),
    clubSelfService: (item.clubSelfService as Settings['clubSelfService'] | undefined) ?? structuredClone(DEFAULT_SETTINGS.clubSelfService),
    version: item.version as number,
    updatedAt: item.updatedAt as string,
  };
}

async function readSettingsItem(tenantId: string): Promise<Record<string, unknown> | undefined> {
  const result = await dynamo.send(
    new GetCommand({ TableName: tableName, Key: settingsKeys.settings(tenantId), ConsistentRead: true }),
  );
  return result.Item;
}

export async function readSettings(tenantId: string): Promise<Settings> {
  const settings = toSettings(await readSettingsItem(tenantId));
  remember(tenantId, settings);
  return settings;
}

export async function cachedSettings(tenantId: string): Promise<Settings> {
  const hit = cache.get(tenantId);
  if (hit && elapsedMs() - hit.at < CACHE_MS) return hit.settings;
  return readSettings(tenantId);
}

/**
 * Replaces the settings: reads the stored version, checks `If-Match` against it (412 when it
 * moved), and writes conditioned on it; a save that slipped in between reads and decides again
 * (the one lost-race policy, `withLostRaceRetry`).
 */
export async function saveSettings(
  tenantId: string,
  input: SettingsInput,
  actor: Actor,
  ifMatch: number | undefined,
): Promise<Settings> {
  return withLostRaceRetry(async () => {
    const stored = await readSettingsItem(tenantId);
    const previous = { version: (stored?.version as number | undefined) ?? 0, createdAt: stored?.createdAt as string | undefined };
    checkIfMatch(ifMatch, previous.version);
    const item = {
      ...settingsKeys.settings(tenantId),
      type: 'settings',
      tenantId,
      ...input,
      ...nextStamp(previous, actor, nowIso()),
    };
    await dynamo.send(new PutCommand(stampedPut(item)));
    const settings = toSettings(item);
    remember(tenantId, settings);
    return settings;
  });
}
