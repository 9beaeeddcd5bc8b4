import { ApiProblem } from '@/lib/api-client';

/**
 * A 400's `errors` keyed by their path (`billingAddress.email`), which is also the form field's
 * path, so each message shows next to its input. Errors on a whole object (`shippingAddress`)
 * stay keyed by that path; the form shows them on its section.
 */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  if (!(error instanceof ApiProblem)) return {};
  const byPath: Record<string, string> = {};
  for (const { path, message } of error.errors) byPath[path] ??= message;
  return byPath;
}
