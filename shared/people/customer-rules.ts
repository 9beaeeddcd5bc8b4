import type { FieldError } from '../errors';
import type { UpdateCustomerBody } from './customer-schemas';
import type { ProfilePage } from './profile-page';
import type { Settings } from '../settings/settings-schemas';
import { clearedRequiredFields, missingRequiredFields } from './required-fields';
import type { CustomerClassItem } from '../classes/customer-class-repository';

type PeopleSettings = Pick<Settings, 'flags' | 'requiredFields'>;

export const UNKNOWN_CLASS: FieldError = { path: 'customerClassId', message: 'is not a customer class of this winery' };
const CLUB_CLASS: FieldError = { path: 'customerClassId', message: "is a club's class: a club's class comes with the membership" };

/**
 * The class staff may give a person as their own: one of the tenant's classes, not a club's
 * (a club's class is the members' discount, given by the membership, never by hand).
 */
export function ownClassErrors(classItem: Pick<CustomerClassItem, 'clubId'> | undefined): FieldError[] {
  if (!classItem) return [UNKNOWN_CLASS];
  return classItem.clubId ? [CLUB_CLASS] : [];
}

/** The keys settings define for flags now. */
const definedFlags = (settings: Pick<Settings, 'flags'>): ReadonlySet<string> => new Set(settings.flags.map((flag) => flag.key));

/**
 * Flags a person may carry: those settings define, and those the person already holds. A flag
 * retired from settings stays valid on the people who hold it until it is taken off them (so
 * their other fields stay editable, and `?flag=` still finds them), but nobody new gets it.
 */
export function flagErrors(flags: readonly unknown[], isDefined: (flag: string) => boolean, held: readonly string[] = []): FieldError[] {
  return flags.flatMap((flag, index) =>
    typeof flag === 'string' && !isDefined(flag) && !held.includes(flag)
      ? [{ path: `flags[${index}]`, message: 'is not a flag defined in settings' }]
      : [],
  );
}

/**
 * A new person against the winery's settings: required fields present, flags defined. It reads
 * the body as plain JSON, so it can run beside the schema and its errors join the schema's.
 */
export function newCustomerErrors(body: unknown, settings: PeopleSettings): FieldError[] {
  const flags = body && typeof body === 'object' ? (body as { flags?: unknown }).flags : undefined;
  const defined = definedFlags(settings);
  return [...missingRequiredFields(body, settings.requiredFields), ...flagErrors(Array.isArray(flags) ? flags : [], (flag) => defined.has(flag))];
}

/**
 * What settings say about one change, for the write to apply: the fields it would clear that
 * settings require, and the flags it carries that settings do not define (allowed only on a
 * person who already holds them, which only the stored person can tell).
 */
export interface CustomerChangeRules {
  errors: readonly FieldError[];
  retiredFlags: readonly string[];
  /**
   * The effective class of a club member with a new own class (the clubs' `effectiveClassWithClubs`,
   * which the route hands in): written with the change, so the profile and the next order say it
   * at once. Without it the `class-assignment` consumer decides, a moment later.
   */
  classWithClubs?: (ownClassId: string | null, page: ProfilePage) => Promise<string | null>;
}

/** The rules of each change of a person (an import hands every row's change to one). */
export type ChangeRulesOf = (patch: UpdateCustomerBody) => CustomerChangeRules;

export function customerChangeRules(patch: UpdateCustomerBody, settings: PeopleSettings): CustomerChangeRules {
  const defined = definedFlags(settings);
  return {
    errors: clearedRequiredFields(patch, settings.requiredFields),
    retiredFlags: (patch.flags ?? []).filter((flag) => !defined.has(flag)),
  };
}
