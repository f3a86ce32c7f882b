import { decodeBase64 } from './base64.js';
import type { DicomDataset, PixelDataSource, Vr } from './dataset.js';
import { DicomParseError } from './errors.js';
import { createPart10PixelData } from './pixel-data.js';
import { TransferSyntax } from './transfer-syntax.js';
import {
  formatAttributeTag,
  parseNumberText,
  readBinaryNumbers,
  trimValue,
  type PersonName,
} from './values.js';
import { isBinaryNumberVr, isBulkVr, isVr } from './vr.js';
import { dicomJsonKey } from './json-keys.js';
import {
  DoubleFloatPixelData,
  FloatPixelData,
  PixelData,
  TransferSyntaxUID,
} from './tags.generated.js';

/** One attribute of DICOM JSON (PS3.18 §F.2.2). */
export interface DicomJsonAttribute {
  readonly vr: string;
  readonly Value?: readonly unknown[];
  readonly InlineBinary?: string;
  readonly BulkDataURI?: string;
}

/** A DICOM JSON data set: attributes keyed by eight hex digits (PS3.18 §F.2.1). */
export type DicomJsonObject = Readonly<Record<string, DicomJsonAttribute>>;

/** Fetches a BulkDataURI (PS3.18 §F.2.6), typically WADO-RS with the caller's authentication. */
export type BulkDataLoader = (
  uri: string,
  options: { readonly signal?: AbortSignal },
) => Promise<ArrayBuffer | Uint8Array>;

export interface DicomJsonOptions {
  /** Transfer syntax of the frames `frames` delivers; defaults to (0002,0010) if present, else explicit VR LE. */
  readonly transferSyntaxUid?: string;
  /** Needed only for `loadBulkData` of BulkDataURI attributes. */
  readonly bulkData?: BulkDataLoader;
  /** Where the pixel frames come from (a DICOMweb frame retriever). Without it, inline native Pixel Data is used. */
  readonly frames?: PixelDataSource;
}

/**
 * A data set read from DICOM JSON (PS3.18 §F.2), answering like one parsed from Part 10.
 * Differences: `bytes()` answers only for binary VRs (OB, OW, UN …), from InlineBinary, or from a
 * BulkDataURI once `loadBulkData(tag)` has resolved (undefined before).
 */
export class JsonDataset implements DicomDataset {
  /** The attributes by DICOM JSON key (upper-case hex), read in place: no copy per instance. */
  private readonly json: Readonly<Record<string, DicomJsonAttribute | undefined>>;
  private readonly binaries = new Map<number, Uint8Array>();
  private readonly items = new Map<number, JsonDataset[]>();
  private pixels: PixelDataSource | undefined | null = null;
  readonly transferSyntaxUid: string;

  constructor(
    json: unknown,
    private readonly options: DicomJsonOptions = {},
    private readonly depth = 0,
  ) {
    if (typeof json !== 'object' || json === null || Array.isArray(json))
      throw new DicomParseError('DICOM JSON data set is not an object', depth);
    if (depth > 64) throw new DicomParseError('DICOM JSON sequences nested too deep', depth);
    // Checked whole here, so bad input fails at once with a typed error; a series' metadata makes
    // hundreds of these, so the check allocates nothing (no entries array, no map).
    const record = json as Record<string, unknown>;
    let lowerCase = false;
    for (const key in record) {
      if (!HEX_KEY.test(key) || !isAttribute(record[key]))
        throw new DicomParseError(`Invalid DICOM JSON attribute ${key}`, depth);
      lowerCase ||= key !== key.toUpperCase();
    }
    this.json = lowerCase ? upperCaseKeys(record) : (record as JsonDataset['json']);
    this.transferSyntaxUid =
      options.transferSyntaxUid ??
      this.string(TransferSyntaxUID) ??
      TransferSyntax.ExplicitVrLittleEndian;
  }

  private attribute(tag: number): DicomJsonAttribute | undefined {
    return this.json[dicomJsonKey(tag)];
  }

  tags(): number[] {
    return Object.keys(this.json)
      .map((key) => parseInt(key, 16) >>> 0)
      .sort((a, b) => a - b);
  }

  has(tag: number): boolean {
    return this.attribute(tag) !== undefined;
  }

  vr(tag: number): Vr | undefined {
    const vr = this.attribute(tag)?.vr;
    return vr !== undefined && isVr(vr) ? vr : undefined;
  }

  string(tag: number): string | undefined {
    return this.strings(tag)[0];
  }

  strings(tag: number): string[] {
    const attribute = this.attribute(tag);
    const vr = this.vr(tag);
    if (attribute === undefined || vr === undefined || vr === 'SQ' || isBulkVr(vr)) return [];
    if (vr === 'PN') return this.personNames(tag).map((name) => name.alphabetic);
    if (vr === 'AT') return this.numbers(tag).map(formatAttributeTag);
    // Servers pass padding through (pydicom keeps spaces inside multi-valued CS); trim as Part 10 does.
    return (attribute.Value ?? []).map((value) =>
      value === null || value === undefined ? '' : trimValue(String(value as string | number), vr),
    );
  }

  number(tag: number): number | undefined {
    return this.numbers(tag)[0];
  }

  numbers(tag: number): number[] {
    const attribute = this.attribute(tag);
    const vr = this.vr(tag);
    if (attribute === undefined || vr === undefined) return [];
    if (vr === 'AT')
      return (attribute.Value ?? []).flatMap((value) =>
        typeof value === 'string' && /^[0-9A-Fa-f]{8}$/.test(value)
          ? [parseInt(value, 16) >>> 0]
          : [],
      );
    if (isBulkVr(vr)) {
      const bytes = this.bytes(tag);
      return bytes !== undefined && isBinaryNumberVr(vr) ? readBinaryNumbers(bytes, vr, true) : [];
    }
    if (vr !== 'IS' && vr !== 'DS' && !isBinaryNumberVr(vr)) return [];
    return (attribute.Value ?? []).flatMap((value) => {
      if (typeof value === 'number') return Number.isNaN(value) ? [] : [value];
      const parsed = typeof value === 'string' ? parseNumberText(value) : undefined;
      return parsed === undefined ? [] : [parsed];
    });
  }

  /** Person Name values with their alphabetic, ideographic and phonetic groups (PS3.18 §F.2.2). */
  personNames(tag: number): PersonName[] {
    const attribute = this.attribute(tag);
    if (attribute?.vr !== 'PN') return [];
    return (attribute.Value ?? []).map((value) => {
      if (typeof value === 'string') return { alphabetic: value };
      const groups = (typeof value === 'object' && value !== null ? value : {}) as Record<
        string,
        unknown
      >;
      const text = (key: string): string | undefined =>
        typeof groups[key] === 'string' && groups[key] !== '' ? groups[key] : undefined;
      const ideographic = text('Ideographic');
      const phonetic = text('Phonetic');
      return {
        alphabetic: text('Alphabetic') ?? '',
        ...(ideographic !== undefined ? { ideographic } : {}),
        ...(phonetic !== undefined ? { phonetic } : {}),
      };
    });
  }

  sequence(tag: number): DicomDataset[] {
    return this.sequenceItems(tag);
  }

  sequenceItems(tag: number): JsonDataset[] {
    const cached = this.items.get(tag);
    if (cached !== undefined) return cached;
    const attribute = this.attribute(tag);
    const items =
      attribute?.vr === 'SQ'
        ? (attribute.Value ?? []).map(
            (item) =>
              new JsonDataset(
                item,
                {
                  transferSyntaxUid: this.transferSyntaxUid,
                  ...(this.options.bulkData !== undefined
                    ? { bulkData: this.options.bulkData }
                    : {}),
                },
                this.depth + 1,
              ),
          )
        : [];
    this.items.set(tag, items);
    return items;
  }

  bytes(tag: number): Uint8Array | undefined {
    const cached = this.binaries.get(tag);
    if (cached !== undefined) return cached;
    const attribute = this.attribute(tag);
    const inline = attribute?.InlineBinary;
    if (inline === undefined) {
      // PS3.18 §F.2.5: an attribute without a value is empty, unlike one whose bulk data is elsewhere.
      const vr = this.vr(tag);
      return attribute?.BulkDataURI === undefined && vr !== undefined && isBulkVr(vr)
        ? new Uint8Array(0)
        : undefined;
    }
    let decoded: Uint8Array;
    try {
      decoded = decodeBase64(inline);
    } catch {
      throw new DicomParseError(
        `InlineBinary of ${formatAttributeTag(tag)} is not base64`,
        this.depth,
      );
    }
    this.binaries.set(tag, decoded);
    return decoded;
  }

  /** The BulkDataURI this attribute points to, if any. */
  bulkDataUri(tag: number): string | undefined {
    return this.attribute(tag)?.BulkDataURI;
  }

  /**
   * Fetches a BulkDataURI value through `options.bulkData` once; afterwards `bytes(tag)` answers.
   * Resolves with the bytes (or the inline ones, or undefined when the attribute has neither).
   */
  async loadBulkData(
    tag: number,
    options: { readonly signal?: AbortSignal } = {},
  ): Promise<Uint8Array | undefined> {
    const present = this.bytes(tag);
    if (present !== undefined) return present;
    const uri = this.bulkDataUri(tag);
    if (uri === undefined) return undefined;
    const loader = this.options.bulkData;
    if (loader === undefined)
      throw new Error('datasetFromDicomJson: no bulkData loader given for BulkDataURI values');
    const loaded = await loader(
      uri,
      options.signal !== undefined ? { signal: options.signal } : {},
    );
    const bytes = loaded instanceof Uint8Array ? loaded : new Uint8Array(loaded);
    this.binaries.set(tag, bytes);
    return bytes;
  }

  get pixelData(): PixelDataSource | undefined {
    if (this.pixels === null) this.pixels = this.options.frames ?? this.inlinePixelData();
    return this.pixels;
  }

  private inlinePixelData(): PixelDataSource | undefined {
    const pixelTag = [PixelData, FloatPixelData, DoubleFloatPixelData].find(
      (tag) => this.attribute(tag)?.InlineBinary !== undefined,
    );
    if (pixelTag === undefined) return undefined;
    const value = this.bytes(pixelTag) ?? new Uint8Array(0);
    const vr = this.vr(pixelTag) ?? 'OW';
    const element = { tag: pixelTag, vr, value, offset: 0, littleEndian: true };
    return createPart10PixelData({
      transferSyntaxUid: this.transferSyntaxUid,
      number: (tag) => this.number(tag),
      string: (tag) => this.string(tag),
      element: (tag) => (tag === pixelTag ? element : undefined),
    });
  }
}

const HEX_KEY = /^[0-9A-Fa-f]{8}$/;

/** PS3.18 keys are upper case; a server sending lower case is read the same. */
function upperCaseKeys(
  record: Record<string, unknown>,
): Readonly<Record<string, DicomJsonAttribute | undefined>> {
  const copy: Record<string, DicomJsonAttribute | undefined> = {};
  for (const key in record) copy[key.toUpperCase()] = record[key] as DicomJsonAttribute;
  return copy;
}

function isAttribute(value: unknown): value is DicomJsonAttribute {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record.vr === 'string' && (record.Value === undefined || Array.isArray(record.Value))
  );
}

/** Builds the one data model from DICOM JSON (PS3.18 §F.2), e.g. one entry of a WADO-RS metadata array. */
export function datasetFromDicomJson(json: unknown, options?: DicomJsonOptions): JsonDataset {
  return new JsonDataset(json, options);
}
