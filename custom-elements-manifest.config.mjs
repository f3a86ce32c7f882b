// The manifest is generated from the components' class headers (JSDoc is the contract).
// The analyzer also guesses events from `new XEvent(...)` calls; our public events are the
// documented `cb-*` ones (`@fires`), so keep only those.
/**
 * Tags are registered through `defineElement(tag, Class)` (src/internal/define-element.ts: the
 * first registration wins when a page loads Courbaril twice), which the analyzer does not know
 * as `customElements.define`: read those calls, so the manifest names every element's tag and
 * its definition, as it would for `customElements.define`.
 */
const defineElementCalls = () => {
  /** Class name → { tag, module path of the cb-*.ts file that registers it }. */
  const definitions = new Map();
  return {
    name: 'courbaril-define-element',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isCallExpression(node)) return;
      const [tag, element] = node.arguments;
      if (
        !ts.isIdentifier(node.expression) ||
        node.expression.text !== 'defineElement' ||
        !tag ||
        !ts.isStringLiteral(tag) ||
        !element ||
        !ts.isIdentifier(element)
      )
        return;
      definitions.set(element.text, { tag: tag.text, module: moduleDoc.path });
    },
    packageLinkPhase({ customElementsManifest }) {
      const modules = customElementsManifest.modules ?? [];
      for (const [className, { tag, module: definedIn }] of definitions) {
        const declaredIn = modules.find((m) =>
          (m.declarations ?? []).some((d) => d.name === className && d.customElement),
        );
        if (!declaredIn) throw new Error(`defineElement('${tag}', ${className}): no such element`);
        const declaration = declaredIn.declarations.find((d) => d.name === className);
        declaration.tagName = tag;
        const registering = modules.find((m) => m.path === definedIn);
        registering.exports = [
          ...(registering.exports ?? []),
          {
            kind: 'custom-element-definition',
            name: tag,
            declaration: { name: className, module: declaredIn.path },
          },
        ];
      }
    },
  };
};

const tidyManifest = {
  name: 'courbaril-manifest-tidy',
  packageLinkPhase({ customElementsManifest }) {
    // The analyzer lists modules in file-system order, which differs between clones:
    // sort them so the committed manifest is reproducible anywhere.
    customElementsManifest.modules?.sort((a, b) =>
      a.path < b.path ? -1 : a.path > b.path ? 1 : 0,
    );
    for (const module of customElementsManifest.modules ?? []) {
      for (const declaration of module.declarations ?? []) {
        if (declaration.events) {
          declaration.events = declaration.events.filter((event) => event.name?.startsWith('cb-'));
        }
      }
    }
  },
};

export default {
  globs: ['src/components/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/*.styles.ts'],
  outdir: '.',
  litelement: true,
  // package.json names the manifest itself; the analyzer must not rewrite it (check-manifest uses a temp outdir).
  packagejson: false,
  plugins: [defineElementCalls(), tidyManifest],
};
