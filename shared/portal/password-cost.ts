/**
 * scrypt's cost for new hashes, in a module of its own so that the integration tests can swap
 * it (jest's moduleNameMapper → test/support/password-cost.ts); production code has no way to
 * lower it.
 */
export const SCRYPT_COST = { N: 2 ** 17, r: 8, p: 1 } as const;
