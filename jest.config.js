/**
 * Jest runs the TypeScript sources as native ES modules (middy 7 is ESM-only), hence
 * `node --experimental-vm-modules` in `npm test`. @swc/jest strips types without the
 * TypeScript compiler API (TypeScript 7's native compiler has none; `tsc` 5.9 is pinned for
 * `npm run typecheck`). DynamoDB Local is started once per run by the global setup; every test
 * file works in tenants of its own.
 */
// Test stacks take a free port for the web app (`npm start` would take 3001): parallel test files
// each start one. Set here because Jest's workers inherit this process's environment.
process.env.WEB_PORT ??= '0';

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
};

export default {
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  maxWorkers: 2,
  testTimeout: 60_000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.test.ts'] },
    { ...common, displayName: 'infra', testMatch: ['<rootDir>/test/infra/**/*.test.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/*.test.ts'] },
    // The staff console in Debian's Chromium (playwright-core), against `npm start`.
    { ...common, displayName: 'browser', testMatch: ['<rootDir>/test/e2e/browser/**/*.test.ts'] },
  ],
};
