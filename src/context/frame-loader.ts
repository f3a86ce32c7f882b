import { createContext } from '@lit/context';
import type { DicomDataset } from '../dicom/dataset.js';
import type { DecodedFrame } from '../dicom/decoded-frame.js';
import { DecodeError, UnsupportedTransferSyntaxError } from '../dicom/errors.js';

export interface FrameLoadOptions {
  readonly signal: AbortSignal;
  /** Lower is more urgent: 0 = the frame on screen, neighbours count up with distance. */
  readonly priority: number;
  /** Progressive codecs (JPEG 2000 resolution levels) may hand over a coarse frame first. */
  readonly onPreview?: (preview: DecodedFrame) => void;
}

/**
 * The one service a viewport needs to get pixels: fetching, caching and decoding stay
 * behind it (STYLE.md: a component never touches a codec or IndexedDB). `frame` is the
 * 0-based frame number inside the instance.
 */
export interface FrameLoader {
  load(dataset: DicomDataset, frame: number, options: FrameLoadOptions): Promise<DecodedFrame>;
}

/** Provided by `<cb-viewer>` (or any ancestor) with @lit/context; `<cb-viewport>` consumes it. */
export const frameLoaderContext = createContext<FrameLoader>(Symbol('courbaril-frame-loader'));

const NATIVE_SYNTAXES = new Set(['1.2.840.10008.1.2', '1.2.840.10008.1.2.1']);

/**
 * Stand-in used when no loader is provided: reads native little-endian frames on the main
 * thread. Swap for the worker-pool `decodeFrame` once it lands (one line in `defaultFrameLoader`).
 */
export const defaultFrameLoader: FrameLoader = {
  async load(dataset, frame, options) {
    const source = dataset.pixelData;
    if (!source) throw new DecodeError('The data set has no pixel data');
    const encoded = await source.frame(frame, {
      signal: options.signal,
      priority: options.priority,
    });
    options.signal.throwIfAborted();
    if (!NATIVE_SYNTAXES.has(encoded.transferSyntaxUid)) {
      throw new UnsupportedTransferSyntaxError(encoded.transferSyntaxUid);
    }
    return decodeNativeLittleEndian(dataset, encoded.bytes);
  },
};

function decodeNativeLittleEndian(dataset: DicomDataset, bytes: Uint8Array): DecodedFrame {
  const rows = dataset.number(0x00280010) ?? 0;
  const columns = dataset.number(0x00280011) ?? 0;
  const samplesPerPixel = dataset.number(0x00280002) === 3 ? 3 : 1;
  const bitsAllocated = dataset.number(0x00280100) ?? 16;
  const bitsStored = dataset.number(0x00280101) ?? bitsAllocated;
  const signed = dataset.number(0x00280103) === 1;
  const photometric = dataset.string(0x00280004) ?? (samplesPerPixel === 3 ? 'RGB' : 'MONOCHROME2');
  const count = rows * columns * samplesPerPixel;
  const bytesPerSample = bitsAllocated / 8;
  if (![1, 2, 4].includes(bytesPerSample) || bytes.length < count * bytesPerSample) {
    throw new DecodeError(
      `Native frame of ${bytes.length} bytes does not hold ${count} samples of ${bitsAllocated} bits`,
    );
  }
  const copy = bytes.slice(0, count * bytesPerSample).buffer;
  if (samplesPerPixel === 3) {
    const interleaved = interleave(
      new Uint8Array(copy),
      rows * columns,
      dataset.number(0x00280006) === 1,
    );
    return {
      rows,
      columns,
      samplesPerPixel,
      bitsStored: 8,
      signed: false,
      photometricInterpretation: 'RGB',
      pixels: interleaved,
    };
  }
  const pixels =
    bytesPerSample === 1
      ? signed
        ? new Int8Array(copy)
        : new Uint8Array(copy)
      : bytesPerSample === 2
        ? signed
          ? new Int16Array(copy)
          : new Uint16Array(copy)
        : signed
          ? new Int32Array(copy)
          : new Uint32Array(copy);
  // PS3.5 8.1.1: bits above Bits Stored are not part of the value (overlays lived there once).
  if (bitsStored < bitsAllocated) {
    const shift = 32 - bitsStored;
    for (let i = 0; i < pixels.length; i++) {
      const value = pixels[i] ?? 0;
      pixels[i] = signed ? (value << shift) >> shift : (value << shift) >>> shift;
    }
  }
  return {
    rows,
    columns,
    samplesPerPixel,
    bitsStored,
    signed,
    photometricInterpretation: photometric,
    pixels,
  };
}

function interleave(samples: Uint8Array, pixels: number, planar: boolean): Uint8Array {
  if (!planar) return samples;
  const out = new Uint8Array(pixels * 3);
  for (let i = 0; i < pixels; i++) {
    out[i * 3] = samples[i] ?? 0;
    out[i * 3 + 1] = samples[pixels + i] ?? 0;
    out[i * 3 + 2] = samples[2 * pixels + i] ?? 0;
  }
  return out;
}
