import { fromEnv } from '@aws-sdk/credential-provider-env';

/**
 * Stands in for `@aws-sdk/credential-provider-node` in the functions' bundles (an esbuild alias,
 * `infra/bundle/options.ts`). Lambda gives a function its role's credentials in environment
 * variables (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN), so the SDK's whole
 * default chain (SSO, profiles, processes, web identity, the metadata service, with the STS and
 * SSO clients they bring: ~140 KiB a bundle) is never used there. Locally nothing is bundled and
 * the real chain runs.
 */
export const defaultProvider = (init: Parameters<typeof fromEnv>[0] = {}) => fromEnv(init);

export const credentialsWillNeedRefresh = (credentials: { expiration?: Date } | undefined) => credentials?.expiration !== undefined;

/** As the real module: credentials expiring within five minutes are fetched again. */
export const credentialsTreatedAsExpired = (credentials: { expiration?: Date } | undefined) =>
  credentials?.expiration !== undefined && credentials.expiration.getTime() - Date.now() < 300_000;
