/**
 * Jest runs the TypeScript sources as native ES modules (middy 7 is ESM-only), hence
 * `node --experimental-vm-modules` in `npm test`. @swc/jest strips types without the
 * TypeScript compiler API (TypeScript 7's native compiler has none; `tsc` 5.9 is pinned for
 * `npm run typecheck`).
 *
 * Tests in layers, one project each: `unit` (pure, no DynamoDB Local: its project has no global
 * setup, so `--selectProjects unit` starts nothing), `integration` (DynamoDB Local, started once
 * per run by the global setup of the projects that name it; every test file works in tenants of
 * its own), `infra` (CDK assertions, no DynamoDB), `e2e` and `browser` (`npm start` over HTTP).
 */
// Test stacks take free ports for the web app and the test card processor (`npm start` would take
// 3001 and 3002): parallel test files each start one. Set here because Jest's workers inherit this process's environment.
process.env.WEB_PORT ??= '0';
process.env.CARD_PROCESSOR_PORT ??= '0';

const swc = [
  '@swc/jest',
  {
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'es6' },
    sourceMaps: 'inline',
  },
];

const common = {
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swc },
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  testEnvironment: 'node',
  setupFiles: ['<rootDir>/test/support/test-env.ts'],
};

/** Jest runs a project's global setup only when that project has a test in the run. */
const withDynamoDbLocal = {
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
};

export default {
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  maxWorkers: 2,
  testTimeout: 60_000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
      // The web app's pure modules import each other as `@/…` (its Vite and TypeScript alias).
      moduleNameMapper: { '^@/(.*)$': '<rootDir>/web/src/$1' },
    },
    {
      ...common,
      ...withDynamoDbLocal,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      // Cheap scrypt for the passwords these tests set and check; see test/support/password-cost.ts.
      // Unit tests keep (and assert) the real cost.
      moduleNameMapper: { '^\\./password-cost$': '<rootDir>/test/support/password-cost.ts' },
    },
    { ...common, displayName: 'infra', testMatch: ['<rootDir>/test/infra/**/*.test.ts'] },
    { ...common, ...withDynamoDbLocal, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/*.test.ts'] },
    // The staff console in Debian's Chromium (playwright-core), against `npm start`.
    { ...common, ...withDynamoDbLocal, displayName: 'browser', testMatch: ['<rootDir>/test/e2e/browser/**/*.test.ts'] },
  ],
};
