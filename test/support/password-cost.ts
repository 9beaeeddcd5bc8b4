/**
 * Stands in for `shared/portal/password-cost.ts` in the integration tests only (jest
 * `moduleNameMapper` of the integration project): scrypt at N=2^10 instead of 2^17, so the many
 * passwords those tests set and check cost a millisecond, not a few hundred. Production cannot
 * reach this: no source outside `test/` imports it (a unit test holds that), esbuild never sees
 * the jest configuration, and the stored hash names its own parameters. The unit tests keep the
 * real cost and assert it; `npm start` and the e2e tests run it too.
 */
export const SCRYPT_COST = { N: 2 ** 10, r: 8, p: 1 } as const;
