// Real one-bit and float files on screen with no window in their headers: a segmentation shows
// 0 black and 1 white, a parametric map spreads its own range over the grey scale. Expected grey
// levels come from the references of scripts/test/fixtures-realworld.mjs (pydicom), not our decode.
import { expect } from '@open-wc/testing';
import type { CbViewport } from '../../src/components/viewport/viewport.js';
import { parseDicomAsync } from '../../src/index.js';
import { grey, maxDifference, mountViewport, type Path } from '../viewport/viewport-harness.js';

const BASE = '/test/.tmp/realworld/';
const manifest = (await (await fetch(`${BASE}manifest.json`)).json()) as {
  headerBytes: number;
  entries: { name: string; expected: string[] }[];
};

async function reference(name: string): Promise<ArrayBuffer> {
  const entry = manifest.entries.find((e) => e.name === name);
  const bytes = await (await fetch(BASE + (entry?.expected[0] ?? ''))).arrayBuffer();
  return bytes.slice(manifest.headerBytes);
}

async function show(file: string, size: number, path: Path): Promise<CbViewport> {
  const url = `/test/realworld/files/${file}`;
  const dataset = await parseDicomAsync(await (await fetch(url)).arrayBuffer());
  return mountViewport([dataset], size, size, path);
}

describe('real-world one-bit and float frames on screen', () => {
  const mounted: CbViewport[] = [];
  afterEach(() => {
    for (const viewport of mounted.splice(0)) viewport.remove();
  });

  for (const path of ['webgl2', 'canvas2d'] as const) {
    it(`shows a segmentation frame 0 black and 1 white (${path})`, async () => {
      const expected = new Uint8Array(await reference('liver'));
      const viewport = await show('liver.dcm', 512, path);
      mounted.push(viewport);
      const { max, at } = maxDifference(viewport, (x, y) => grey(expected[y * 512 + x] ? 255 : 0));
      expect(max, at).to.equal(0);
    });

    it(`windows a float parametric map over its own range (${path})`, async () => {
      const values = new Float32Array(await reference('parametric_map_float'));
      let min = Infinity;
      let max = -Infinity;
      for (const v of values) [min, max] = [Math.min(min, v), Math.max(max, v)];
      const viewport = await show('parametric_map_float.dcm', 128, path);
      mounted.push(viewport);
      // LINEAR_EXACT over [min, max] (PS3.3 C.11.2.1.3.2); 1 grey level for float rounding.
      const result = maxDifference(viewport, (x, y) =>
        grey(Math.round((((values[y * 128 + x] ?? 0) - min) / (max - min)) * 255)),
      );
      expect(result.max, result.at).to.be.at.most(1);
    });
  }
});
