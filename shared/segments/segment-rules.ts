import type { AddressItem, CustomerItem } from '../people/customer-items';
import type { Permissions } from '../people/customer-schemas';
import type { SegmentDefinition, SegmentRule } from './segment-schemas';

/**
 * Who a segment holds: pure rules, no DynamoDB. A person is reduced to the facts the rules read
 * (`SegmentFacts`, kept per person by the segment-membership consumer), and a segment's
 * definition is weighed against them at an instant (the day windows of `createdAt` and
 * `lastOrderAt` count back from it).
 */
export interface SegmentFacts {
  flags: string[];
  /** The effective class. */
  classId: string | null;
  /** Clubs with an active or paused membership. */
  clubIds: string[];
  /** Of the default billing address. */
  region: string | null;
  country: string | null;
  birthMonth: number | null;
  ageVerified: boolean;
  permissions: Permissions;
  createdAt: string;
  lastOrderAt: string | null;
  orderCount: number;
  lifetimeValueCents: number;
  creditBalanceCents: number;
}

const NO_PERMISSIONS: Permissions = { email: false, sms: false, phone: false, mail: false };

/** The facts of a person: their profile and their default billing address. */
export function factsOf(profile: CustomerItem, billing: Pick<AddressItem, 'region' | 'country'> | undefined): SegmentFacts {
  const month = profile.birthDate ? Number(profile.birthDate.slice(5, 7)) : null;
  return {
    flags: [...(profile.flags ?? [])].sort(),
    classId: profile.effectiveClassId ?? null,
    clubIds: [...(profile.clubIds ?? [])].sort(),
    region: billing?.region?.trim() || null,
    country: billing?.country ?? null,
    birthMonth: month,
    ageVerified: profile.ageVerification?.status === 'verified',
    permissions: { ...NO_PERMISSIONS, ...profile.permissions },
    createdAt: profile.createdAt,
    lastOrderAt: profile.stats?.lastOrderAt ?? null,
    orderCount: profile.stats?.orderCount ?? 0,
    lifetimeValueCents: profile.stats?.lifetimeValueCents ?? 0,
    creditBalanceCents: profile.creditBalanceCents ?? 0,
  };
}

const DAY_MS = 24 * 60 * 60 * 1000;
const within = (at: string | null, days: number, now: Date) => at !== null && Date.parse(at) >= now.getTime() - days * DAY_MS;

/** Whether one rule holds for a person's facts at `now`. */
export function ruleHolds(rule: SegmentRule, facts: SegmentFacts, now: Date): boolean {
  switch (rule.field) {
    case 'flag':
      return facts.flags.includes(rule.value) === (rule.op === 'has');
    case 'classId':
      return (facts.classId === rule.value) === (rule.op === 'is');
    case 'clubId':
      return facts.clubIds.includes(rule.value) === (rule.op === 'memberOf');
    case 'region':
      return facts.region !== null && rule.value.some((region) => region.toLowerCase() === facts.region!.toLowerCase());
    case 'country':
      return facts.country !== null && rule.value.includes(facts.country.toUpperCase());
    case 'birthMonth':
      return facts.birthMonth !== null && rule.value.includes(facts.birthMonth);
    case 'ageVerified':
      return facts.ageVerified === rule.value;
    case 'permissions.email':
    case 'permissions.sms':
    case 'permissions.phone':
    case 'permissions.mail':
      return facts.permissions[rule.field.slice('permissions.'.length) as keyof Permissions] === rule.value;
    case 'createdAt':
    case 'lastOrderAt':
      // A person who never ordered has not ordered within any window: `notWithinDays` holds.
      return within(facts[rule.field], rule.value, now) === (rule.op === 'withinDays');
    case 'orderCount':
    case 'lifetimeValueCents':
    case 'creditBalanceCents':
      return rule.op === 'gte' ? facts[rule.field] >= rule.value : facts[rule.field] <= rule.value;
  }
}

/** Whether a segment holds a person: every rule (`all`) or at least one (`any`). */
export function segmentHolds(definition: SegmentDefinition, facts: SegmentFacts, now: Date): boolean {
  return definition.match === 'all'
    ? definition.rules.every((rule) => ruleHolds(rule, facts, now))
    : definition.rules.some((rule) => ruleHolds(rule, facts, now));
}

/** Whether a definition's answer depends on the day (a window of days): such segments are weighed again daily. */
export const dependsOnTheDay = (definition: SegmentDefinition): boolean =>
  definition.rules.some((rule) => rule.field === 'createdAt' || rule.field === 'lastOrderAt');
