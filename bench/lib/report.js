/** Tables, percentiles and "ours ÷ peer" ratios for the benchmark output. */

export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** A number with a sensible number of digits for a table. */
export function fmt(value, digits) {
  if (typeof value !== 'number') return String(value ?? '');
  if (!Number.isFinite(value)) return '—';
  const d = digits ?? (Number.isInteger(value) || Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2);
  return value.toLocaleString('en-GB', { minimumFractionDigits: d, maximumFractionDigits: d });
}

export const ratio = (ours, peer) => (Number.isFinite(ours) && Number.isFinite(peer) && peer !== 0 ? ours / peer : NaN);
export const fmtRatio = (r) => (Number.isFinite(r) ? `${r.toFixed(2)}×` : '—');

/** Prints rows (arrays of cells) as a Markdown table, so output can be pasted into the README. */
export function printTable(title, header, rows) {
  const cells = [header, ...rows].map((r) => r.map((c) => (typeof c === 'number' ? fmt(c) : String(c ?? ''))));
  const widths = header.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  const line = (r) => `| ${r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  console.log(`\n### ${title}\n`);
  console.log(line(cells[0]));
  console.log(`|${widths.map((w, i) => (i === 0 ? ` ${'-'.repeat(w)} ` : ` ${'-'.repeat(w - 1)}: `)).join('|')}|`);
  for (const r of cells.slice(1)) console.log(line(r));
}

/** One line per target: the measured ratio or figure, the target, and whether it is met. */
export function printTargets(targets) {
  console.log('');
  for (const t of targets) {
    const ok = Number.isFinite(t.value) ? t.ok(t.value) : false;
    console.log(`${ok ? 'MET   ' : 'MISSED'}  ${t.name}: ${t.shown ?? fmtRatio(t.value)} (target ${t.target})`);
  }
}

export function machineLine() {
  return `node ${process.version}, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
