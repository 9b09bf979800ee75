import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['./src/test-support/global-setup.ts'],
    // The crash and multi-instance tests start real server processes.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Request and connection lines would bury the test output; warnings and errors still show.
    env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' },
  },
});
