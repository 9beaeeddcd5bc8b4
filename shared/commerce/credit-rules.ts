import { ConflictError } from '../errors';
import { formatMoney } from './money';

/**
 * Stored credit's rules, pure. The balance never goes below zero: the repository enforces it
 * with a condition on the balance write (so racing deductions cannot break it), and these say
 * what the person is told.
 */

/** 409: the deduction would take the balance below zero; `path` names the amount field. */
export const creditBalanceTooLow = (path: string) =>
  new ConflictError('credit-balance-too-low', 'The credit balance is lower than the amount to deduct.', [
    { path, message: 'is more than the credit balance' },
  ]);

/** The timeline line of a credit change when its caller gives none: "Credit added: $25.00 (Birthday)". */
export function creditSummary(amountCents: number, reason: string, currency: string): string {
  return `Credit ${amountCents > 0 ? 'added' : 'deducted'}: ${formatMoney(Math.abs(amountCents), currency)} (${reason})`;
}
