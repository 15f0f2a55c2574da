#!/usr/bin/env node
/**
 * The size budget check (`pnpm run size`): reads the root .size-limit.json and measures each
 * entry with size-limit's own API and its @size-limit/file plugin (brotli by default,
 * `"gzip": true` for gzip, each file compressed on its own and summed).
 *
 * Why not the `size-limit` command itself: size-limit 14 reads its config with
 * `fs.promises.glob`, which Node 20 (this project's runtime) does not have. Its measuring
 * API runs fine, so this file only does what the command would do around it: expand the
 * paths (`*` within a file name, and `!` to leave files out), compare with the limits
 * (size-limit's units: kB = 1000 bytes, KiB = 1024) and fail when a budget is exceeded.
 * On Node ≥ 22.19 `npx size-limit` reads the same file and gives the same figures.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import filePlugin from '@size-limit/file';
import sizeLimit from 'size-limit';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** Files matching one pattern; `*` may appear in the last path segment only. */
function expand(pattern) {
  const dir = join(ROOT, dirname(pattern));
  const name = pattern.split('/').at(-1);
  if (!name.includes('*')) return existsSync(join(ROOT, pattern)) ? [join(ROOT, pattern)] : [];
  if (dirname(pattern).includes('*')) throw new Error(`${pattern}: "*" is supported in the file name only`);
  const re = new RegExp(`^${name.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*')}$`);
  return existsSync(dir) ? readdirSync(dir).filter((f) => re.test(f)).map((f) => join(dir, f)) : [];
}

function filesOf(check) {
  const patterns = Array.isArray(check.path) ? check.path : [check.path];
  const left = new Set(patterns.filter((p) => p.startsWith('!')).flatMap((p) => expand(p.slice(1))));
  return [...new Set(patterns.filter((p) => !p.startsWith('!')).flatMap(expand))].filter((f) => !left.has(f));
}

function parseBytes(value) {
  const m = /^(\d+(?:\.\d+)?) *(?:([kmg])?(i)?b)?$/i.exec(String(value).trim());
  if (!m) throw new Error(`limit "${value}" is not a size like "150 kB"`);
  const power = m[2] ? 'kmg'.indexOf(m[2].toLowerCase()) + 1 : 0;
  return Math.floor(Number(m[1]) * (m[3] ? 1024 : 1000) ** power);
}

const kB = (n) => `${(n / 1000).toFixed(2)} kB`;
const checks = JSON.parse(readFileSync(join(ROOT, '.size-limit.json'), 'utf8'));
let failed = false;
for (const check of checks) {
  const files = filesOf(check);
  const name = check.name ?? [check.path].flat().join(', ');
  if (files.length === 0) {
    console.log(`✖ ${name}: no file matches ${JSON.stringify(check.path)} — build the library first (pnpm --filter @samrad/widgets run build:lib)`);
    failed = true;
    continue;
  }
  const [{ size }] = await sizeLimit([filePlugin], { checks: [{ files, gzip: check.gzip === true, brotli: check.brotli !== false && check.gzip !== true }] });
  const limit = parseBytes(check.limit);
  const over = size > limit;
  failed ||= over;
  const how = check.gzip === true ? 'gzip' : check.brotli === false ? 'raw' : 'brotli';
  console.log(`${over ? '✖' : '✔'} ${name}: ${kB(size)} ${how} of ${files.length} file(s), limit ${kB(limit)}${over ? `  — over by ${kB(size - limit)}` : ''}`);
  if (over) console.log(`    files: ${files.map((f) => relative(ROOT, f)).join(', ')}`);
}
if (failed) {
  console.log('\nA size budget was exceeded (or its files are missing). If the growth is intended, raise the limit in .size-limit.json and say why in the commit.');
  process.exit(1);
}
