/**
 * The built files for pages without a build step: samrad.js is self-contained (no
 * imports left) and carries exactly one copy of yjs and of lit; the per-element modules
 * share one copy between them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT } from './harness.js';

const dist = join(ROOT, 'packages/widgets/dist');
// Each copy of yjs registers itself under this global key (and warns when it finds another).
const count = (text: string, needle: string) => text.split(needle).length - 1;

beforeAll(() => ensureBuilt(), 120_000);

describe('the widgets library build', () => {
  it('samrad.js is one self-contained module with one yjs and one lit', () => {
    const js = readFileSync(join(dist, 'samrad.js'), 'utf8');
    expect(count(js, '__ $YJS$ __')).toBe(1);
    expect(count(js, 'litElementVersions')).toBe(1);
    expect(count(js, 'litHtmlVersions')).toBe(1);
    expect(js).not.toMatch(/^\s*import\s/m);
    expect(js).not.toMatch(/\bimport\s*\(/);
    // It registers the tags and exports the public API for custom views.
    for (const tag of ['samrad-meeting', 'samrad-agenda', 'samrad-actions', 'samrad-minutes']) expect(js).toContain(`"${tag}"`);
    for (const name of ['modelContext', 'MeetingModel', 'exportMeeting', 'toHtml', 'toIcs']) expect(js).toMatch(new RegExp(`\\bas ${name}\\b`));
  });

  it('per-element modules share one yjs and one lit', () => {
    const dir = join(dist, 'elements');
    const files = [...readdirSync(dir).filter((f) => f.endsWith('.js')).map((f) => join(dir, f)), ...readdirSync(join(dir, 'chunks')).filter((f) => f.endsWith('.js')).map((f) => join(dir, 'chunks', f))];
    const all = files.map((f) => readFileSync(f, 'utf8')).join('\n');
    expect(count(all, '__ $YJS$ __')).toBe(1);
    expect(count(all, 'litElementVersions')).toBe(1);
    for (const el of ['samrad-meeting', 'samrad-agenda', 'samrad-actions', 'samrad-minutes']) expect(readdirSync(dir)).toContain(`${el}.js`);
  });

  it('custom-elements.json documents every element define.ts registers', () => {
    const define = readFileSync(join(ROOT, 'packages/widgets/src/define.ts'), 'utf8');
    const registered = [...define.matchAll(/\.\/(samrad-[a-z-]+)\/define\.js/g)].map((m) => m[1]).sort();
    const manifest = JSON.parse(readFileSync(join(ROOT, 'packages/widgets/custom-elements.json'), 'utf8')) as { modules: Array<{ declarations?: Array<{ tagName?: string }> }> };
    const documented = manifest.modules.flatMap((m) => m.declarations ?? []).flatMap((d) => (d.tagName ? [d.tagName] : [])).sort();
    expect(registered.length).toBeGreaterThanOrEqual(11);
    expect(documented).toEqual(registered);
  });
});
