import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', '.tools/', 'reports/', 'web/dist/', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Workflow code runs in Temporal's deterministic sandbox: no I/O, no Node built-ins, and from the
    // rest of the project only types (activities are called through proxies, never imported).
    files: ['workflows/**/*.ts'],
    ignores: ['workflows/**/*.test.ts', 'workflows/schedules.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'fs', 'path', 'http', 'crypto', '@duckdb/*', 'onnxruntime-node', 'pino'], message: 'workflows must stay deterministic: no I/O' },
            { group: ['../activities/**', '../warehouse/**', '../cli/**', '../api/**', '../models/**'], allowTypeImports: true, message: 'import only types into workflows' },
          ],
        },
      ],
    },
  },
);
