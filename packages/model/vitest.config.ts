import { defineConfig } from 'vitest/config';

// The property test runs 200 scenarios; give it room on a busy 2-core machine.
export default defineConfig({ test: { include: ['test/**/*.test.ts'], testTimeout: 60_000 } });
