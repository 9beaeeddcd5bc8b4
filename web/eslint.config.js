import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import { readdirSync } from 'node:fs';
import tseslint from 'typescript-eslint';

/**
 * The web app's lint, run by `npm test`. Besides typescript-eslint's and React hooks'
 * recommendations, one rule keeps the app's shape: a feature (`src/features/<feature>`) never
 * imports another feature; what two features share lives in `src/components`, `src/hooks` or
 * `src/lib`, and `src/app` composes the features. Type-aware rules are left out: they would
 * cost a full typecheck again, which `npm test` already runs.
 */
const features = readdirSync(`${import.meta.dirname}/src/features`, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

const featureBoundaries = features.map((feature) => ({
  files: [`src/features/${feature}/**/*.{ts,tsx}`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            group: ['@/features/*', `!@/features/${feature}`, `!@/features/${feature}/**`],
            message: 'Features never import each other: move what both need to src/components, src/hooks or src/lib, or compose them in src/app.',
          },
          {
            // Relative paths that climb out of the feature into another one (`../../clubs/…`).
            regex: `^(\\.\\./)+(features/|(${features.filter((other) => other !== feature).join('|')})(/|$))`,
            message: 'Features never import each other: move what both need to src/components, src/hooks or src/lib.',
          },
        ],
      },
    ],
  },
}));

export default tseslint.config(
  { ignores: ['dist/**', 'eslint.config.js', 'src/lib/api-schema.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  reactHooks.configs.flat['recommended-latest'] ?? reactHooks.configs['recommended-latest'],
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  ...featureBoundaries,
);
