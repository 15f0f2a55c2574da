// Storybook for the widgets. Stories live in /stories, one file per element.
// No telemetry, no network: the build is fully local (STORYBOOK_DISABLE_TELEMETRY=1 in the script too).
import { createRequire } from 'node:module';
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { StorybookConfig } from '@storybook/web-components-vite';

// Stories sit outside the widgets package, so bare imports such as `lit` would not
// resolve from there; point them at the widgets' own copies (one copy of each on the page).
const widgetsDir = fileURLToPath(new URL('../packages/widgets/', import.meta.url));
const fromWidgets = createRequire(`${widgetsDir}package.json`);
const packageDir = (name: string) => realpathSync(`${widgetsDir}node_modules/${name}`);

const config: StorybookConfig = {
  framework: { name: '@storybook/web-components-vite', options: {} },
  stories: ['../stories/**/*.stories.ts'],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  async viteFinal(config) {
    config.resolve ??= {};
    const aliases = [
      { find: /^lit$/, replacement: `${packageDir('lit')}/index.js` },
      { find: /^lit\/(.*)$/, replacement: `${packageDir('lit')}/$1` },
      { find: /^yjs$/, replacement: fromWidgets.resolve('yjs') },
    ];
    const existing = config.resolve.alias;
    config.resolve.alias = Array.isArray(existing)
      ? [...existing, ...aliases]
      : [...Object.entries(existing ?? {}).map(([find, replacement]) => ({ find, replacement: replacement as string })), ...aliases];
    config.resolve.dedupe = [...(config.resolve.dedupe ?? []), 'lit', 'yjs', '@lit/context'];
    return config;
  },
};
export default config;
