// Real Part 10 bytes through parseDicom, decodeFrame (workers) and <cb-viewport>, compared with
// pydicom's display pipeline (test/viewport/make-fixtures.mjs) on both render paths.
import { expect } from '@open-wc/testing';
import { parseDicomAsync } from '../../src/dicom/parse-dicom.js';
import type { CbViewport } from '../../src/components/viewport/viewport.js';
import { maxDifference, mountViewport } from './viewport-harness.js';

const BASE = '/test/.tmp/viewport/';
const response = await fetch(`${BASE}manifest.json`);
const manifest = response.ok
  ? ((await response.json()) as { entries: { name: string; rows: number; columns: number }[] })
  : { entries: [] };

describe('<cb-viewport> with Part 10 files against pydicom', () => {
  const mounted: CbViewport[] = [];
  afterEach(() => {
    for (const viewport of mounted.splice(0)) viewport.remove();
  });

  it('has fixtures (node test/viewport/make-fixtures.mjs)', () => {
    expect(manifest.entries.length).to.be.greaterThan(5);
  });

  for (const entry of manifest.entries) {
    for (const path of ['webgl2', 'canvas2d'] as const) {
      it(`shows ${entry.name} on the ${path} path within ±1 of pydicom`, async () => {
        const [bytes, expected] = await Promise.all(
          ['dcm', 'rgb'].map(
            async (ext) =>
              new Uint8Array(await (await fetch(`${BASE}${entry.name}.${ext}`)).arrayBuffer()),
          ),
        );
        const dataset = await parseDicomAsync(bytes!);
        const viewport = await mountViewport([dataset], entry.columns, entry.rows, path);
        mounted.push(viewport);
        expect(viewport.renderPath).to.equal(path);
        const result = maxDifference(viewport, (x, y) => {
          const i = (y * entry.columns + x) * 3;
          return [expected![i]!, expected![i + 1]!, expected![i + 2]!];
        });
        expect(result.max, result.at).to.be.at.most(1);
      });
    }
  }
});
