/** Browser side of test/progressive/fixtures.mjs: the manifest and files it writes under test/.tmp/progressive/. */
import type { PixelModule } from '../../src/codecs/pixel-module.js';
import type { DecodedFrame } from '../../src/dicom/decoded-frame.js';

const BASE = '/test/.tmp/progressive/';

export interface ReferenceEntry {
  readonly level: number;
  readonly prefixBytes: number;
  readonly columns: number;
  readonly rows: number;
  /** Native decoder at `level` on the whole codestream. */
  readonly full: string;
  /** Native decoder (lenient mode) at `level` on the first `prefixBytes`. */
  readonly prefix: string;
}

export interface ProgressiveManifest {
  readonly columns: number;
  readonly rows: number;
  readonly bitsStored: number;
  readonly codestreams: Readonly<
    Record<
      'j2k' | 'htj2k',
      { readonly file: string; readonly bytes: number; readonly references: ReferenceEntry[] }
    >
  >;
  readonly instance: {
    readonly file: string;
    readonly studyInstanceUid: string;
    readonly seriesInstanceUid: string;
    readonly sopInstanceUid: string;
  };
}

let manifest: Promise<ProgressiveManifest> | undefined;

export function progressiveFixtures(): Promise<ProgressiveManifest> {
  manifest ??= fetch(`${BASE}manifest.json`).then(async (response) => {
    if (!response.ok) {
      throw new Error('Progressive fixtures missing: run `node test/progressive/fixtures.mjs`');
    }
    return (await response.json()) as ProgressiveManifest;
  });
  return manifest;
}

export async function fixtureBytes(name: string): Promise<Uint8Array<ArrayBuffer>> {
  const response = await fetch(BASE + name);
  if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

export async function fixtureUint16(name: string): Promise<Uint16Array> {
  return new Uint16Array((await fixtureBytes(name)).buffer);
}

/** The Image Pixel Module of the fixture mammogram (12-bit unsigned MONOCHROME2). */
export function mammoModule(fx: ProgressiveManifest): PixelModule {
  return {
    rows: fx.rows,
    columns: fx.columns,
    samplesPerPixel: 1,
    bitsAllocated: 16,
    bitsStored: fx.bitsStored,
    highBit: fx.bitsStored - 1,
    pixelRepresentation: 0,
    photometricInterpretation: 'MONOCHROME2',
    planarConfiguration: 0,
  };
}

/** Undefined when equal, else where the first difference is. */
export function firstDifference(frame: DecodedFrame, reference: Uint16Array): string | undefined {
  if (frame.pixels.length !== reference.length) {
    return `length ${frame.pixels.length} ≠ ${reference.length}`;
  }
  for (let i = 0; i < reference.length; i++) {
    if (frame.pixels[i] !== reference[i]) {
      return `pixel ${i}: ${frame.pixels[i]} ≠ ${reference[i]}`;
    }
  }
  return undefined;
}
