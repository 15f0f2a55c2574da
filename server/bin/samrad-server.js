#!/usr/bin/env node
// Runs the TypeScript sources through tsx, as every node entry point in this workspace does.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
