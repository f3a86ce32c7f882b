/**
 * A Structured Report's content tree as plain data (PS3.3 C.17.3 SR Document Content Module),
 * read from any DicomDataset. DOM-free: the element renders it, tests can inspect it.
 */
import type { DicomDataset } from './dataset.js';
import {
  CodeMeaning,
  CodeValue,
  CodingSchemeDesignator,
  CompletionFlag,
  ConceptCodeSequence,
  ConceptNameCodeSequence,
  ContentDate,
  ContentSequence,
  ContentTime,
  ContinuityOfContent,
  // The keyword Date would shadow the global Date.
  Date as DateTag,
  DateTime,
  GraphicData,
  GraphicType,
  MeasuredValueSequence,
  MeasurementUnitsCodeSequence,
  NumericValue,
  NumericValueQualifierCodeSequence,
  PersonName,
  ReferencedFrameNumber,
  ReferencedSOPClassUID,
  ReferencedSOPInstanceUID,
  ReferencedSOPSequence,
  RelationshipType,
  TextValue,
  Time,
  UID,
  ValueType,
  VerificationFlag,
  VerifyingObserverName,
  VerifyingObserverSequence,
} from './tags.generated.js';

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
  /** PS3.3 C.18.6: image coordinates (column, row pairs) of a point, polyline, circle, ellipse. */
  | {
      readonly type: 'SCOORD';
      readonly graphicType: string;
      readonly points: readonly (readonly [number, number])[];
    }
  /** TCOORD, SCOORD3D … shown as not supported, never dropped silently. */
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
  return dataset.string(ValueType)?.toUpperCase() === 'CONTAINER' && dataset.has(ContentSequence);
}

export function readStructuredReport(dataset: DicomDataset): SrDocument {
  const omitted = { deeper: false };
  const root = readItem(dataset, 0, omitted);
  return {
    title: root.concept,
    completionFlag: dataset.string(CompletionFlag)?.toUpperCase(),
    verificationFlag: dataset.string(VerificationFlag)?.toUpperCase(),
    contentDate: dataset.string(ContentDate),
    contentTime: dataset.string(ContentTime),
    verifyingObservers: dataset
      .sequence(VerifyingObserverSequence)
      .map((item) => item.string(VerifyingObserverName) ?? '')
      .filter((name) => name !== ''),
    root,
    deeperContentOmitted: omitted.deeper,
  };
}

function codeOf(items: readonly DicomDataset[]): CodedConcept | undefined {
  const item = items[0];
  if (item === undefined) return undefined;
  return {
    value: item.string(CodeValue) ?? '',
    scheme: item.string(CodingSchemeDesignator) ?? '',
    meaning: item.string(CodeMeaning) ?? item.string(CodeValue) ?? '',
  };
}

function readItem(item: DicomDataset, depth: number, omitted: { deeper: boolean }): SrContentItem {
  const sequence = item.sequence(ContentSequence);
  if (depth >= MAX_SR_DEPTH && sequence.length > 0) omitted.deeper = true;
  const children =
    depth >= MAX_SR_DEPTH ? [] : sequence.map((child) => readItem(child, depth + 1, omitted));
  return {
    relationship: item.string(RelationshipType)?.toUpperCase(),
    concept: codeOf(item.sequence(ConceptNameCodeSequence)),
    value: readValue(item),
    children,
  };
}

function readValue(item: DicomDataset): SrValue {
  const valueType = (item.string(ValueType) ?? '').toUpperCase();
  switch (valueType) {
    case 'CONTAINER':
      return {
        type: 'CONTAINER',
        continuous: item.string(ContinuityOfContent)?.toUpperCase() === 'CONTINUOUS',
      };
    case 'TEXT':
      return { type: 'TEXT', text: item.string(TextValue) ?? '' };
    case 'CODE':
      return { type: 'CODE', code: codeOf(item.sequence(ConceptCodeSequence)) };
    case 'NUM': {
      const measured = item.sequence(MeasuredValueSequence)[0];
      return {
        type: 'NUM',
        text: measured?.string(NumericValue),
        units:
          measured === undefined
            ? undefined
            : codeOf(measured.sequence(MeasurementUnitsCodeSequence)),
        qualifier: codeOf(item.sequence(NumericValueQualifierCodeSequence)),
      };
    }
    case 'DATE':
      return { type: 'DATE', text: item.string(DateTag) ?? '' };
    case 'TIME':
      return { type: 'TIME', text: item.string(Time) ?? '' };
    case 'DATETIME':
      return { type: 'DATETIME', text: item.string(DateTime) ?? '' };
    case 'PNAME':
      return { type: 'PNAME', name: item.string(PersonName) ?? '' };
    case 'UIDREF':
      return { type: 'UIDREF', uid: item.string(UID) ?? '' };
    case 'IMAGE':
    case 'COMPOSITE':
    case 'WAVEFORM': {
      const reference = item.sequence(ReferencedSOPSequence)[0];
      return {
        type: valueType,
        sopClassUid: reference?.string(ReferencedSOPClassUID),
        sopInstanceUid: reference?.string(ReferencedSOPInstanceUID),
        frames: reference?.numbers(ReferencedFrameNumber) ?? [],
      };
    }
    case 'SCOORD': {
      const data = item.numbers(GraphicData);
      const points: (readonly [number, number])[] = [];
      for (let i = 0; i + 1 < data.length; i += 2) points.push([data[i] ?? 0, data[i + 1] ?? 0]);
      return {
        type: 'SCOORD',
        graphicType: (item.string(GraphicType) ?? '').toUpperCase(),
        points,
      };
    }
    default:
      return { type: 'OTHER', valueType };
  }
}
