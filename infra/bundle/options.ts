import { fileURLToPath } from 'node:url';

/**
 * How every function is bundled, said once: CDK builds the deployed bundles with these
 * (`infra/cdk/functions.ts`) and the bench measures the same (`bench/bundles.ts`).
 *
 * - ES modules like the sources (middy 7 is ESM-only), preferring the ESM builds of dependencies
 *   (`module` before `main`) so esbuild can tree-shake them, for Lambda's Node.js 22;
 * - a `require` for the CommonJS dependencies that call it for Node built-ins;
 * - minified, keeping class names (errors are logged and mapped to problem types by name);
 * - the AWS SDK bundled, not taken from the runtime (every function runs the SDK version the
 *   tests ran, and loads only the clients it uses), with the credential chain cut down to what
 *   Lambda gives (`lambda-credentials.ts`).
 */
export const functionBundle = {
  format: 'esm',
  platform: 'node',
  target: 'node22',
  mainFields: ['module', 'main'],
  banner: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  minify: true,
  keepNames: true,
  alias: { '@aws-sdk/credential-provider-node': fileURLToPath(new URL('./lambda-credentials.ts', import.meta.url)) },
} as const;
