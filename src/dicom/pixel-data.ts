import type { EncodedFrame, FrameRequestOptions, PixelDataSource } from './dataset.js';
import type { ParsedElement } from './element.js';
import { groupFragments, joinFragments } from './encapsulated-frames.js';
import type { Fragment } from './encapsulated.js';
import { DicomParseError } from './errors.js';
import { TransferSyntax, isDeflatedDataset } from './transfer-syntax.js';
import { readBinaryNumbers, toLittleEndian } from './values.js';
import {
  BitsAllocated,
  Columns,
  DoubleFloatPixelData,
  ExtendedOffsetTable,
  FloatPixelData,
  NumberOfFrames,
  PhotometricInterpretation,
  PixelData,
  Rows,
  SamplesPerPixel,
} from './tags.generated.js';

/** What pixel data needs from its data set. */
export interface PixelDataOwner {
  readonly transferSyntaxUid: string;
  number(tag: number): number | undefined;
  string(tag: number): string | undefined;
  element(tag: number): ParsedElement | undefined;
}

/** Pixel frames of a Part 10 data set: views on the input buffer, read synchronously. */
export interface Part10PixelData extends PixelDataSource {
  readonly encapsulated: boolean;
  /**
   * One frame's bytes: a subarray of the input (one fragment, or native little endian data),
   * or a copy (fragments joined; big endian words swapped; 1-bit frames not starting on a byte).
   * Native 1-bit frames always start at bit 0 of byte 0 (PS3.5 §8.1.1: bits fill from the least significant),
   * and bits after the frame's last pixel are zero.
   * Throws DicomParseError when the frame does not exist or lies beyond the data.
   */
  frameBytes(index: number): Uint8Array;
  /** The same, with the transfer syntax of the returned bytes. */
  encodedFrame(index: number): EncodedFrame;
}

export function createPart10PixelData(owner: PixelDataOwner): Part10PixelData | undefined {
  const element =
    owner.element(PixelData) ??
    owner.element(FloatPixelData) ??
    owner.element(DoubleFloatPixelData);
  if (element === undefined) return undefined;
  return element.encapsulated !== undefined
    ? new EncapsulatedFrames(owner, element)
    : new NativeFrames(owner, element);
}

function declaredFrameCount(owner: PixelDataOwner): number {
  const frames = owner.number(NumberOfFrames);
  return frames !== undefined && Number.isInteger(frames) && frames >= 1 ? frames : 1;
}

abstract class FramesBase implements Part10PixelData {
  readonly frameCount: number;
  abstract readonly encapsulated: boolean;

  constructor(
    protected readonly owner: PixelDataOwner,
    protected readonly element: ParsedElement,
  ) {
    this.frameCount = declaredFrameCount(owner);
  }

  abstract frameBytes(index: number): Uint8Array;

  encodedFrame(index: number): EncodedFrame {
    return { bytes: this.frameBytes(index), transferSyntaxUid: this.frameTransferSyntaxUid() };
  }

  frame(index: number, options?: FrameRequestOptions): Promise<EncodedFrame> {
    try {
      options?.signal?.throwIfAborted();
      return Promise.resolve(this.encodedFrame(index));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  protected frameTransferSyntaxUid(): string {
    return this.owner.transferSyntaxUid;
  }

  protected checkIndex(index: number): void {
    if (!Number.isInteger(index) || index < 0 || index >= this.frameCount) {
      throw new DicomParseError(
        `No frame ${index}: the data set has ${this.frameCount}`,
        this.element.offset,
      );
    }
  }
}

class EncapsulatedFrames extends FramesBase {
  readonly encapsulated = true;
  private frames: readonly (readonly Fragment[])[] | undefined;

  frameBytes(index: number): Uint8Array {
    this.checkIndex(index);
    const encapsulated = this.element.encapsulated;
    if (encapsulated === undefined)
      throw new DicomParseError('Pixel data is not encapsulated', this.element.offset);
    const offsetTable = this.owner.element(ExtendedOffsetTable);
    const extendedOffsets =
      offsetTable === undefined
        ? undefined
        : readBinaryNumbers(offsetTable.value, 'OV', offsetTable.littleEndian);
    this.frames ??= groupFragments(
      encapsulated,
      this.frameCount,
      extendedOffsets,
      this.element.offset,
    );
    const fragments = this.frames[index];
    if (fragments === undefined)
      throw new DicomParseError(`No fragments for frame ${index}`, this.element.offset);
    return joinFragments(fragments);
  }
}

class NativeFrames extends FramesBase {
  readonly encapsulated = false;

  frameBytes(index: number): Uint8Array {
    this.checkIndex(index);
    const { value, offset } = this.element;
    const bitsAllocated = this.bitsAllocated();
    const rows = this.owner.number(Rows);
    const columns = this.owner.number(Columns);
    const samples = this.owner.number(SamplesPerPixel) ?? 1;
    if (rows === undefined || columns === undefined || rows < 1 || columns < 1 || samples < 1) {
      throw new DicomParseError(
        'Pixel data without valid Rows, Columns and Samples per Pixel',
        offset,
      );
    }
    // PS3.3 §C.7.6.3.1.2: native YBR_FULL_422 stores two samples per pixel (Y Y Cb Cr per pixel pair).
    const storedSamples =
      samples === 3 && this.photometricInterpretation() === 'YBR_FULL_422' ? 2 : samples;
    const frameBits = rows * columns * storedSamples * bitsAllocated;
    const startBit = frameBits * index;
    if (startBit + frameBits > value.byteLength * 8) {
      throw new DicomParseError(
        `Frame ${index} lies beyond the ${value.byteLength} bytes of pixel data`,
        offset,
      );
    }
    // PS3.5 A.3: big endian OW is swapped as 16-bit words even when Bits Allocated is 1 or 8 (as
    // DCMTK reads it), so swap from the word holding the frame's first bit: a frame can start
    // mid-word, and a 1-bit frame mid-byte.
    if (!this.element.littleEndian && this.element.vr === 'OW' && bitsAllocated <= 8) {
      const first = Math.floor(startBit / 16) * 2;
      const words = swapWords(value.subarray(first, Math.ceil((startBit + frameBits) / 16) * 2));
      const bit = startBit - first * 8;
      return bitsAllocated === 1
        ? sliceBits(words, bit, frameBits)
        : words.subarray(bit / 8, (bit + frameBits) / 8);
    }
    if (bitsAllocated === 1) return sliceBits(value, startBit, frameBits);
    const start = startBit / 8;
    const end = (startBit + frameBits) / 8;
    if (this.element.littleEndian) return value.subarray(start, end);
    return toLittleEndian(value.subarray(start, end), bitsAllocated / 8);
  }

  private photometricInterpretation(): string | undefined {
    return this.owner.string(PhotometricInterpretation);
  }

  private bitsAllocated(): number {
    if (this.element.tag === FloatPixelData) return 32;
    if (this.element.tag === DoubleFloatPixelData) return 64;
    const bits = this.owner.number(BitsAllocated);
    if (bits !== 1 && bits !== 8 && bits !== 16 && bits !== 32 && bits !== 64) {
      throw new DicomParseError(
        `Unsupported Bits Allocated ${String(bits)} for native pixel data`,
        this.element.offset,
      );
    }
    return bits;
  }

  /** Native frames leave this parser little endian: big endian is swapped, deflate already inflated. */
  protected override frameTransferSyntaxUid(): string {
    const uid = this.owner.transferSyntaxUid;
    return !this.element.littleEndian || isDeflatedDataset(uid)
      ? TransferSyntax.ExplicitVrLittleEndian
      : uid;
  }
}

/** A copy with each 16-bit word's bytes swapped; an odd last byte (a malformed OW value) stays. */
function swapWords(value: Uint8Array): Uint8Array {
  const copy = value.slice();
  for (let i = 0; i + 1 < copy.length; i += 2) {
    copy[i] = value[i + 1] ?? 0;
    copy[i + 1] = value[i] ?? 0;
  }
  return copy;
}

/** Bits [start, start + count) of LSB-first packed data, re-based to bit 0, bits past the frame zeroed. */
function sliceBits(value: Uint8Array, start: number, count: number): Uint8Array {
  const first = Math.floor(start / 8);
  const length = Math.ceil(count / 8);
  const shift = start % 8;
  if (shift === 0 && count % 8 === 0) return value.subarray(first, first + length);
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    const low = (value[first + i] ?? 0) >>> shift;
    const high = ((value[first + i + 1] ?? 0) << (8 - shift)) & 0xff;
    out[i] = low | high;
  }
  const spare = length * 8 - count;
  if (spare > 0) out[length - 1] = (out[length - 1] ?? 0) & (0xff >>> spare);
  return out;
}
