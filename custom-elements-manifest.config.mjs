/** custom-elements.json from the widgets' JSDoc (run from the package root: `npm run analyze`). */
const overrides = new Map();
export default {
  globs: ['src/components/**/*.ts', 'src/internal/civic-element.ts'],
  exclude: ['src/**/*.styles.ts', 'src/**/index.ts'],
  outdir: '.',
  litelement: true,
  packagejson: false,
  plugins: [
    {
      // A widget that narrows an inherited property (`override mode?: 'report' | 'list' | 'assisted'`)
      // keeps its own type and description: the analyzer would otherwise show the base class's.
      name: 'civic-own-overrides',
      analyzePhase({ ts, node }) {
        if (!ts.isClassDeclaration(node) || !node.name) return;
        for (const m of node.members) {
          if (!ts.isPropertyDeclaration(m) || !m.type || !m.modifiers?.some((x) => x.kind === ts.SyntaxKind.OverrideKeyword)) continue;
          overrides.set(`${node.name.text}.${m.name.getText()}`, m.type.getText());
        }
      },
      packageLinkPhase({ customElementsManifest }) {
        for (const mod of customElementsManifest.modules ?? []) {
          for (const decl of mod.declarations ?? []) {
            for (const item of [...(decl.members ?? []), ...(decl.attributes ?? [])]) {
              const own = overrides.get(`${decl.name}.${item.fieldName ?? item.name}`);
              if (!own || !item.inheritedFrom) continue;
              item.type = { text: `${own} | undefined` };
              delete item.inheritedFrom;
            }
          }
        }
      },
    },
    {
      // The analyzer also lists every `dispatchEvent(new SomeEvent(...))` it sees, without a name;
      // the events are documented with @event in each class's JSDoc, so those copies are dropped.
      name: 'civic-drop-unnamed-events',
      packageLinkPhase({ customElementsManifest }) {
        // The analyzer lists modules in the order its workers finish: sort them, so that the file
        // (and the README tables made from it) only change when the JSDoc does.
        customElementsManifest.modules?.sort((a, b) => a.path.localeCompare(b.path));
        for (const mod of customElementsManifest.modules ?? []) {
          for (const decl of mod.declarations ?? []) {
            if (decl.events) decl.events = decl.events.filter((e) => e.name);
          }
        }
      },
    },
  ],
};
