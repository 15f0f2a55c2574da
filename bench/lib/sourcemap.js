/**
 * Which sources the bytes of a minified bundle come from, read from its source map: each
 * generated segment's bytes (up to the next segment) go to the segment's source file.
 */
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = Object.fromEntries([...B64].map((c, i) => [c, i]));

function decodeVlq(segment) {
  const out = [];
  let value = 0;
  let shift = 0;
  for (const c of segment) {
    const d = DIGIT[c];
    value += (d & 31) << shift;
    if (d & 32) shift += 5;
    else {
      out.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return out;
}

/** Bytes of generated code per source path. */
export function bytesPerSource(code, map) {
  const lines = code.split('\n');
  const bytes = new Map();
  let source = 0;
  map.mappings.split(';').forEach((line, li) => {
    const text = lines[li] ?? '';
    let column = 0;
    const segments = line ? line.split(',').map(decodeVlq) : [];
    segments.forEach((seg, i) => {
      column += seg[0];
      if (seg.length >= 4) source += seg[1];
      const next = i + 1 < segments.length ? column + decodeVlq(line.split(',')[i + 1])[0] : text.length;
      if (seg.length < 4) return;
      const name = map.sources[source];
      bytes.set(name, (bytes.get(name) ?? 0) + Math.max(0, next - column));
    });
  });
  return bytes;
}

/** A readable group for a source path: the npm package, or the workspace folder. */
export function groupOf(path) {
  const nm = path.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = path.slice(nm + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (/\.messages\.ts$/.test(path)) return 'widgets: locale catalogues (*.messages.ts)';
  const lib = /(?:^|\/)(model|client)\/src\//.exec(path);
  if (lib) return `@samrad/${lib[1]}`;
  const widget = /(?:^|\/)src\/([^/]+)/.exec(path);
  if (widget) return `widgets: ${widget[1].replace(/\.ts$/, '')}`;
  return path.replace(/^(\.\.\/)+/, '');
}
