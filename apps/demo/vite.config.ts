// Builds the demo page (index.html + src/) into dist/, which the server serves as its
// static site. The shared resolve settings keep one copy of yjs and lit on the page.
//
// The examples ride along, so `npm start` serves them too: examples/ is copied to
// dist/examples/, samrad.js to dist/packages/widgets/dist/ (the examples' relative path
// to it is the same as in the repository), and the plain-Yjs reader is bundled with
// yjs and y-websocket to dist/examples/custom-view/plain-yjs.bundle.js.
import { cpSync, existsSync, mkdirSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build, defineConfig, type Plugin } from 'vite';
import { sharedResolve } from '../../vite.config.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const repo = fileURLToPath(new URL('../../', import.meta.url));

function examples(): Plugin {
  return {
    name: 'samrad-demo-examples',
    apply: 'build',
    async closeBundle() {
      const out = `${here}dist/`;
      cpSync(`${repo}examples`, `${out}examples`, { recursive: true });
      const bundle = `${repo}packages/widgets/dist/samrad.js`;
      // A plain `pnpm run build` builds the widgets with tsc only; make the bundle the examples load.
      if (!existsSync(bundle)) {
        await build({ configFile: `${repo}packages/widgets/vite.config.ts`, root: `${repo}packages/widgets`, mode: 'bundle', logLevel: 'warn' });
      }
      mkdirSync(`${out}packages/widgets/dist`, { recursive: true });
      cpSync(bundle, `${out}packages/widgets/dist/samrad.js`);
      if (existsSync(`${bundle}.map`)) cpSync(`${bundle}.map`, `${out}packages/widgets/dist/samrad.js.map`);
      await build({
        configFile: false,
        root: here,
        logLevel: 'warn',
        resolve: {
          ...sharedResolve,
          // examples/ has no node_modules of its own: take the demo's yjs and y-websocket.
          alias: [
            { find: /^yjs$/, replacement: realpathSync(`${here}node_modules/yjs`) },
            { find: /^y-websocket$/, replacement: realpathSync(`${here}node_modules/y-websocket`) },
          ],
        },
        build: {
          target: 'es2022',
          outDir: `${out}examples/custom-view`,
          emptyOutDir: false,
          minify: false,
          lib: { entry: `${repo}examples/custom-view/plain-yjs.js`, formats: ['es'], fileName: () => 'plain-yjs.bundle.js' },
        },
      });
    },
  };
}

export default defineConfig({
  root: here,
  // Production builds of lit (no dev-mode warnings in the console).
  resolve: { ...sharedResolve, conditions: ['module', 'browser', 'production'] },
  // Relative asset URLs, so the built page also works under a sub-path of a portal.
  base: './',
  plugins: [examples()],
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    reportCompressedSize: false,
  },
});
