/**
 * Money is an integer number of minor units (cents) from the request to the table to the
 * receipt; these are the only places it is multiplied, rounded or formatted. Products and
 * percentages are computed in BigInt, so no intermediate value loses a cent however large the
 * order, and every rounding is explicit.
 */

/** The line amounts of an order: `quantity × unitPriceCents` each, and their sum. */
export function lineTotalCents(quantity: number, unitPriceCents: number): number {
  return toSafeNumber(BigInt(quantity) * BigInt(unitPriceCents));
}

export function subtotalCents(lines: readonly { quantity: number; unitPriceCents: number }[]): number {
  return toSafeNumber(lines.reduce((sum, line) => sum + BigInt(line.quantity) * BigInt(line.unitPriceCents), 0n));
}

/**
 * The discount of `percent` (0–100, at most two decimals, as customer classes store it) on
 * `amountCents`, rounded half up to the cent: 10 % of 9 999 is 999.9 → 1 000; 12.5 % of 9 999
 * is 1 249.875 → 1 250; an exact half cent goes to the customer. The percent is taken in
 * basis points (12.5 % = 1 250) so that the product is exact.
 */
export function discountCents(amountCents: number, percent: number): number {
  if (!Number.isInteger(amountCents) || amountCents < 0) throw new RangeError('amountCents must be a non-negative integer');
  if (!(percent >= 0 && percent <= 100)) throw new RangeError('percent must be between 0 and 100');
  const basisPoints = BigInt(Math.round(percent * 100));
  return toSafeNumber(roundHalfUpDiv(BigInt(amountCents) * basisPoints, 10_000n));
}

/** `numerator / denominator` rounded half up, for non-negative numerators. */
function roundHalfUpDiv(numerator: bigint, denominator: bigint): bigint {
  return (numerator * 2n + denominator) / (denominator * 2n);
}

function toSafeNumber(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError('amount out of range');
  }
  return Number(value);
}

/** How many minor units a currency has (USD 2, JPY 0, BHD 3), as Intl knows it. */
export function minorUnitDigits(currency: string): number {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/**
 * Formats minor units in the tenant's currency (`1234567` USD → `$12,345.67`). The decimal is
 * built as a string and handed to Intl as such, so it is never a float.
 */
export function formatMoney(minorUnits: number, currency: string, locale = 'en-US'): string {
  if (!Number.isInteger(minorUnits)) throw new RangeError('minorUnits must be an integer');
  const digits = minorUnitDigits(currency);
  const negative = minorUnits < 0;
  const text = String(Math.abs(minorUnits)).padStart(digits + 1, '0');
  const decimal = digits === 0 ? text : `${text.slice(0, -digits)}.${text.slice(-digits)}`;
  const format = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }) as Intl.NumberFormat & { format(value: string): string };
  return format.format(`${negative ? '-' : ''}${decimal}`);
}
