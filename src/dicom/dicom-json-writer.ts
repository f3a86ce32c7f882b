import { encodeBase64 } from './base64.js';
import type { DicomDataset } from './dataset.js';
import type { DicomJsonAttribute } from './json-dataset.js';
import type { PersonName } from './values.js';
import { isBinaryNumberVr, isBulkVr } from './vr.js';
import { DoubleFloatPixelData, FloatPixelData, PixelData } from './tags.generated.js';

const PIXEL_DATA_TAGS: ReadonlySet<number> = new Set([
  PixelData,
  FloatPixelData,
  DoubleFloatPixelData,
]);

export interface DicomJsonWriteOptions {
  /** Also write Pixel Data as InlineBinary (off by default: frames travel and are cached separately). */
  readonly includePixelData?: boolean;
}

interface WithPersonNames {
  personNames(tag: number): PersonName[];
}

function hasPersonNames(dataset: DicomDataset): dataset is DicomDataset & WithPersonNames {
  return typeof (dataset as Partial<WithPersonNames>).personNames === 'function';
}

/** Any data set (Part 10 or DICOM JSON) as DICOM JSON (PS3.18 §F.2), e.g. to cache metadata. */
export function datasetToDicomJson(
  dataset: DicomDataset,
  options: DicomJsonWriteOptions = {},
): Record<string, DicomJsonAttribute> {
  const json: Record<string, DicomJsonAttribute> = {};
  for (const tag of dataset.tags()) {
    if (PIXEL_DATA_TAGS.has(tag) && options.includePixelData !== true) continue;
    const vr = dataset.vr(tag);
    if (vr === undefined) continue;
    json[(tag >>> 0).toString(16).toUpperCase().padStart(8, '0')] = attribute(
      dataset,
      tag,
      vr,
      options,
    );
  }
  return json;
}

function attribute(
  dataset: DicomDataset,
  tag: number,
  vr: string,
  options: DicomJsonWriteOptions,
): DicomJsonAttribute {
  const withValue = (Value: readonly unknown[]): DicomJsonAttribute =>
    Value.length > 0 ? { vr, Value } : { vr };
  if (vr === 'SQ')
    return withValue(dataset.sequence(tag).map((item) => datasetToDicomJson(item, options)));
  if (vr === 'PN') {
    const names: PersonName[] = hasPersonNames(dataset)
      ? dataset.personNames(tag)
      : dataset.strings(tag).map((alphabetic) => ({ alphabetic }));
    return withValue(
      names.map((name) => ({
        Alphabetic: name.alphabetic,
        ...(name.ideographic !== undefined ? { Ideographic: name.ideographic } : {}),
        ...(name.phonetic !== undefined ? { Phonetic: name.phonetic } : {}),
      })),
    );
  }
  if (isBulkVr(vr as never)) {
    const bytes = dataset.bytes(tag);
    if (bytes !== undefined)
      return bytes.byteLength > 0 ? { vr, InlineBinary: encodeBase64(bytes) } : { vr };
    const uri = (
      dataset as Partial<{ bulkDataUri(tag: number): string | undefined }>
    ).bulkDataUri?.(tag);
    return uri !== undefined ? { vr, BulkDataURI: uri } : { vr };
  }
  if (vr === 'AT') return withValue(dataset.strings(tag));
  if (vr === 'IS' || vr === 'DS') {
    // PS3.18 §F.2.3: DS and IS are JSON numbers; keep the text when a value is not a number.
    const strings = dataset.strings(tag);
    return withValue(
      strings.every((text) => text === '' || Number.isFinite(Number(text)))
        ? strings.map((text) => (text === '' ? null : Number(text)))
        : strings,
    );
  }
  if (isBinaryNumberVr(vr as never)) return withValue(dataset.numbers(tag));
  return withValue(dataset.strings(tag).map((text) => (text === '' ? null : text)));
}
