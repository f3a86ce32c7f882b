// Browser tests in Debian's headless Chromium (never a downloaded browser).
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { fromRollup } from '@web/dev-server-rollup';
import rollupCommonjs from '@rollup/plugin-commonjs';
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { urlImportPlugin } from './scripts/test/url-import-plugin.mjs';
import { countReporter } from './scripts/test/count-reporter.mjs';
import { proxyKoa } from './scripts/test/proxy.mjs';
import { CHROMIUM, CHROMIUM_ARGS } from './scripts/test/browser.mjs';

const rootDir = fileURLToPath(new URL('.', import.meta.url));
const commonjs = fromRollup(rollupCommonjs);

const middleware = [];
if (process.env.ORTHANC_URL) {
  middleware.push(proxyKoa({ prefix: '/orthanc', target: process.env.ORTHANC_URL }));
}
const staticDicomwebModule = new URL('./scripts/static-dicomweb.mjs', import.meta.url);
if (
  existsSync(staticDicomwebModule) &&
  existsSync(new URL('./test/.tmp/data/dicom-web', import.meta.url))
) {
  const { staticDicomwebKoa } = await import(staticDicomwebModule.href);
  middleware.push(
    staticDicomwebKoa({ root: 'test/.tmp/data/dicom-web', prefix: '/static-dicom-web' }),
  );
}

// One list of Chromium flags for every launcher (tests, e2e, benches).
export const chromiumArgs = ['--headless=new', ...CHROMIUM_ARGS];

export default {
  rootDir,
  files: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  nodeResolve: { exportConditions: ['browser'] },
  concurrency: 1,
  testsFinishTimeout: 20 * 60 * 1000,
  testFramework: { config: { timeout: 20000 } },
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath: CHROMIUM, headless: true, args: chromiumArgs },
    }),
  ],
  middleware,
  plugins: [
    urlImportPlugin(rootDir),
    commonjs({
      include: [
        '**/node_modules/@cornerstonejs/codec-*/**',
        '**/node_modules/jpeg-lossless-decoder-js/**',
      ],
      strictRequires: false,
      ignore: ['fs', 'path', 'crypto', 'ws'],
    }),
    esbuildPlugin({
      ts: true,
      target: 'es2022',
      tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)),
    }),
  ],
  reporters: [
    defaultReporter(),
    summaryReporter({ flatten: false }),
    ...(process.env.CB_COUNT_FILE ? [countReporter({ outFile: process.env.CB_COUNT_FILE })] : []),
  ],
};
