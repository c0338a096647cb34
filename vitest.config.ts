import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The T-SQL integration suites (test/tsql) need a server: CADENCIA_TSQL=1
    // selects them (CI sets it after starting ../shared/tsql); without it they
    // are not collected at all. With it, a missing server fails them.
    exclude: process.env.CADENCIA_TSQL === '1' ? [] : ['test/tsql/**'],
    // Database-backed suites create their own temporary SQLite files; keep
    // them in separate forks so node:sqlite handles never cross tests.
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
