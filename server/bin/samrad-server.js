#!/usr/bin/env node
// The installed package runs the compiled JavaScript in dist/ with plain Node. In a
// checkout of the repository (src/ present) it runs the TypeScript sources through tsx
// instead, so the workspace's tests and `pnpm start` never need a build first.
import { existsSync } from 'node:fs';

const sources = new URL('../src/cli.ts', import.meta.url);
if (existsSync(sources)) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(sources.href);
} else {
  await import('../dist/cli.js');
}
