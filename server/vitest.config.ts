import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Real servers, databases and Redis: one file at a time keeps timing honest on two cores.
    fileParallelism: false,
  },
});
