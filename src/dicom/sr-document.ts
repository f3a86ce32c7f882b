/**
 * A Structured Report's content tree as plain data (PS3.3 C.17.3 SR Document Content Module),
 * read from any DicomDataset. DOM-free: the element renders it, tests can inspect it.
 */
import type { DicomDataset } from './dataset.js';

const tag = {
  contentDate: 0x00080023,
  contentTime: 0x00080033,
  referencedSopClassUid: 0x00081150,
  referencedSopInstanceUid: 0x00081155,
  referencedFrameNumber: 0x00081160,
  referencedSopSequence: 0x00081199,
  codeValue: 0x00080100,
  codingSchemeDesignator: 0x00080102,
  codeMeaning: 0x00080104,
  measurementUnitsCodeSequence: 0x004008ea,
  relationshipType: 0x0040a010,
  valueType: 0x0040a040,
  conceptNameCodeSequence: 0x0040a043,
  continuityOfContent: 0x0040a050,
  verifyingObserverSequence: 0x0040a073,
  verifyingObserverName: 0x0040a075,
  dateTime: 0x0040a120,
  date: 0x0040a121,
  time: 0x0040a122,
  personName: 0x0040a123,
  uid: 0x0040a124,
  textValue: 0x0040a160,
  conceptCodeSequence: 0x0040a168,
  measuredValueSequence: 0x0040a300,
  numericValueQualifierCodeSequence: 0x0040a301,
  numericValue: 0x0040a30a,
  completionFlag: 0x0040a491,
  verificationFlag: 0x0040a493,
  contentSequence: 0x0040a730,
} as const;

/**
 * Content nested deeper than this is not read (a hostile file could otherwise recurse without
 * end); the document says so (`deeperContentOmitted`) and the report shows it, never silently.
 */
export const MAX_SR_DEPTH = 32;

export interface CodedConcept {
  readonly value: string;
  readonly scheme: string;
  readonly meaning: string;
}

export type SrValue =
  | { readonly type: 'CONTAINER'; readonly continuous: boolean }
  | { readonly type: 'TEXT'; readonly text: string }
  | { readonly type: 'CODE'; readonly code: CodedConcept | undefined }
  | {
      readonly type: 'NUM';
      /** NumericValue (DS) as written, to keep its precision; undefined with a qualifier only. */
      readonly text: string | undefined;
      readonly units: CodedConcept | undefined;
      /** Why there is no value (e.g. "Not a number"), PS3.3 C.18.1.1. */
      readonly qualifier: CodedConcept | undefined;
    }
  | { readonly type: 'DATE' | 'TIME' | 'DATETIME'; readonly text: string }
  | { readonly type: 'PNAME'; readonly name: string }
  | { readonly type: 'UIDREF'; readonly uid: string }
  | {
      readonly type: 'IMAGE' | 'COMPOSITE' | 'WAVEFORM';
      readonly sopClassUid: string | undefined;
      readonly sopInstanceUid: string | undefined;
      readonly frames: readonly number[];
    }
  /** SCOORD, TCOORD … shown as not supported, never dropped silently. */
  | { readonly type: 'OTHER'; readonly valueType: string };

export interface SrContentItem {
  /** CONTAINS, HAS PROPERTIES, HAS OBS CONTEXT, HAS CONCEPT MOD, INFERRED FROM … */
  readonly relationship: string | undefined;
  readonly concept: CodedConcept | undefined;
  readonly value: SrValue;
  readonly children: readonly SrContentItem[];
}

export interface SrDocument {
  readonly title: CodedConcept | undefined;
  readonly completionFlag: string | undefined;
  readonly verificationFlag: string | undefined;
  readonly contentDate: string | undefined;
  readonly contentTime: string | undefined;
  readonly verifyingObservers: readonly string[];
  readonly root: SrContentItem;
  /** Content items nested deeper than MAX_SR_DEPTH were left out. */
  readonly deeperContentOmitted: boolean;
}

/** True when the data set is an SR document (its root content item is a CONTAINER). */
export function isStructuredReport(dataset: DicomDataset): boolean {
  return (
    dataset.string(tag.valueType)?.toUpperCase() === 'CONTAINER' && dataset.has(tag.contentSequence)
  );
}

export function readStructuredReport(dataset: DicomDataset): SrDocument {
  const omitted = { deeper: false };
  const root = readItem(dataset, 0, omitted);
  return {
    title: root.concept,
    completionFlag: dataset.string(tag.completionFlag)?.toUpperCase(),
    verificationFlag: dataset.string(tag.verificationFlag)?.toUpperCase(),
    contentDate: dataset.string(tag.contentDate),
    contentTime: dataset.string(tag.contentTime),
    verifyingObservers: dataset
      .sequence(tag.verifyingObserverSequence)
      .map((item) => item.string(tag.verifyingObserverName) ?? '')
      .filter((name) => name !== ''),
    root,
    deeperContentOmitted: omitted.deeper,
  };
}

function codeOf(items: readonly DicomDataset[]): CodedConcept | undefined {
  const item = items[0];
  if (item === undefined) return undefined;
  return {
    value: item.string(tag.codeValue) ?? '',
    scheme: item.string(tag.codingSchemeDesignator) ?? '',
    meaning: item.string(tag.codeMeaning) ?? item.string(tag.codeValue) ?? '',
  };
}

function readItem(item: DicomDataset, depth: number, omitted: { deeper: boolean }): SrContentItem {
  const sequence = item.sequence(tag.contentSequence);
  if (depth >= MAX_SR_DEPTH && sequence.length > 0) omitted.deeper = true;
  const children =
    depth >= MAX_SR_DEPTH ? [] : sequence.map((child) => readItem(child, depth + 1, omitted));
  return {
    relationship: item.string(tag.relationshipType)?.toUpperCase(),
    concept: codeOf(item.sequence(tag.conceptNameCodeSequence)),
    value: readValue(item),
    children,
  };
}

function readValue(item: DicomDataset): SrValue {
  const valueType = (item.string(tag.valueType) ?? '').toUpperCase();
  switch (valueType) {
    case 'CONTAINER':
      return {
        type: 'CONTAINER',
        continuous: item.string(tag.continuityOfContent)?.toUpperCase() === 'CONTINUOUS',
      };
    case 'TEXT':
      return { type: 'TEXT', text: item.string(tag.textValue) ?? '' };
    case 'CODE':
      return { type: 'CODE', code: codeOf(item.sequence(tag.conceptCodeSequence)) };
    case 'NUM': {
      const measured = item.sequence(tag.measuredValueSequence)[0];
      return {
        type: 'NUM',
        text: measured?.string(tag.numericValue),
        units:
          measured === undefined
            ? undefined
            : codeOf(measured.sequence(tag.measurementUnitsCodeSequence)),
        qualifier: codeOf(item.sequence(tag.numericValueQualifierCodeSequence)),
      };
    }
    case 'DATE':
      return { type: 'DATE', text: item.string(tag.date) ?? '' };
    case 'TIME':
      return { type: 'TIME', text: item.string(tag.time) ?? '' };
    case 'DATETIME':
      return { type: 'DATETIME', text: item.string(tag.dateTime) ?? '' };
    case 'PNAME':
      return { type: 'PNAME', name: item.string(tag.personName) ?? '' };
    case 'UIDREF':
      return { type: 'UIDREF', uid: item.string(tag.uid) ?? '' };
    case 'IMAGE':
    case 'COMPOSITE':
    case 'WAVEFORM': {
      const reference = item.sequence(tag.referencedSopSequence)[0];
      return {
        type: valueType,
        sopClassUid: reference?.string(tag.referencedSopClassUid),
        sopInstanceUid: reference?.string(tag.referencedSopInstanceUid),
        frames: reference?.numbers(tag.referencedFrameNumber) ?? [],
      };
    }
    default:
      return { type: 'OTHER', valueType };
  }
}
