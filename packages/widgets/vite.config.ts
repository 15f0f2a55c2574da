// Library build of @samrad/widgets (Vite library mode), in two passes:
//
//   vite build                 → dist/elements/: one ES module per element that registers
//                                its tag (samrad-agenda.js, …), plus index.js (classes only,
//                                no side effects) and define.js (every tag). Shared code —
//                                lit, yjs, the model, the client — sits in dist/elements/chunks/,
//                                so a page that loads three elements loads one copy of each.
//   vite build --mode bundle   → dist/samrad.js: one self-contained file for
//                                `<script type="module">` in a plain HTML page with no build
//                                step. It registers every tag and exports the widgets' public
//                                API (classes, contexts) and @samrad/model's (MeetingModel,
//                                export functions) for custom views.
//
// Nothing is external: the point of these files is to run without a bundler. Projects
// with a bundler import the package's sources (or tsc's dist/) and let their bundler
// dedupe. `tsc -p tsconfig.build.json` still writes the .d.ts next to them in dist/.
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { sharedResolve } from '../../vite.config.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const src = `${here}src/`;

/** The define.ts of every src/samrad-<name> folder, so elements landing later get an entry without editing this file. */
function elementEntries(): Record<string, string> {
  const entries: Record<string, string> = {};
  for (const dir of readdirSync(src, { withFileTypes: true })) {
    if (!dir.isDirectory() || !dir.name.startsWith('samrad-')) continue;
    const define = `${src}${dir.name}/define.ts`;
    // An element whose class file has not landed yet cannot be built.
    if (existsSync(define) && existsSync(`${src}${dir.name}/${dir.name}.ts`)) entries[dir.name] = define;
  }
  return entries;
}

const BUNDLE_ID = 'virtual:samrad-bundle';

/** Production builds of lit (no dev-mode warnings); a custom `--mode` would otherwise pick the development ones. */
const resolve = { ...sharedResolve, conditions: ['module', 'browser', 'production'] };

/**
 * The entry of samrad.js, kept here rather than as a source file: it is only a list of
 * re-exports, and it must not be imported by anything in the package itself.
 */
function bundleEntry(): Plugin {
  return {
    name: 'samrad-bundle-entry',
    enforce: 'pre',
    // Library mode hands the entry over as a path under the package root.
    resolveId: (id) => (id === BUNDLE_ID || id.endsWith(`/${BUNDLE_ID}`) ? `\0${BUNDLE_ID}` : null),
    load: (id) => id === `\0${BUNDLE_ID}`
      ? [
          `import ${JSON.stringify(`${src}define.ts`)};`,
          `export * from ${JSON.stringify(`${src}index.ts`)};`,
          // The model's API under its own names (MeetingModel, exportMeeting, toHtml, toIcs, …)
          // and as a namespace, for custom views written without a build step.
          `export * from '@samrad/model';`,
          `export * as model from '@samrad/model';`,
        ].join('\n')
      : null,
    // Its declarations, beside it: the same re-exports, over the .d.ts files tsc writes to dist/.
    generateBundle() {
      this.emitFile({
        type: 'asset',
        fileName: 'samrad.d.ts',
        source: [
          '// Types of samrad.js: registers every <samrad-*> tag and exports the widgets\' and @samrad/model\'s API.',
          "import './define.js';",
          "export * from './index.js';",
          "export * from '@samrad/model';",
          "export * as model from '@samrad/model';",
          '',
        ].join('\n'),
      });
    },
  };
}

export default defineConfig(({ mode }) => {
  const bundle = mode === 'bundle';
  return {
    resolve,
    plugins: bundle ? [bundleEntry()] : [],
    // The widgets are ES2022 classes; keep them so (no down-levelling of class fields).
    esbuild: { target: 'es2022' },
    build: {
      target: 'es2022',
      outDir: bundle ? 'dist' : 'dist/elements',
      // dist/ also holds tsc's output; each pass clears only what it owns.
      emptyOutDir: !bundle,
      sourcemap: true,
      minify: true,
      reportCompressedSize: false,
      lib: bundle
        ? { entry: { samrad: BUNDLE_ID }, formats: ['es'], fileName: () => 'samrad.js' }
        : {
            entry: { index: `${src}index.ts`, define: `${src}define.ts`, ...elementEntries() },
            formats: ['es'],
            fileName: (_format, name) => `${name}.js`,
          },
      rollupOptions: {
        // Vite keeps whitespace in ES library output; these files go straight to browsers, so minify fully.
        output: bundle
          ? { codeSplitting: false, minify: true }
          : { chunkFileNames: 'chunks/[name]-[hash].js', minify: true },
      },
    },
  };
});
