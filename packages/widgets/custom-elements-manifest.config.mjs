// custom-elements.json for the widgets. Elements are registered in separate define
// modules, so each class names its tag with `@tag`. Lit properties declared with
// `state: true` or `attribute: false` are internal state or property-only: this plugin
// keeps them out of the manifest's attributes (the analyzer's Lit support lists them).
export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/shared/test-helpers.ts', 'src/shared/story-support.ts'],
  outdir: '.',
  litelement: true,
  plugins: [notAttributes()],
};

function notAttributes() {
  const byClass = new Map();
  return {
    name: 'samrad-not-attributes',
    analyzePhase({ ts, node }) {
      if (!ts.isClassDeclaration(node) || !node.name) return;
      const hidden = new Set();
      const stateful = new Set();
      for (const member of node.members) {
        if (!ts.isPropertyDeclaration(member) || member.name?.getText() !== 'properties' || !member.initializer) continue;
        if (!ts.isObjectLiteralExpression(member.initializer)) continue;
        for (const prop of member.initializer.properties) {
          if (!ts.isPropertyAssignment(prop) || !ts.isObjectLiteralExpression(prop.initializer)) continue;
          const name = prop.name.getText().replace(/['"]/g, '');
          for (const opt of prop.initializer.properties) {
            if (!ts.isPropertyAssignment(opt)) continue;
            const key = opt.name.getText();
            const value = opt.initializer.getText();
            if (key === 'state' && value === 'true') { hidden.add(name); stateful.add(name); }
            if (key === 'attribute' && value === 'false') hidden.add(name);
          }
        }
      }
      byClass.set(node.name.getText(), { hidden, stateful });
    },
    moduleLinkPhase({ moduleDoc }) {
      for (const decl of moduleDoc.declarations ?? []) {
        const info = byClass.get(decl.name);
        if (!info) continue;
        decl.attributes = (decl.attributes ?? []).filter((a) => !info.hidden.has(a.fieldName ?? a.name));
        decl.members = (decl.members ?? []).filter((m) => !info.stateful.has(m.name)).map((m) => {
          if (!info.hidden.has(m.name)) return m;
          const { attribute: _attribute, reflects: _reflects, ...rest } = m;
          return rest;
        });
      }
    },
  };
}
