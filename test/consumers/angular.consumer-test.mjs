// Issue 19: an Angular 21 app (standalone component, CUSTOM_ELEMENTS_SCHEMA, [stack] and
// (cb-image-rendered) bindings: test/consumers/angular-app/) built by the Angular CLI's
// application builder (`ng build`, @angular/build, strict templates). That builder bundles with
// esbuild and, like esbuild, does not follow new Worker(new URL(…)) in a package (it emits no
// worker and no .wasm), so the app takes the esbuild step: angular.json "assets" copies
// dist/standalone/ to courbaril/ and main.ts calls configureWorkers({ assetBase }).
import { describe, it } from 'node:test';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { checkBuild, installApp } from './consumer-app.mjs';

// Angular 21: the registry this is tested against does not yet hold every dependency of the
// Angular 22 CLI (@inquirer/prompts 8.7 needs an @inquirer/core it lacks).
const ANGULAR = {
  '@angular/core': '21.2.26',
  '@angular/common': '21.2.26',
  '@angular/compiler': '21.2.26',
  '@angular/compiler-cli': '21.2.26',
  '@angular/platform-browser': '21.2.26',
  '@angular/build': '21.2.30',
  '@angular/cli': '21.2.30',
  rxjs: '^7.8',
  tslib: '^2.8',
  typescript: '~5.9',
};

describe('consumer: Angular (CLI application builder), with the assetBase step', () => {
  it('builds with ng build, decodes JPEG-LS and JPEG 2000 (values checked), renders through Angular bindings', async () => {
    const app = installApp('angular', ANGULAR, 'angular-app');
    const outDir = path.join(app, 'dist-angular');
    rmSync(outDir, { recursive: true, force: true });
    // ng build type-checks the component's template (strictTemplates) and fails on an error.
    execFileSync(
      process.execPath,
      [path.join(app, 'node_modules/@angular/cli/bin/ng.js'), 'build'],
      {
        cwd: app,
        env: { ...process.env, NG_CLI_ANALYTICS: 'false' },
        stdio: 'inherit',
      },
    );
    await checkBuild(path.join(outDir, 'browser'));
  });
});
