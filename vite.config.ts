// Shared Vite settings for everything built in this workspace (demo, Storybook, the
// widgets' library build). One copy of yjs and lit per bundle: two copies of yjs break
// its instanceof checks, two of lit double-register elements.
import { defineConfig } from 'vite';

export const sharedResolve = {
  dedupe: ['yjs', 'lit', '@lit/context', 'y-protocols', 'lib0'],
};

export default defineConfig({
  resolve: sharedResolve,
});
