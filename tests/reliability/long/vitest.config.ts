import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The long reliability runs (`pnpm run test:reliability:long`): full-size crash and load.
// Kept out of `npm test`; each file prints its figures.
export default defineConfig({
  root: fileURLToPath(new URL('../../../', import.meta.url)),
  test: {
    include: ['tests/reliability/long/**/*.test.ts'],
    testTimeout: 15 * 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
