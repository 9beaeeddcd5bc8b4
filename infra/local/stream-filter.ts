/**
 * Lambda event filtering for the local poller: the same patterns the CDK event source mappings
 * carry (`FilterCriteria`), applied to the Lambda-shaped stream record.
 *
 * Only the syntax the consumer table uses (`shared/streams/consumers.ts`), with Lambda's meaning:
 * - a record passes when ANY pattern of the list matches; an empty list lets everything through;
 * - inside a pattern, EVERY key must match; a nested object descends into the record, and under
 *   a missing parent (a REMOVE has no `NewImage`) nothing matches;
 * - a leaf is a list of exact values (string, number, boolean, null), any of which may match.
 *
 * Anything else (`prefix`, `exists`, `anything-but`, …) is rejected when the pattern is compiled:
 * a consumer whose filter the poller does not understand must fail loudly at `npm start`, not wake
 * differently from AWS. Add the operator here, with its test, when the consumer table needs it.
 */

export type FilterPattern = Readonly<Record<string, unknown>>;

/** A pattern uses syntax that this poller does not implement. */
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

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isScalar(value: unknown): value is Scalar {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

function compileObject(pattern: unknown, path: string): Matcher {
  if (!isPlainObject(pattern)) throw new FilterPatternError(`${path} must be an object`);
  const fields = Object.entries(pattern).map(([key, sub]): Matcher => {
    const match = Array.isArray(sub) ? compileLeaf(sub, `${path}.${key}`) : compileObject(sub, `${path}.${key}`);
    return (record) => match(isPlainObject(record) ? record[key] : undefined);
  });
  return (record) => fields.every((field) => field(record));
}

function compileLeaf(values: readonly unknown[], path: string): Matcher {
  if (values.length === 0) throw new FilterPatternError(`${path} is an empty list, which matches nothing`);
  values.forEach((value, index) => {
    if (!isScalar(value)) {
      throw new FilterPatternError(
        `${path}[${index}] is ${JSON.stringify(value)}: the local poller implements exact values only (see infra/local/stream-filter.ts)`,
      );
    }
  });
  return (value) => values.includes(value as Scalar);
}
