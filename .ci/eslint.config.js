// One lint configuration for the whole tree (run as `eslint -c .ci/eslint.config.js .`).
// Type-aware rules catch floating promises and unsafe `any` flows at the IPC boundary.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', '.cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['.ci/*.js', '.ci/*.mjs', 'electron/native/*.mjs'] },
        tsconfigRootDir: root,
      },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-floating-promises': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.name='eval']", message: 'No eval: the CSP forbids it.' },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // The renderer reaches the workspace only through window.chokepoint: types from db/, never code.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/db/**', '!**/db/**/*.d.ts'],
              allowTypeImports: true,
              message: 'The renderer may import only types from db/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['db/**/*.ts', 'db/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'db/ is Node only: no Electron.' }],
          patterns: ['**/renderer/**', '**/electron/**'],
        },
      ],
    },
  },
  {
    // The chart command draws the app's own chart components (pure: data in, SVG out), so that a
    // chart from the command line is the chart from the app. Only those modules, never the app shell.
    files: ['db/cli/chart/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'db/ is Node only: no Electron.' }],
          patterns: [
            {
              regex: '/renderer/(?!charts/|gap/rules$)',
              message: 'The chart command may use the chart components and their words, nothing else of the renderer.',
            },
            { group: ['**/electron/**'], message: 'db/ is Node only: no Electron.' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
