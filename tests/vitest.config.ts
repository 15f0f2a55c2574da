import { defineConfig } from 'vitest/config';

// Cross-package tests: interop with plain Yjs, end-to-end in Chromium, fast reliability checks.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/reliability/long/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
