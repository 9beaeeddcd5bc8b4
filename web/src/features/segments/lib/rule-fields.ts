import type { components } from '@/lib/api-schema';

/**
 * The rule builder's catalogue, in staff's words: for each field the API knows, what it is
 * called, the operators it takes and the picker its value needs. Pure, so the conversion between
 * what staff pick (`RuleDraft`: text and lists of text, as form inputs hold them) and what the
 * API takes (`SegmentRule`) is tested on its own.
 */
export type SegmentRule = components['schemas']['SegmentRule'];
export type RuleField = SegmentRule['field'];

/** What kind of picker a field's value needs. */
export type ValueKind = 'flag' | 'class' | 'club' | 'regions' | 'countries' | 'months' | 'yesNo' | 'days' | 'count' | 'money';

export interface FieldInfo {
  label: string;
  ops: { value: string; label: string }[];
  kind: ValueKind;
}

const yesNo = [{ value: 'is', label: 'is' }];
const days = [
  { value: 'withinDays', label: 'within the last' },
  { value: 'notWithinDays', label: 'not within the last (or never)' },
];
const amount = [
  { value: 'gte', label: 'at least' },
  { value: 'lte', label: 'at most' },
];

export const FIELDS: Record<RuleField, FieldInfo> = {
  flag: { label: 'Flag', ops: [{ value: 'has', label: 'has' }, { value: 'hasNot', label: 'does not have' }], kind: 'flag' },
  classId: { label: 'Class', ops: [{ value: 'is', label: 'is' }, { value: 'isNot', label: 'is not' }], kind: 'class' },
  clubId: { label: 'Club', ops: [{ value: 'memberOf', label: 'is a member of' }, { value: 'notMemberOf', label: 'is not a member of' }], kind: 'club' },
  region: { label: 'Region (billing address)', ops: [{ value: 'in', label: 'is one of' }], kind: 'regions' },
  country: { label: 'Country (billing address)', ops: [{ value: 'in', label: 'is one of' }], kind: 'countries' },
  birthMonth: { label: 'Birth month', ops: [{ value: 'in', label: 'is one of' }], kind: 'months' },
  ageVerified: { label: 'Age verified', ops: yesNo, kind: 'yesNo' },
  'permissions.email': { label: 'Allows email', ops: yesNo, kind: 'yesNo' },
  'permissions.sms': { label: 'Allows text messages', ops: yesNo, kind: 'yesNo' },
  'permissions.phone': { label: 'Allows phone calls', ops: yesNo, kind: 'yesNo' },
  'permissions.mail': { label: 'Allows mail', ops: yesNo, kind: 'yesNo' },
  createdAt: { label: 'Added', ops: days, kind: 'days' },
  lastOrderAt: { label: 'Last order', ops: days, kind: 'days' },
  orderCount: { label: 'Orders', ops: amount, kind: 'count' },
  lifetimeValueCents: { label: 'Lifetime value', ops: amount, kind: 'money' },
  creditBalanceCents: { label: 'Credit balance', ops: amount, kind: 'money' },
};

export const FIELD_OPTIONS = (Object.keys(FIELDS) as RuleField[]).map((field) => ({ value: field, label: FIELDS[field].label }));

export const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A rule as the form holds it: the value as an input's text, or a list of texts for the "one of" pickers. */
export interface RuleDraft {
  field: RuleField;
  op: string;
  value: string | string[];
}

export const isListKind = (kind: ValueKind) => kind === 'regions' || kind === 'countries' || kind === 'months';

/** A new rule for `field`: its first operator, an empty value (yes for the yes/no fields). */
export function newRule(field: RuleField): RuleDraft {
  const info = FIELDS[field];
  return { field, op: info.ops[0]!.value, value: isListKind(info.kind) ? [] : info.kind === 'yesNo' ? 'true' : '' };
}

/** "12.50" (the currency's units) → 1250; whole numbers otherwise. Undefined when it is not one. */
function numberOf(text: string, kind: ValueKind): number | undefined {
  const trimmed = text.trim();
  if (kind === 'money') return /^-?\d+(\.\d{1,2})?$/.test(trimmed) ? Math.round(Number(trimmed) * 100) : undefined;
  return /^-?\d+$/.test(trimmed) ? Number(trimmed) : undefined;
}

/** What a draft says to the API, or why it cannot be sent yet (in words, for the value's field). */
export function toRule(draft: RuleDraft): { rule: SegmentRule } | { error: string } {
  const { kind } = FIELDS[draft.field];
  const list = Array.isArray(draft.value) ? draft.value : [];
  const text = Array.isArray(draft.value) ? '' : draft.value;
  let value: unknown;
  switch (kind) {
    case 'flag':
    case 'class':
    case 'club':
      if (!text) return { error: `Choose a ${kind}` };
      value = text;
      break;
    case 'regions':
    case 'countries':
      if (list.length === 0) return { error: `Choose at least one ${kind === 'regions' ? 'region' : 'country'}` };
      value = kind === 'countries' ? list.map((code) => code.toUpperCase()) : list;
      break;
    case 'months':
      if (list.length === 0) return { error: 'Choose at least one month' };
      value = list.map(Number);
      break;
    case 'yesNo':
      value = text === 'true';
      break;
    case 'days': {
      const n = numberOf(text, kind);
      if (n === undefined || n < 1) return { error: 'Enter a number of days' };
      value = n;
      break;
    }
    case 'count':
    case 'money': {
      const n = numberOf(text, kind);
      if (n === undefined) return { error: kind === 'money' ? 'Enter an amount such as 250 or 99.50' : 'Enter a whole number' };
      value = n;
      break;
    }
  }
  return { rule: { field: draft.field, op: draft.op, value } as SegmentRule };
}

/** A saved rule back into the form's terms. */
export function toDraft(rule: SegmentRule): RuleDraft {
  const { kind } = FIELDS[rule.field];
  const value = rule.value as unknown;
  if (Array.isArray(value)) return { field: rule.field, op: rule.op, value: value.map(String) };
  if (kind === 'money') return { field: rule.field, op: rule.op, value: ((value as number) / 100).toFixed(2).replace(/\.00$/, '') };
  return { field: rule.field, op: rule.op, value: String(value) };
}

/** Every rule sent, or the first reason one cannot be (by its index). */
export function toRules(drafts: readonly RuleDraft[]): { rules: SegmentRule[]; errors: Record<number, string> } {
  const rules: SegmentRule[] = [];
  const errors: Record<number, string> = {};
  drafts.forEach((draft, index) => {
    const result = toRule(draft);
    if ('rule' in result) rules.push(result.rule);
    else errors[index] = result.error;
  });
  return { rules, errors };
}

/** Names for what a value points at: the winery's flags, classes and clubs, and money. */
export interface Names {
  flag: (key: string) => string;
  class: (id: string) => string;
  club: (id: string) => string;
  money: (cents: number) => string;
}

/** A rule in words: "Club is a member of Reserve", "Last order not within the last (or never) 90 days". */
export function describeRule(rule: SegmentRule, names: Names): string {
  const info = FIELDS[rule.field];
  const op = info.ops.find((candidate) => candidate.value === rule.op)?.label ?? rule.op;
  const value = rule.value as unknown;
  let shown: string;
  switch (info.kind) {
    case 'flag':
      shown = names.flag(value as string);
      break;
    case 'class':
      shown = names.class(value as string);
      break;
    case 'club':
      shown = names.club(value as string);
      break;
    case 'months':
      shown = (value as number[]).map((month) => MONTHS[month - 1]).join(', ');
      break;
    case 'regions':
    case 'countries':
      shown = (value as string[]).join(', ');
      break;
    case 'yesNo':
      shown = value ? 'yes' : 'no';
      break;
    case 'days':
      shown = `${value as number} days`;
      break;
    case 'money':
      shown = names.money(value as number);
      break;
    case 'count':
      shown = String(value);
      break;
  }
  return `${info.label} ${op} ${shown}`;
}
