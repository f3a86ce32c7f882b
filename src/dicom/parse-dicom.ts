import { DatasetReader, type Encoding } from './dataset-reader.js';
import type { ParsedElement } from './element.js';
import { DicomParseError } from './errors.js';
import { assertFramesFitPayload } from './frame-bounds.js';
import { Part10Dataset } from './part10-dataset.js';
import { TransferSyntax, encodingOf, isDeflatedDataset } from './transfer-syntax.js';
import { isVr } from './vr.js';
import { DEFAULT_MAX_INFLATED_BYTES, inflateRaw } from './inflate.js';
import { TransferSyntaxUID } from './tags.generated.js';

export interface ParseDicomOptions {
  /** Cap on the inflated size of a deflated data set (parseDicomAsync), against deflate bombs. Default 512 MiB. */
  readonly maxInflatedBytes?: number;
}

/** Thrown by the synchronous `parseDicom` for deflated data sets: call `parseDicomAsync` instead. */
export class DeflateRequiresAsyncError extends DicomParseError {
  override name = 'DeflateRequiresAsyncError';
  constructor(offset: number) {
    super('Deflated Explicit VR Little Endian needs inflating: use parseDicomAsync', offset);
  }
}

interface Prepared {
  readonly bytes: Uint8Array;
  readonly meta: Map<number, ParsedElement>;
  readonly datasetStart: number;
  readonly transferSyntaxUid: string;
  readonly encoding: Encoding;
}

/**
 * Parses a DICOM data set: Part 10 (with or without the 128-byte preamble and "DICM"), or a raw
 * data set without meta header (encoding guessed from its first element). Values are not copied:
 * the returned data set keeps views on `bytes`, so do not modify them afterwards.
 * Deflated data sets throw DeflateRequiresAsyncError (a DicomParseError): use parseDicomAsync.
 */
export function parseDicom(bytes: ArrayBuffer | Uint8Array): Part10Dataset {
  const prepared = prepare(bytes);
  if (isDeflatedDataset(prepared.transferSyntaxUid))
    throw new DeflateRequiresAsyncError(prepared.datasetStart);
  return readMain(prepared, prepared.bytes, prepared.datasetStart);
}

/** Like parseDicom, and also reads Deflated Explicit VR Little Endian (PS3.5 §A.5) via DecompressionStream. */
export async function parseDicomAsync(
  bytes: ArrayBuffer | Uint8Array,
  options?: ParseDicomOptions,
): Promise<Part10Dataset> {
  const prepared = prepare(bytes);
  if (!isDeflatedDataset(prepared.transferSyntaxUid))
    return readMain(prepared, prepared.bytes, prepared.datasetStart);
  const inflated = await inflateRaw(
    prepared.bytes.subarray(prepared.datasetStart),
    options?.maxInflatedBytes ?? DEFAULT_MAX_INFLATED_BYTES,
    prepared.datasetStart,
  );
  return readMain(prepared, inflated, 0);
}

function readMain(prepared: Prepared, bytes: Uint8Array, start: number): Part10Dataset {
  const encoding =
    start === prepared.datasetStart && bytes === prepared.bytes
      ? detectEncoding(bytes, start, prepared.encoding)
      : prepared.encoding;
  const { elements } = new DatasetReader(bytes).readDataset(start, bytes.byteLength, encoding);
  for (const [tag, element] of prepared.meta) elements.set(tag, element);
  const dataset = new Part10Dataset(elements, prepared.transferSyntaxUid);
  assertFramesFitPayload(dataset);
  return dataset;
}

function prepare(input: ArrayBuffer | Uint8Array): Prepared {
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  let metaStart: number | undefined;
  if (hasMagic(bytes, 128)) metaStart = 132;
  else if (hasMagic(bytes, 0)) metaStart = 4;
  else if (bytes.byteLength >= 6 && bytes[0] === 0x02 && bytes[1] === 0x00 && isVrAt(bytes, 4))
    metaStart = 0;
  if (metaStart === undefined) {
    const encoding = guessEncoding(bytes, 0);
    return {
      bytes,
      meta: new Map(),
      datasetStart: 0,
      transferSyntaxUid: uidFor(encoding),
      encoding,
    };
  }
  // PS3.10 §7.1: the meta header is always explicit VR little endian, group 0002 only.
  const { elements: meta, end } = new DatasetReader(bytes).readDataset(
    metaStart,
    bytes.byteLength,
    { explicitVr: true, littleEndian: true },
    0x0002,
  );
  const declared = metaString(meta.get(TransferSyntaxUID));
  if (declared === undefined || declared === '') {
    const encoding = guessEncoding(bytes, end);
    return { bytes, meta, datasetStart: end, transferSyntaxUid: uidFor(encoding), encoding };
  }
  return {
    bytes,
    meta,
    datasetStart: end,
    transferSyntaxUid: declared,
    encoding: encodingOf(declared),
  };
}

function hasMagic(bytes: Uint8Array, at: number): boolean {
  return (
    bytes[at] === 0x44 && bytes[at + 1] === 0x49 && bytes[at + 2] === 0x43 && bytes[at + 3] === 0x4d
  );
}

function isVrAt(bytes: Uint8Array, at: number): boolean {
  return isVr(String.fromCharCode(bytes[at] ?? 0, bytes[at + 1] ?? 0));
}

function metaString(element: ParsedElement | undefined): string | undefined {
  if (element === undefined) return undefined;
  let text = '';
  for (const byte of element.value) text += String.fromCharCode(byte);
  return text.replace(/[\0 ]+$/, '').trim();
}

function uidFor(encoding: Encoding): string {
  if (!encoding.explicitVr) return TransferSyntax.ImplicitVrLittleEndian;
  return encoding.littleEndian
    ? TransferSyntax.ExplicitVrLittleEndian
    : TransferSyntax.ExplicitVrBigEndian;
}

/**
 * A raw data set carries no transfer syntax: elements come in ascending tag order from a low
 * group, so whichever byte order gives the smaller first group is right, and a VR after the tag
 * means explicit VR.
 */
function guessEncoding(bytes: Uint8Array, at: number): Encoding {
  if (bytes.byteLength - at < 8) return { explicitVr: false, littleEndian: true };
  const little = (bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8);
  const big = ((bytes[at] ?? 0) << 8) | (bytes[at + 1] ?? 0);
  return { explicitVr: isVrAt(bytes, at + 4), littleEndian: little <= big };
}

/** Some writers declare one VR encoding and use the other; the first element's bytes tell (as pydicom does). */
function detectEncoding(bytes: Uint8Array, at: number, declared: Encoding): Encoding {
  if (bytes.byteLength - at < 8) return declared;
  const explicit = isVrAt(bytes, at + 4);
  return explicit === declared.explicitVr ? declared : { ...declared, explicitVr: explicit };
}
