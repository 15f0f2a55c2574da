/**
 * Benchmark settings: `--name value` flags win over `BENCH_NAME` environment variables,
 * which win over the defaults (sized for the 2-core machine the figures were taken on).
 */
import { parseArgs } from 'node:util';

export function options(defaults) {
  const { values } = parseArgs({
    options: Object.fromEntries(Object.keys(defaults).map((k) => [k, { type: 'string' }])),
    allowPositionals: true,
    strict: false,
  });
  const out = {};
  for (const [key, fallback] of Object.entries(defaults)) {
    const raw = values[key] ?? process.env[`BENCH_${key.replace(/-/g, '_').toUpperCase()}`];
    if (raw === undefined || raw === true) out[key] = fallback;
    else if (typeof fallback === 'number') {
      const n = Number(raw);
      if (!Number.isFinite(n)) throw new Error(`--${key} expects a number, got "${raw}"`);
      out[key] = n;
    } else if (Array.isArray(fallback)) out[key] = String(raw).split(',').map((s) => s.trim()).filter(Boolean);
    else out[key] = String(raw);
  }
  return out;
}
