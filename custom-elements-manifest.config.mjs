// The manifest is generated from the components' class headers (JSDoc is the contract).
// The analyzer also guesses events from `new XEvent(...)` calls; our public events are the
// documented `cb-*` ones (`@fires`), so keep only those.
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
  plugins: [tidyManifest],
};
