import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    // **/node_modules: reports/ is its own npm package with its own node_modules.
    exclude: ['**/node_modules/**', 'data/**', '.tools/**'],
    // Each file gets its own process: Temporal's Runtime and DuckDB instances are per process.
    pool: 'forks',
    globalSetup: ['./cli/test-support/global-setup.ts'],
    testTimeout: 180_000,
    hookTimeout: 120_000,
  },
});
