/**
 * Lambda event filtering for the local poller: the same patterns the CDK event source mappings
 * carry (`FilterCriteria`), applied to the Lambda-shaped stream record.
 *
 * Semantics, as Lambda (EventBridge pattern syntax) has them:
 * - a record passes when ANY pattern of the list matches; an empty list lets everything through;
 * - inside a pattern, EVERY key must match; a nested object descends into the record;
 * - a leaf is an array of alternatives (OR): exact values (string, number, boolean, null) or one of
 *   `{ prefix }`, `{ suffix }`, `{ "equals-ignore-case" }`, `{ exists }`, `{ "anything-but" }`,
 *   `{ numeric }`;
 * - when the record holds an array at that place, the leaf matches if any element matches.
 *
 * Anything else is rejected when the pattern is compiled: a filter the poller does not understand
 * must fail loudly, not silently wake (or starve) a consumer differently from AWS.
 */

export type FilterPattern = Readonly<Record<string, unknown>>;

/** A pattern uses syntax that Lambda rejects or that this poller does not implement. */
export class FilterPatternError extends Error {
  override readonly name = 'FilterPatternError';
}

type Scalar = string | number | boolean | null;
type Matcher = (value: unknown) => boolean;

/**
 * Compiles a filter list (OR across patterns) into a predicate over a record.
 * Throws `FilterPatternError` for a pattern it cannot honour.
 */
export function compileFilters(patterns: readonly FilterPattern[]): (record: unknown) => boolean {
  if (patterns.length === 0) return () => true;
  const compiled = patterns.map((pattern, index) => compileObject(pattern, `filters[${index}]`));
  return (record) => compiled.some((match) => match(record));
}

/** One-off form of `compileFilters`, for tests and small tools. */
export function matchesFilters(patterns: readonly FilterPattern[], record: unknown): boolean {
  return compileFilters(patterns)(record);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function compileObject(pattern: unknown, path: string): Matcher {
  if (!isPlainObject(pattern)) throw new FilterPatternError(`${path} must be an object`);
  const fields = Object.entries(pattern).map(([key, sub]): Matcher => {
    const at = `${path}.${key}`;
    const match = Array.isArray(sub) ? compileLeaf(sub, at) : compileObject(sub, at);
    return (record) => {
      const value = isPlainObject(record) ? record[key] : undefined;
      return match(value);
    };
  });
  // Lambda flattens patterns into paths: under a missing (or scalar) parent every field is
  // absent, which only `exists: false` accepts. Arrays of objects match when any element does.
  return (value) => anyElement(value, (item) => fields.every((field) => field(item)));
}

function anyElement(value: unknown, test: (item: unknown) => boolean): boolean {
  return Array.isArray(value) ? value.some(test) : test(value);
}

function compileLeaf(alternatives: readonly unknown[], path: string): Matcher {
  if (alternatives.length === 0) throw new FilterPatternError(`${path} is an empty list, which matches nothing`);
  const matchers = alternatives.map((alternative, index) => compileAlternative(alternative, `${path}[${index}]`));
  return (value) => matchers.some((match) => match(value));
}

function isScalar(value: unknown): value is Scalar {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

function equalsScalar(expected: Scalar): Matcher {
  return (value) => anyElement(value, (item) => item === expected);
}

function compileAlternative(alternative: unknown, path: string): Matcher {
  if (isScalar(alternative)) return equalsScalar(alternative);
  if (!isPlainObject(alternative)) throw new FilterPatternError(`${path} must be a value or an operator object`);
  const keys = Object.keys(alternative);
  if (keys.length !== 1) throw new FilterPatternError(`${path} must have exactly one operator, found ${keys.join(', ') || 'none'}`);
  const operator = keys[0] as string;
  const operand = alternative[operator];
  switch (operator) {
    case 'exists':
      if (typeof operand !== 'boolean') throw new FilterPatternError(`${path}.exists must be true or false`);
      return (value) => (value !== undefined) === operand;
    case 'prefix':
      return stringTest(operand, path, operator, (value, text) => value.startsWith(text));
    case 'suffix':
      return stringTest(operand, path, operator, (value, text) => value.endsWith(text));
    case 'equals-ignore-case':
      return stringTest(operand, path, operator, (value, text) => value.toLowerCase() === text.toLowerCase());
    case 'anything-but':
      return anythingBut(operand, `${path}.anything-but`);
    case 'numeric':
      return numeric(operand, `${path}.numeric`);
    default:
      throw new FilterPatternError(`${path} uses the operator "${operator}", which the local poller does not implement`);
  }
}

function stringTest(operand: unknown, path: string, operator: string, test: (value: string, operand: string) => boolean): Matcher {
  if (typeof operand !== 'string') throw new FilterPatternError(`${path}.${operator} must be a string`);
  return (value) => anyElement(value, (item) => typeof item === 'string' && test(item, operand));
}

function anythingBut(operand: unknown, path: string): Matcher {
  let excluded: Matcher;
  if (isScalar(operand)) {
    excluded = equalsScalar(operand);
  } else if (Array.isArray(operand) && operand.length > 0 && operand.every(isScalar)) {
    const each = operand.map(equalsScalar);
    excluded = (value) => each.some((match) => match(value));
  } else if (isPlainObject(operand) && Object.keys(operand).length === 1 && ('prefix' in operand || 'suffix' in operand)) {
    excluded = compileAlternative(operand, path);
  } else {
    throw new FilterPatternError(`${path} must be a value, a list of values, or { prefix } / { suffix }`);
  }
  // A missing field is not "anything but x": Lambda drops the record.
  return (value) => value !== undefined && !excluded(value);
}

const comparisons: Record<string, (a: number, b: number) => boolean> = {
  '=': (a, b) => a === b,
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
};

function numeric(operand: unknown, path: string): Matcher {
  if (!Array.isArray(operand) || operand.length === 0 || operand.length % 2 !== 0) {
    throw new FilterPatternError(`${path} must be pairs of an operator and a number, e.g. [">", 0, "<=", 5]`);
  }
  const tests: ((n: number) => boolean)[] = [];
  for (let i = 0; i < operand.length; i += 2) {
    const compare = comparisons[String(operand[i])];
    const bound = operand[i + 1];
    if (!compare || typeof bound !== 'number') throw new FilterPatternError(`${path}[${i}] is not an operator and a number`);
    tests.push((n) => compare(n, bound));
  }
  // Only JSON numbers take part; DynamoDB's `N` values are strings, as Lambda sees them too.
  return (value) => anyElement(value, (item) => typeof item === 'number' && tests.every((test) => test(item)));
}
