import type { Vr } from './dataset.js';
import { dictionaryVr, type DictionaryVr } from './dictionary.js';
import type { ParsedElement, ParsedItem } from './element.js';
import {
  ITEM_DELIMITATION_TAG,
  ITEM_TAG,
  SEQUENCE_DELIMITATION_TAG,
  UNDEFINED_LENGTH,
} from './item-tags.js';
import { formatTag, readEncapsulated } from './encapsulated.js';
import { DicomParseError } from './errors.js';
import { hasLongLength, isVr } from './vr.js';

/** Deeper nesting than this is not a real data set but a crafted one (stack exhaustion). */
export const MAX_NESTING_DEPTH = 64;

const PIXEL_DATA = 0x7fe00010;
const PIXEL_REPRESENTATION = 0x00280103;

export interface Encoding {
  readonly explicitVr: boolean;
  readonly littleEndian: boolean;
}

const IMPLICIT_LITTLE: Encoding = { explicitVr: false, littleEndian: true };

interface Level {
  readonly end: number;
  /** An item of undefined length ends at its Item Delimitation Item (PS3.5 §7.5.2). */
  readonly untilItemDelimiter: boolean;
  readonly depth: number;
  /** Pixel Representation in scope, for PS3.6's "US or SS" VRs in implicit VR. */
  readonly signedPixels: boolean;
}

/** Reads data elements of one data set (or item) from Part 10 bytes, without copying values. */
export class DatasetReader {
  private readonly view: DataView;

  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** Reads elements from `start` until `end`; stops early before the first tag of `stopBeforeGroup`'s successor when given. */
  readDataset(
    start: number,
    end: number,
    encoding: Encoding,
    stopAfterGroup?: number,
  ): { elements: Map<number, ParsedElement>; end: number } {
    return this.readLevel(
      start,
      encoding,
      { end, untilItemDelimiter: false, depth: 0, signedPixels: false },
      stopAfterGroup,
    );
  }

  private tagAt(position: number, littleEndian: boolean): number {
    return (
      ((this.view.getUint16(position, littleEndian) << 16) |
        this.view.getUint16(position + 2, littleEndian)) >>>
      0
    );
  }

  private readLevel(
    start: number,
    encoding: Encoding,
    level: Level,
    stopAfterGroup?: number,
  ): { elements: Map<number, ParsedElement>; end: number } {
    const elements = new Map<number, ParsedElement>();
    const { littleEndian } = encoding;
    let signedPixels = level.signedPixels;
    let position = start;
    while (position < level.end) {
      if (level.end - position < 8)
        throw new DicomParseError('Truncated data element header', position);
      const tag = this.tagAt(position, littleEndian);
      if (stopAfterGroup !== undefined && tag >>> 16 !== stopAfterGroup)
        return { elements, end: position };
      if (tag === ITEM_DELIMITATION_TAG) {
        if (level.untilItemDelimiter) return { elements, end: position + 8 };
        throw new DicomParseError('Item delimiter outside an item of undefined length', position);
      }
      if (tag === SEQUENCE_DELIMITATION_TAG || tag === ITEM_TAG) {
        throw new DicomParseError(`Unexpected ${formatTag(tag)} in a data set`, position);
      }
      let vr: Vr;
      let length: number;
      let valueStart: number;
      const vrText = encoding.explicitVr
        ? String.fromCharCode(this.bytes[position + 4] ?? 0, this.bytes[position + 5] ?? 0)
        : '';
      if (encoding.explicitVr && isVr(vrText)) {
        if (hasLongLength(vrText)) {
          if (level.end - position < 12)
            throw new DicomParseError('Truncated data element header', position);
          length = this.view.getUint32(position + 8, littleEndian);
          valueStart = position + 12;
        } else {
          length = this.view.getUint16(position + 6, littleEndian);
          valueStart = position + 8;
        }
        vr = vrText === 'UN' ? this.vrForUnknown(tag, signedPixels) : vrText;
      } else if (encoding.explicitVr && /^[A-Z]{2}$/.test(vrText)) {
        throw new DicomParseError(`Unknown VR for ${formatTag(tag)}`, position + 4);
      } else {
        // Implicit VR (PS3.5 §7.1.3), or an explicit data set that falls back to it for one element.
        length = this.view.getUint32(position + 4, littleEndian);
        valueStart = position + 8;
        vr = this.implicitVr(tag, length, valueStart, level.end, littleEndian, signedPixels);
      }
      const element = this.readValue(
        tag,
        vr,
        length,
        valueStart,
        encoding,
        level,
        signedPixels,
        vrText === 'UN',
      );
      if (tag === PIXEL_REPRESENTATION && element.element.value.byteLength >= 2) {
        signedPixels = this.view.getUint16(element.element.offset, littleEndian) === 1;
      }
      elements.set(tag, element.element);
      if (element.end <= position) throw new DicomParseError('Parser made no progress', position);
      position = element.end;
    }
    if (level.untilItemDelimiter)
      throw new DicomParseError(
        'Item of undefined length ends without an item delimiter',
        position,
      );
    return { elements, end: position };
  }

  private readValue(
    tag: number,
    vr: Vr,
    length: number,
    valueStart: number,
    encoding: Encoding,
    level: Level,
    signedPixels: boolean,
    wasUn: boolean,
  ): { element: ParsedElement; end: number } {
    const base = {
      tag,
      offset: valueStart,
      littleEndian: encoding.littleEndian,
      value: new Uint8Array(0),
    };
    if (length === UNDEFINED_LENGTH) {
      if (tag === PIXEL_DATA) {
        const read = readEncapsulated(this.bytes, valueStart, level.end);
        return {
          element: {
            ...base,
            vr,
            value: this.bytes.subarray(valueStart, read.valueEnd),
            encapsulated: read.pixelData,
          },
          end: read.end,
        };
      }
      // PS3.5 §6.2.2: a UN of undefined length holds an SQ encoded in implicit VR little endian.
      const itemEncoding = vr === 'SQ' && !wasUn ? encoding : IMPLICIT_LITTLE;
      const read = this.readItems(valueStart, level.end, true, itemEncoding, level, signedPixels);
      return {
        element: { ...base, vr: 'SQ', items: read.items, littleEndian: itemEncoding.littleEndian },
        end: read.end,
      };
    }
    if (length > level.end - valueStart) {
      throw new DicomParseError(
        `Value length ${length} of ${formatTag(tag)} runs past the end of the data`,
        valueStart,
      );
    }
    const end = valueStart + length;
    if (vr === 'SQ') {
      const itemEncoding = wasUn ? IMPLICIT_LITTLE : encoding;
      const read = this.readItems(valueStart, end, false, itemEncoding, level, signedPixels);
      return {
        element: { ...base, vr, items: read.items, littleEndian: itemEncoding.littleEndian },
        end,
      };
    }
    return {
      element: {
        ...base,
        vr,
        value: this.bytes.subarray(valueStart, end),
        littleEndian: wasUn ? true : encoding.littleEndian,
      },
      end,
    };
  }

  private readItems(
    start: number,
    end: number,
    untilDelimiter: boolean,
    encoding: Encoding,
    parent: Level,
    signedPixels: boolean,
  ): { items: ParsedItem[]; end: number } {
    const depth = parent.depth + 1;
    if (depth > MAX_NESTING_DEPTH)
      throw new DicomParseError(`Sequences nested deeper than ${MAX_NESTING_DEPTH}`, start);
    const limit = untilDelimiter ? parent.end : end;
    const items: ParsedItem[] = [];
    let position = start;
    for (;;) {
      if (!untilDelimiter && position >= limit) return { items, end: position };
      if (limit - position < 8)
        throw new DicomParseError('Sequence ends without a sequence delimiter', position);
      const tag = this.tagAt(position, encoding.littleEndian);
      const length = this.view.getUint32(position + 4, encoding.littleEndian);
      if (tag === SEQUENCE_DELIMITATION_TAG) {
        if (untilDelimiter) return { items, end: position + 8 };
        throw new DicomParseError('Sequence delimiter in a sequence of defined length', position);
      }
      if (tag !== ITEM_TAG)
        throw new DicomParseError(`Expected an item tag, found ${formatTag(tag)}`, position);
      const itemStart = position + 8;
      if (length === UNDEFINED_LENGTH) {
        const read = this.readLevel(itemStart, encoding, {
          end: limit,
          untilItemDelimiter: true,
          depth,
          signedPixels,
        });
        items.push(read.elements);
        position = read.end;
      } else {
        if (length > limit - itemStart)
          throw new DicomParseError(
            `Item length ${length} runs past the end of its sequence`,
            position + 4,
          );
        const read = this.readLevel(itemStart, encoding, {
          end: itemStart + length,
          untilItemDelimiter: false,
          depth,
          signedPixels,
        });
        items.push(read.elements);
        position = itemStart + length;
      }
    }
  }

  /** Resolves the VR of an element in implicit VR (PS3.5 §7.1.3) from the dictionary. */
  private implicitVr(
    tag: number,
    length: number,
    valueStart: number,
    end: number,
    littleEndian: boolean,
    signedPixels: boolean,
  ): Vr {
    // PS3.5 §A.4: encapsulated pixel data is OB.
    if (tag === PIXEL_DATA && length === UNDEFINED_LENGTH) return 'OB';
    const known = resolveAmbiguous(dictionaryVr(tag), signedPixels);
    if (known !== undefined && known !== 'UN') return known;
    if (length === UNDEFINED_LENGTH) return 'SQ';
    // A private sequence of defined length is recognisable by its first item tag.
    if (length >= 8 && end - valueStart >= 8 && this.tagAt(valueStart, littleEndian) === ITEM_TAG)
      return 'SQ';
    return 'UN';
  }

  /** PS3.5 §6.2.2: an explicit UN for a tag the dictionary knows is read with the dictionary VR. */
  private vrForUnknown(tag: number, signedPixels: boolean): Vr {
    const known = resolveAmbiguous(dictionaryVr(tag), signedPixels);
    return known ?? 'UN';
  }
}

function resolveAmbiguous(vr: DictionaryVr | undefined, signedPixels: boolean): Vr | undefined {
  switch (vr) {
    case 'US or SS':
      return signedPixels ? 'SS' : 'US';
    case 'OB or OW':
      return 'OW';
    case 'US or OW':
      return 'US';
    default:
      return vr;
  }
}
