import { DEFAULT_CHARACTER_SET, SpecificCharacterSet } from './charset.js';
import type { DicomDataset, Vr } from './dataset.js';
import type { ParsedElement } from './element.js';
import { createPart10PixelData, type Part10PixelData } from './pixel-data.js';
import {
  formatAttributeTag,
  parseNumberText,
  parsePersonName,
  readBinaryNumbers,
  toLittleEndian,
  trimValue,
  type PersonName,
} from './values.js';
import {
  binaryWordSize,
  isBinaryNumberVr,
  isBulkVr,
  isMultiValueStringVr,
  isStringVr,
  usesSpecificCharacterSet,
} from './vr.js';
// The tag keyword is also the name of the character set class: the tag gets an alias.
import { SpecificCharacterSet as SpecificCharacterSetTag } from './tags.generated.js';

/** A data set read from Part 10 bytes. Values are decoded on access; nothing is copied at parse time. */
export class Part10Dataset implements DicomDataset {
  private sortedTags: number[] | undefined;
  private characterSet: SpecificCharacterSet | undefined;
  private readonly items = new Map<number, Part10Dataset[]>();
  private pixels: Part10PixelData | undefined | null = null;

  constructor(
    private readonly elements: ReadonlyMap<number, ParsedElement>,
    readonly transferSyntaxUid: string,
    private readonly parent?: Part10Dataset,
  ) {}

  tags(): number[] {
    this.sortedTags ??= [...this.elements.keys()].sort((a, b) => a - b);
    return [...this.sortedTags];
  }

  has(tag: number): boolean {
    return this.elements.has(tag);
  }

  vr(tag: number): Vr | undefined {
    return this.elements.get(tag)?.vr;
  }

  /** The raw element (for tools that need offsets or the stored byte order). */
  element(tag: number): ParsedElement | undefined {
    return this.elements.get(tag);
  }

  string(tag: number): string | undefined {
    return this.strings(tag)[0];
  }

  strings(tag: number): string[] {
    const element = this.elements.get(tag);
    if (element === undefined) return [];
    if (element.vr === 'PN') return this.personNames(tag).map((name) => name.alphabetic);
    if (isStringVr(element.vr)) return this.rawStrings(element);
    if (element.vr === 'AT') return this.numbers(tag).map(formatAttributeTag);
    return isBinaryNumberVr(element.vr) && !isBulkVr(element.vr)
      ? this.numbers(tag).map(String)
      : [];
  }

  number(tag: number): number | undefined {
    return this.numbers(tag)[0];
  }

  numbers(tag: number): number[] {
    const element = this.elements.get(tag);
    if (element === undefined) return [];
    if (element.vr === 'IS' || element.vr === 'DS') {
      return this.rawStrings(element).flatMap((text) => {
        const value = parseNumberText(text);
        return value === undefined ? [] : [value];
      });
    }
    if (isBinaryNumberVr(element.vr))
      return readBinaryNumbers(element.value, element.vr, element.littleEndian);
    return [];
  }

  /** Person Name values with their alphabetic, ideographic and phonetic groups (PS3.5 §6.2.1.1). */
  personNames(tag: number): PersonName[] {
    const element = this.elements.get(tag);
    if (element?.vr !== 'PN') return [];
    return this.rawStrings(element).map(parsePersonName);
  }

  sequence(tag: number): DicomDataset[] {
    return this.sequenceItems(tag);
  }

  /** Items as Part10Dataset (so `element()` and `personNames()` stay reachable). */
  sequenceItems(tag: number): Part10Dataset[] {
    const cached = this.items.get(tag);
    if (cached !== undefined) return cached;
    const element = this.elements.get(tag);
    const items = (element?.items ?? []).map(
      (item) => new Part10Dataset(item, this.transferSyntaxUid, this),
    );
    this.items.set(tag, items);
    return items;
  }

  bytes(tag: number): Uint8Array | undefined {
    const element = this.elements.get(tag);
    if (element === undefined || element.items !== undefined) return undefined;
    if (element.littleEndian) return element.value;
    return toLittleEndian(element.value, binaryWordSize(element.vr));
  }

  get pixelData(): Part10PixelData | undefined {
    if (this.pixels === null) this.pixels = createPart10PixelData(this);
    return this.pixels;
  }

  /** PS3.5 §7.5.3: an item without its own (0008,0005) uses its parent data set's. */
  get specificCharacterSet(): SpecificCharacterSet {
    if (this.characterSet === undefined) {
      const element = this.elements.get(SpecificCharacterSetTag);
      this.characterSet =
        element !== undefined
          ? new SpecificCharacterSet(this.rawStrings(element))
          : (this.parent?.specificCharacterSet ?? DEFAULT_CHARACTER_SET);
    }
    return this.characterSet;
  }

  private rawStrings(element: ParsedElement): string[] {
    if (element.value.byteLength === 0) return [];
    const charset =
      usesSpecificCharacterSet(element.vr) && element.tag !== SpecificCharacterSetTag
        ? this.specificCharacterSet
        : DEFAULT_CHARACTER_SET;
    const text = charset.decode(element.value, element.vr === 'PN');
    const values = isMultiValueStringVr(element.vr) ? text.split('\\') : [text];
    return values.map((value) => trimValue(value, element.vr));
  }
}
