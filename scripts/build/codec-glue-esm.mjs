// The codec packages ship emscripten glue as CommonJS written for both Node and browsers:
// `__filename`, `__dirname`, `process`, `require("fs")` sit in branches a browser never takes,
// but a bundler still sees them (webpack 5 fails on `require("fs")`, and warns on
// `__filename`). We publish the glue as an ES module with those branches removed, so no Node
// global reaches browser code and no vendor needs a `resolve.fallback` or a polyfill.
import { transform } from 'esbuild';

/** Files of the @cornerstonejs/codec-* packages. */
export const CODEC_PACKAGE = /[\\/]@cornerstonejs[\\/]codec-[^\\/]+[\\/]/;
/** Their glue modules (`dist/*.js`). */
export const CODEC_GLUE = /[\\/]@cornerstonejs[\\/]codec-[^\\/]+[\\/]dist[\\/][^\\/]+\.js$/;

/** Words that must not survive in the published glue: Node's module system and globals. */
const NODE_ONLY =
  /(?<![.\w$])(require|__filename|__dirname|process|module\.exports|exports)(?![\w$])/;

/**
 * Turns one emscripten glue file into browser-only ESM: the Node environment test becomes
 * `false`, the dead branches are dropped by esbuild's syntax minifier, and the UMD tail
 * (`module.exports = X` / AMD `define`) becomes `export default X`.
 * @param {string} code
 * @param {string} id for error messages
 */
export async function codecGlueToEsm(code, id) {
  const tail = code.lastIndexOf("if (typeof exports === 'object' && typeof module === 'object')");
  const name = /module\.exports = (\w+);/.exec(code.slice(tail))?.[1];
  if (tail < 0 || !name) throw new Error(`${id}: not the emscripten UMD glue this build knows`);
  const nodeTest =
    /typeof process\s*==\s*"object"\s*&&\s*typeof process\.versions\s*==\s*"object"\s*&&\s*typeof process\.versions\.node\s*==\s*"string"\s*&&\s*process\.type\s*!=\s*"renderer"/;
  if (!nodeTest.test(code)) throw new Error(`${id}: no ENVIRONMENT_IS_NODE test found`);
  const browserOnly = code
    .slice(0, tail)
    .replace(nodeTest, 'false')
    .replace(/\bENVIRONMENT_IS_NODE\b(?!\s*=)/g, 'false')
    // `_scriptName` only feeds emscripten's default locateFile; we always pass our own.
    .replace(
      /if \(typeof __filename != 'undefined'\) _scriptName = _scriptName \|\| __filename;/,
      '',
    );
  const { code: esm } = await transform(`${browserOnly}\nexport default ${name};\n`, {
    format: 'esm',
    sourcefile: id,
    minifySyntax: true,
    target: 'es2022',
    legalComments: 'inline',
  });
  const leftover = NODE_ONLY.exec(esm);
  if (leftover) {
    const at = leftover.index;
    throw new Error(`${id}: Node-only code left in the glue: …${esm.slice(at - 60, at + 60)}…`);
  }
  return esm;
}

/** Vite plugin: applies codecGlueToEsm to every codec glue module it bundles. */
export function codecGlueEsm() {
  return {
    name: 'courbaril-codec-glue-esm',
    enforce: 'pre',
    transform: {
      filter: { id: CODEC_GLUE },
      async handler(code, id) {
        return { code: await codecGlueToEsm(code, id), map: null };
      },
    },
  };
}
