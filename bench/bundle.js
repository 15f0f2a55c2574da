/**
 * Bundle size: gzip and brotli of the all-in-one packages/widgets/dist/samrad.js and of each
 * element's entry in dist/elements (the entry with every chunk it imports, i.e. what a page
 * loading only that element downloads), against the floor: lit + yjs + y-websocket bundled
 * alone with the same Vite settings (floor/entry.js).
 *
 *   pnpm --filter @samrad/bench run bundle [--build yes]   (builds the library when it is missing, or always with --build yes)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'vite';
import { options } from './lib/options.js';
import { bytesPerSource, groupOf } from './lib/sourcemap.js';
import { fmtRatio, machineLine, printTable, printTargets, ratio } from './lib/report.js';
import { BENCH_DIR, ROOT } from './lib/servers.js';

const opt = options({ build: 'no' });
const DIST = join(ROOT, 'packages/widgets/dist');

if (opt.build === 'yes' || !existsSync(join(DIST, 'samrad.js'))) {
  process.stderr.write('bundle: building the library (pnpm --filter @samrad/widgets run build:lib)…\n');
  const r = spawnSync('pnpm', ['--filter', '@samrad/widgets', 'run', 'build:lib'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error('the library build failed');
}

/** Raw, gzip (level 9) and brotli (quality 11) sizes of some bytes, in KiB. */
function sizes(bytes) {
  const kib = (n) => n / 1024;
  return {
    raw: kib(bytes.length),
    gzip: kib(gzipSync(bytes, { level: 9 }).length),
    brotli: kib(brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length),
  };
}

/** A module and every module it imports statically, relative imports only (the built files import nothing else). */
function closure(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  const code = readFileSync(file, 'utf8');
  for (const m of code.matchAll(/(?:import|export)\s*(?:[^'"`;()]*?from\s*)?["'](\.{1,2}\/[^"']+)["']/g)) closure(resolve(dirname(file), m[1]), seen);
  return seen;
}

/** The floor bundle, built with the settings of the widgets' own library build. */
async function buildFloor() {
  const out = mkdtempSync(join(tmpdir(), 'bench-floor-'));
  await build({
    configFile: false,
    logLevel: 'warn',
    root: BENCH_DIR,
    resolve: { dedupe: ['yjs', 'lit', 'y-protocols', 'lib0'], conditions: ['module', 'browser', 'production'] },
    build: {
      target: 'es2022', outDir: out, emptyOutDir: true, minify: true, reportCompressedSize: false,
      lib: { entry: join(BENCH_DIR, 'floor/entry.js'), formats: ['es'], fileName: () => 'floor.js' },
      rollupOptions: { output: { codeSplitting: false, minify: true } },
    },
  });
  const bytes = readFileSync(join(out, 'floor.js'));
  rmSync(out, { recursive: true, force: true });
  return bytes;
}

console.log(`Bundle size (KiB; gzip -9, brotli q11); ${machineLine()}`);
const floor = sizes(await buildFloor());
const all = sizes(readFileSync(join(DIST, 'samrad.js')));
const rows = [['floor: lit + yjs + y-websocket', floor.raw, floor.gzip, floor.brotli, '1.00×', '1.00×'],
  ['samrad.js (all-in-one)', all.raw, all.gzip, all.brotli, fmtRatio(ratio(all.gzip, floor.gzip)), fmtRatio(ratio(all.brotli, floor.brotli))]];
const elements = readdirSync(join(DIST, 'elements')).filter((f) => /^samrad-.*\.js$/.test(f)).sort();
for (const f of elements) {
  const files = [...closure(join(DIST, 'elements', f))];
  const s = sizes(Buffer.concat(files.map((p) => readFileSync(p))));
  rows.push([`elements/${f} + ${files.length - 1} chunks`, s.raw, s.gzip, s.brotli, fmtRatio(ratio(s.gzip, floor.gzip)), fmtRatio(ratio(s.brotli, floor.brotli))]);
}
printTable('Bundle', ['file', 'raw KiB', 'gzip KiB', 'brotli KiB', 'gzip ÷ floor', 'brotli ÷ floor'], rows);
console.log('\nAn element\'s figure is its entry plus every chunk it imports, compressed as one file (a page loading two elements shares the chunks).');

// What samrad.js is made of, from its source map (minified bytes, before compression).
const mapFile = join(DIST, 'samrad.js.map');
if (existsSync(mapFile)) {
  const groups = new Map();
  for (const [source, n] of bytesPerSource(readFileSync(join(DIST, 'samrad.js'), 'utf8'), JSON.parse(readFileSync(mapFile, 'utf8')))) {
    groups.set(groupOf(source), (groups.get(groupOf(source)) ?? 0) + n);
  }
  const total = [...groups.values()].reduce((a, b) => a + b, 0);
  const top = [...groups].sort((a, b) => b[1] - a[1]).slice(0, 14);
  printTable('What samrad.js is made of (minified, from its source map)', ['source', 'KiB', 'share'],
    top.map(([name, n]) => [name, n / 1024, `${((n / total) * 100).toFixed(1)} %`]));
}
printTargets([{ name: 'samrad.js ÷ floor (brotli)', value: ratio(all.brotli, floor.brotli), target: '≤ 2.00×', ok: (v) => v <= 2 },
  { name: 'samrad.js ÷ floor (gzip)', value: ratio(all.gzip, floor.gzip), target: '≤ 2.00×', ok: (v) => v <= 2 }]);
