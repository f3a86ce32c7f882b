// Lint runs in `npm test` with --max-warnings 0: a violation fails the run.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import globals from 'globals';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

/**
 * The layers of STYLE.md, top to bottom. A folder may import from the layers below it (and the
 * shared folders at the bottom), never from its own level's siblings or above: so no cycle
 * between folders can form. `forbid` adds edges that skip down past the session layer.
 */
const LAYERS = [
  ['components'],
  ['controllers'],
  ['session'],
  ['context'],
  ['hanging-protocols', 'sync', 'launch', 'audit', 'screening'],
  ['dicomweb'],
  ['cache'],
  ['workers'],
  // Pure compute on a series' voxels (geometry, reformats, slabs): it runs in the volume worker
  // and may use render/'s and dicom/'s math, never I/O.
  ['volume'],
  ['codecs', 'render'],
  ['dicom'],
  ['events', 'i18n', 'internal'],
];
const FORBID = {
  // STYLE.md: an element never touches DICOMweb, IndexedDB, a worker or a codec; it asks the
  // session layer through context.
  components: ['dicomweb', 'cache', 'workers', 'codecs'],
  controllers: ['dicomweb', 'cache', 'workers', 'codecs'],
  // Pure decisions: no I/O.
  'hanging-protocols': ['dicomweb', 'cache', 'workers', 'codecs'],
  sync: ['dicomweb', 'cache', 'workers', 'codecs'],
  launch: ['dicomweb', 'cache', 'workers', 'codecs'],
  volume: ['codecs'],
  audit: ['dicomweb', 'cache', 'workers', 'codecs'],
  screening: ['dicomweb', 'cache', 'workers', 'codecs'],
};
const SHARED_MAY_IMPORT = ['dicom', 'render'];
const layerZones = LAYERS.flatMap((level, depth) =>
  level.map((folder) => {
    const above = LAYERS.slice(0, depth).flat();
    const siblings = level.filter((other) => other !== folder);
    const shared = depth === LAYERS.length - 1;
    const from = shared
      ? LAYERS.flat().filter((other) => other !== folder && !SHARED_MAY_IMPORT.includes(other))
      : [...above, ...siblings, ...(FORBID[folder] ?? [])];
    return {
      target: `./src/${folder}`,
      from: [...new Set(from)].map((other) => `./src/${other}`),
      message: `Layers (STYLE.md): src/${folder} may not import this folder.`,
    };
  }),
);

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'demo/data/**',
      'test/.tmp/**',
      '**/*.generated.ts',
      'bench/results/**',
      'bench/.tmp/**',
      '.cache/**',
      'tmp/**',
      'custom-elements.json',
      // Vendor apps: their imports resolve only where the consumer tests install them, and
      // their framework's own checker (tsc, vue-tsc, svelte-check) type-checks them there.
      'test/consumers/*-app/**',
      // Checked by its own tsconfig against the built declarations (dist/lib), after the build.
      'test/package/types-consumer/**',
    ],
  },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [...tseslint.configs.strictTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // Lit's `static override styles` and decorators need class fields that look unused.
      '@typescript-eslint/no-extraneous-class': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ['src/**/*.ts'],
    ...lit.configs['flat/recommended'],
  },
  {
    files: ['src/**/*.ts'],
    ...wc.configs['flat/recommended'],
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.test.ts'],
    plugins: { 'import-x': importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      'import-x/no-cycle': 'error',
      'import-x/no-restricted-paths': ['error', { zones: layerZones }],
      'no-console': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      // STYLE.md, one fact one table: a tag is a named constant of src/dicom/tags.generated.ts,
      // never an 0xGGGGEEEE literal. Allowed: the 32-bit numbers that are not tags (undefined
      // length / all-ones mask 0xffffffff, 0x7fffffff, the JP2 box type 'jp2c' 0x6a703263).
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'Literal[raw=/^0x[0-9a-fA-F]{8}$/]:not([value=4294967295]):not([value=2147483647]):not([value=1785737827])',
          message:
            "Name the tag: import it from src/dicom/tags.generated.ts (e.g. `import { Rows } from '../dicom/tags.generated.js'`).",
        },
      ],
      // STYLE.md: layers point one way; import/no-cycle is approximated by forbidding upward imports.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/demo/**', '**/test/**', '**/bench/**'],
              message: 'src/ never imports demo, test or bench code.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.test.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-expressions': 'off', // chai's expect(x).to.be.true
      '@typescript-eslint/no-non-null-assertion': 'off',
      // chai-dom/chai-a11y typings make every assertion a thenable.
      '@typescript-eslint/no-floating-promises': 'off',
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      'no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
);
