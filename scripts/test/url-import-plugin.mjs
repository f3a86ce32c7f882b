// Vite's `import x from 'pkg/file?url'` for @web/dev-server, so the same source
// resolves wasm URLs in tests and in Vite builds. No maintained plugin does this.
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** @param {string} rootDir */
export function urlImportPlugin(rootDir) {
  return {
    name: 'courbaril-url-import',
    /** @param {{ source: string, context: { request: { url: string } } }} args */
    resolveImport({ source }) {
      const match = /^(.*)\?url(?:&.*)?$/.exec(source);
      if (!match?.[1] || match[1].startsWith('.') || match[1].startsWith('/')) return undefined;
      const file = require.resolve(match[1], { paths: [rootDir] });
      return `/${path.relative(rootDir, file).split(path.sep).join('/')}?url-module`;
    },
    /** @param {{ path: string, url: string }} context */
    serve(context) {
      if (!context.url.endsWith('?url-module')) return undefined;
      return { body: `export default ${JSON.stringify(context.path)};`, type: 'js' };
    },
  };
}
