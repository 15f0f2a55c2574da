// Lint for TypeScript everywhere and Lit templates in the widgets. One rule is ours:
// views never import yjs nor reach into shared types; only the model, client and server do.
import js from '@eslint/js';
import lit from 'eslint-plugin-lit';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '**/storybook-static/**', 'data/**', '**/*.d.ts', 'test-output/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['packages/widgets/src/**/*.ts', 'stories/**/*.ts'],
    plugins: { lit },
    rules: {
      ...lit.configs.recommended.rules,
      'no-restricted-imports': ['error', {
        paths: ['yjs', 'y-websocket', 'y-protocols', 'y-indexeddb', 'lib0'].map((name) => ({
          name, allowTypeImports: true,
          message: 'Views use @samrad/model and @samrad/client; only they (and the server) touch Yjs.',
        })),
        patterns: [{ group: ['yjs/*', 'y-protocols/*', 'lib0/*'], allowTypeImports: true, message: 'Views do not touch Yjs.' }],
      }],
      'no-restricted-syntax': ['error', {
        selector: "CallExpression[callee.property.name=/^(getMap|getArray|getText|getXmlFragment|transact)$/]",
        message: 'Views never reach into Y.Doc shared types; use the model API.',
      }],
    },
  },
);
