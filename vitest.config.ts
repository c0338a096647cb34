import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Database-backed suites create their own temporary SQLite files; keep
    // them in separate forks so node:sqlite handles never cross tests.
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
