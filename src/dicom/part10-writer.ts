/**
 * Writes a data set as a DICOM Part 10 file (PS3.10 §7.1) in Explicit VR Little Endian, e.g. a
 * Key Object Selection made in the browser, to be stored with STOW-RS (which takes
 * application/dicom, PS3.18 §10.5). Written for the data sets Courbaril makes: every value is read
 * back through the DicomDataset accessors, so text is re-encoded as UTF-8 and the file says so
 * (Specific Character Set "ISO_IR 192", PS3.5 §6.1.2.5.3). Pixel Data is not written.
 */
import { TRANSFER_SYNTAXES } from './transfer-syntax.js';
import type { DicomDataset, Vr } from './dataset.js';
import { CourbarilError } from './errors.js';
import type { PersonName } from './values.js';
import { formatAttributeTag } from './values.js';
import { hasLongLength, isBinaryNumberVr, isBulkVr, isMultiValueStringVr } from './vr.js';
import {
  DoubleFloatPixelData,
  FileMetaInformationGroupLength,
  FileMetaInformationVersion,
  FloatPixelData,
  ImplementationClassUID,
  ImplementationVersionName,
  Item,
  ItemDelimitationItem,
  MediaStorageSOPClassUID,
  MediaStorageSOPInstanceUID,
  PixelData,
  SOPClassUID,
  SOPInstanceUID,
  SequenceDelimitationItem,
  SpecificCharacterSet,
  TransferSyntaxUID,
} from './tags.generated.js';

/** Courbaril's Implementation Class UID (PS3.7 §D.3.3.2), a UUID-derived UID (PS3.5 §B.2). */
export const IMPLEMENTATION_CLASS_UID = '2.25.144833775300316389285179987487542345388';
const IMPLEMENTATION_VERSION_NAME = 'COURBARIL';

const PIXEL_DATA_TAGS: ReadonlySet<number> = new Set([
  PixelData,
  FloatPixelData,
  DoubleFloatPixelData,
]);

/** A value that cannot be written (a bulk value not loaded, a value too long for its VR). */
export class DicomWriteError extends CourbarilError {
  override name = 'DicomWriteError';
  constructor(
    message: string,
    readonly tag: number,
  ) {
    super(`${message} (${formatAttributeTag(tag)})`);
  }
}

/** The data set as Part 10 bytes: preamble, "DICM", File Meta Information, then the data set. */
export function writePart10(dataset: DicomDataset): Uint8Array {
  const sopClassUid = dataset.string(SOPClassUID);
  const sopInstanceUid = dataset.string(SOPInstanceUID);
  if (sopClassUid === undefined) throw new DicomWriteError('SOP Class UID missing', SOPClassUID);
  if (sopInstanceUid === undefined)
    throw new DicomWriteError('SOP Instance UID missing', SOPInstanceUID);
  const meta = new ByteSink();
  writeElement(meta, FileMetaInformationVersion, 'OB', new Uint8Array([0, 1]));
  writeElement(meta, MediaStorageSOPClassUID, 'UI', uiBytes(sopClassUid));
  writeElement(meta, MediaStorageSOPInstanceUID, 'UI', uiBytes(sopInstanceUid));
  writeElement(
    meta,
    TransferSyntaxUID,
    'UI',
    uiBytes(TRANSFER_SYNTAXES.ExplicitVrLittleEndian.uid),
  );
  writeElement(meta, ImplementationClassUID, 'UI', uiBytes(IMPLEMENTATION_CLASS_UID));
  writeElement(meta, ImplementationVersionName, 'SH', textBytes(IMPLEMENTATION_VERSION_NAME));
  const metaBytes = meta.bytes();
  const file = new ByteSink();
  file.push(new Uint8Array(128));
  file.push(new TextEncoder().encode('DICM'));
  const groupLength = new Uint8Array(4);
  new DataView(groupLength.buffer).setUint32(0, metaBytes.byteLength, true);
  writeElement(file, FileMetaInformationGroupLength, 'UL', groupLength);
  file.push(metaBytes);
  writeDataset(file, dataset, true);
  return file.bytes();
}

function writeDataset(sink: ByteSink, dataset: DicomDataset, topLevel: boolean): void {
  if (topLevel) writeElement(sink, SpecificCharacterSet, 'CS', textBytes('ISO_IR 192'));
  for (const tag of dataset.tags()) {
    // Group 0002 is written by writePart10; group lengths are retired (PS3.5 §7.2).
    if (tag >>> 16 === 0x0002 || (tag & 0xffff) === 0 || tag === SpecificCharacterSet) continue;
    if (PIXEL_DATA_TAGS.has(tag)) continue;
    const vr = dataset.vr(tag);
    if (vr === undefined) continue;
    if (vr === 'SQ') {
      writeSequence(sink, tag, dataset.sequence(tag));
      continue;
    }
    writeElement(sink, tag, vr, valueBytes(dataset, tag, vr));
  }
}

/** Sequences and items of undefined length, closed by delimiters (PS3.5 §7.5.2). */
function writeSequence(sink: ByteSink, tag: number, items: readonly DicomDataset[]): void {
  writeHeader(sink, tag, 'SQ', 0xffffffff);
  for (const item of items) {
    writeTag(sink, Item);
    sink.uint32(0xffffffff);
    writeDataset(sink, item, false);
    writeTag(sink, ItemDelimitationItem);
    sink.uint32(0);
  }
  writeTag(sink, SequenceDelimitationItem);
  sink.uint32(0);
}

function valueBytes(dataset: DicomDataset, tag: number, vr: Vr): Uint8Array {
  if (isBulkVr(vr)) {
    const bytes = dataset.bytes(tag);
    if (bytes === undefined) throw new DicomWriteError('Bulk data value not loaded', tag);
    return bytes.byteLength % 2 === 0 ? bytes : concat([bytes, new Uint8Array(1)]);
  }
  if (vr === 'AT') {
    const tags = dataset.numbers(tag);
    const out = new DataView(new ArrayBuffer(tags.length * 4));
    tags.forEach((value, i) => {
      out.setUint16(i * 4, value >>> 16, true);
      out.setUint16(i * 4 + 2, value & 0xffff, true);
    });
    return new Uint8Array(out.buffer);
  }
  if (isBinaryNumberVr(vr)) return binaryNumbers(dataset.numbers(tag), vr);
  if (vr === 'PN') return textBytes(personNames(dataset, tag).join('\\'));
  const values = dataset.strings(tag);
  const text = isMultiValueStringVr(vr) ? values.join('\\') : (values[0] ?? '');
  return vr === 'UI' ? uiBytes(text) : textBytes(text);
}

function personNames(dataset: DicomDataset, tag: number): string[] {
  const withGroups = dataset as Partial<{ personNames(tag: number): PersonName[] }>;
  const names = withGroups.personNames?.(tag);
  if (names === undefined) return dataset.strings(tag);
  // PS3.5 §6.2.1.1: component groups separated by '=', trailing empty groups left out.
  return names.map((name) =>
    [name.alphabetic, name.ideographic ?? '', name.phonetic ?? ''].join('=').replace(/=+$/, ''),
  );
}

function binaryNumbers(values: readonly number[], vr: Vr): Uint8Array {
  const size = vr === 'US' || vr === 'SS' ? 2 : vr === 'FD' || vr === 'SV' || vr === 'UV' ? 8 : 4;
  const view = new DataView(new ArrayBuffer(values.length * size));
  values.forEach((value, i) => {
    const at = i * size;
    if (vr === 'US') view.setUint16(at, value, true);
    else if (vr === 'SS') view.setInt16(at, value, true);
    else if (vr === 'UL') view.setUint32(at, value, true);
    else if (vr === 'SL') view.setInt32(at, value, true);
    else if (vr === 'FL') view.setFloat32(at, value, true);
    else if (vr === 'FD') view.setFloat64(at, value, true);
    else if (vr === 'SV') view.setBigInt64(at, BigInt(Math.trunc(value)), true);
    else view.setBigUint64(at, BigInt(Math.trunc(value)), true);
  });
  return new Uint8Array(view.buffer);
}

/** PS3.5 §6.2: text values are padded to even length with a space, UIDs with NUL (§9.1). */
function textBytes(text: string): Uint8Array {
  const bytes = new TextEncoder().encode(text);
  return bytes.byteLength % 2 === 0 ? bytes : concat([bytes, new Uint8Array([0x20])]);
}

function uiBytes(uid: string): Uint8Array {
  const bytes = new TextEncoder().encode(uid);
  return bytes.byteLength % 2 === 0 ? bytes : concat([bytes, new Uint8Array([0])]);
}

function writeElement(sink: ByteSink, tag: number, vr: Vr, value: Uint8Array): void {
  if (!hasLongLength(vr) && value.byteLength > 0xfffe)
    throw new DicomWriteError(`Value too long for ${vr}`, tag);
  writeHeader(sink, tag, vr, value.byteLength);
  sink.push(value);
}

/** PS3.5 §7.1.2: explicit VR header, 2 reserved bytes and a 32-bit length for the long VRs. */
function writeHeader(sink: ByteSink, tag: number, vr: Vr, length: number): void {
  writeTag(sink, tag);
  sink.push(new Uint8Array([vr.charCodeAt(0), vr.charCodeAt(1)]));
  if (hasLongLength(vr)) {
    sink.push(new Uint8Array(2));
    sink.uint32(length);
  } else sink.uint16(length);
}

function writeTag(sink: ByteSink, tag: number): void {
  sink.uint16(tag >>> 16);
  sink.uint16(tag & 0xffff);
}

class ByteSink {
  readonly #chunks: Uint8Array[] = [];

  push(bytes: Uint8Array): void {
    this.#chunks.push(bytes);
  }

  uint16(value: number): void {
    const bytes = new Uint8Array(2);
    new DataView(bytes.buffer).setUint16(0, value, true);
    this.#chunks.push(bytes);
  }

  uint32(value: number): void {
    const bytes = new Uint8Array(4);
    new DataView(bytes.buffer).setUint32(0, value >>> 0, true);
    this.#chunks.push(bytes);
  }

  bytes(): Uint8Array {
    return concat(this.#chunks);
  }
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}
