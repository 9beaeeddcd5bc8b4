import { useMutation } from '@tanstack/react-query';
import { ApiProblem, unwrap } from '@/lib/api-client';
import { portalTokenStore } from '../lib/portal-session';
import { portalCall, portalClient } from './client';

/**
 * A 429 on sign-in: too many failed attempts. `retryAfterSeconds` is the response's
 * `Retry-After`, or null when the browser may not read it (the API must expose the header to
 * another origin through CORS).
 */
export class SignInLocked extends ApiProblem {
  constructor(
    problem: ApiProblem,
    readonly retryAfterSeconds: number | null,
  ) {
    super(problem.status, problem.title, problem.detail, problem.errors);
  }
}

export function useSignIn(tenantId: string) {
  return useMutation({
    mutationFn: async (body: { email: string; password: string }) => {
      const { client } = await portalClient();
      const result = await client.POST('/portal/{tenantId}/login', { params: { path: { tenantId } }, body });
      try {
        return await unwrap(Promise.resolve(result));
      } catch (error) {
        if (!(error instanceof ApiProblem) || error.status !== 429) throw error;
        const seconds = Number(result.response.headers.get('retry-after'));
        throw new SignInLocked(error, Number.isFinite(seconds) && seconds > 0 ? seconds : null);
      }
    },
    onSuccess: ({ token }) => {
      portalTokenStore.set(token);
    },
  });
}

/** Always 202: the answer never says whether the email has an account. */
export function useRequestPasswordLink(tenantId: string) {
  return useMutation({
    mutationFn: (email: string) =>
      portalCall((client) => client.POST('/portal/{tenantId}/password-reset', { params: { path: { tenantId } }, body: { email } })),
  });
}

/** Sets the password with a one-time token: the welcome email's and the reset email's alike. */
export function useConfirmPassword(tenantId: string) {
  return useMutation({
    mutationFn: (body: { token: string; newPassword: string }) =>
      portalCall((client) => client.POST('/portal/{tenantId}/password-reset/confirm', { params: { path: { tenantId } }, body })),
    // Setting a password ends every older session of the person.
    onSuccess: () => {
      portalTokenStore.set(undefined);
    },
  });
}
