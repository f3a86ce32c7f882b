/**
 * Pieces of an SR document in DICOM JSON shared by the writers (KOS, Breast Imaging Report): the
 * Patient and Study modules copied from an image, coded entries, content items, DA/TM values.
 */
import type { DicomDataset } from './dataset.js';
import { datasetToDicomJson } from './dicom-json-writer.js';
import type { DicomJsonAttribute } from './json-dataset.js';
import { dicomJsonKey } from './json-keys.js';
import type { CodedConcept } from './sr-document.js';
import * as tags from './tags.js';

export type Json = Record<string, DicomJsonAttribute>;

/** Patient (C.7.1.1) and General Study (C.7.2.1) attributes, with their type-2 ones always present. */
const COPIED: readonly (readonly [number, string, boolean])[] = [
  [tags.PatientName, 'PN', true],
  [tags.PatientID, 'LO', true],
  [tags.IssuerOfPatientID, 'LO', false],
  [tags.IssuerOfPatientIDQualifiersSequence, 'SQ', false],
  [tags.PatientBirthDate, 'DA', true],
  [tags.PatientSex, 'CS', true],
  [tags.OtherPatientIDsSequence, 'SQ', false],
  [tags.StudyInstanceUID, 'UI', true],
  [tags.StudyDate, 'DA', true],
  [tags.StudyTime, 'TM', true],
  [tags.ReferringPhysicianName, 'PN', true],
  [tags.StudyID, 'SH', true],
  [tags.AccessionNumber, 'SH', true],
  [tags.IssuerOfAccessionNumberSequence, 'SQ', false],
  [tags.StudyDescription, 'LO', false],
];

/** The Patient and General Study modules of `source`, as DICOM JSON attributes. */
export function patientStudyJson(source: DicomDataset): Json {
  const json = datasetToDicomJson(source);
  const out: Json = {};
  for (const [tag, vr, type2] of COPIED) {
    const copied = json[dicomJsonKey(tag)];
    if (copied !== undefined) out[dicomJsonKey(tag)] = copied;
    else if (type2) out[dicomJsonKey(tag)] = { vr };
  }
  return out;
}

/** Code Sequence Macro item (PS3.3 Table 8.8-1). */
export function codeItem(concept: CodedConcept): Json {
  return {
    [dicomJsonKey(tags.CodeValue)]: { vr: 'SH', Value: [concept.value] },
    [dicomJsonKey(tags.CodingSchemeDesignator)]: { vr: 'SH', Value: [concept.scheme] },
    [dicomJsonKey(tags.CodeMeaning)]: { vr: 'LO', Value: [concept.meaning] },
  };
}

/** Relationship type, value type and concept name of a content item (PS3.3 C.17.3.2). */
export function relationship(
  type: string,
  valueType: string,
  concept: CodedConcept | undefined,
): Json {
  return {
    [dicomJsonKey(tags.RelationshipType)]: { vr: 'CS', Value: [type] },
    [dicomJsonKey(tags.ValueType)]: { vr: 'CS', Value: [valueType] },
    ...(concept !== undefined
      ? { [dicomJsonKey(tags.ConceptNameCodeSequence)]: { vr: 'SQ', Value: [codeItem(concept)] } }
      : {}),
  };
}

/** A CODE content item, its children (if any) in its Content Sequence. */
export function codeContentItem(
  type: string,
  concept: CodedConcept,
  value: CodedConcept,
  children: readonly Json[] = [],
): Json {
  return withChildren(
    {
      ...relationship(type, 'CODE', concept),
      [dicomJsonKey(tags.ConceptCodeSequence)]: { vr: 'SQ', Value: [codeItem(value)] },
    },
    children,
  );
}

export function textContentItem(type: string, concept: CodedConcept, text: string): Json {
  return {
    ...relationship(type, 'TEXT', concept),
    [dicomJsonKey(tags.TextValue)]: { vr: 'UT', Value: [text] },
  };
}

export function containerContentItem(
  type: string,
  concept: CodedConcept,
  children: readonly Json[],
): Json {
  return withChildren(
    {
      ...relationship(type, 'CONTAINER', concept),
      [dicomJsonKey(tags.ContinuityOfContent)]: { vr: 'CS', Value: ['SEPARATE'] },
    },
    children,
  );
}

export function withChildren(item: Json, children: readonly Json[]): Json {
  return children.length === 0
    ? item
    : { ...item, [dicomJsonKey(tags.ContentSequence)]: { vr: 'SQ', Value: [...children] } };
}

/** An instance an SR document cites (its evidence, PS3.3 C.17.2.2). */
export interface EvidenceItem {
  readonly studyInstanceUid: string;
  readonly seriesInstanceUid: string;
  readonly sopClassUid: string;
  readonly sopInstanceUid: string;
  readonly retrieveUrl?: string;
}

/** Hierarchical SOP Instance Reference macro (Table C.17-3), study → series → instance, first-seen order. */
export function evidence(items: readonly EvidenceItem[]): Json[] {
  const studies = new Map<string, Map<string, EvidenceItem[]>>();
  for (const item of items) {
    const series = studies.get(item.studyInstanceUid) ?? new Map<string, EvidenceItem[]>();
    studies.set(item.studyInstanceUid, series);
    const instances = series.get(item.seriesInstanceUid) ?? [];
    series.set(item.seriesInstanceUid, instances);
    if (!instances.some((known) => known.sopInstanceUid === item.sopInstanceUid))
      instances.push(item);
  }
  return [...studies].map(([studyInstanceUid, series]) => ({
    [dicomJsonKey(tags.StudyInstanceUID)]: { vr: 'UI', Value: [studyInstanceUid] },
    [dicomJsonKey(tags.ReferencedSeriesSequence)]: {
      vr: 'SQ',
      Value: [...series].map(([seriesInstanceUid, instances]) => {
        const retrieveUrl = instances.find((item) => item.retrieveUrl !== undefined)?.retrieveUrl;
        return {
          [dicomJsonKey(tags.SeriesInstanceUID)]: { vr: 'UI', Value: [seriesInstanceUid] },
          ...(retrieveUrl !== undefined
            ? { [dicomJsonKey(tags.RetrieveURL)]: { vr: 'UR', Value: [retrieveUrl] } }
            : {}),
          [dicomJsonKey(tags.ReferencedSOPSequence)]: {
            vr: 'SQ',
            Value: instances.map((item) => ({
              [dicomJsonKey(tags.ReferencedSOPClassUID)]: { vr: 'UI', Value: [item.sopClassUid] },
              [dicomJsonKey(tags.ReferencedSOPInstanceUID)]: {
                vr: 'UI',
                Value: [item.sopInstanceUid],
              },
            })),
          },
        };
      }),
    },
  }));
}

/** PS3.5 §6.2 DA and TM in local time, as the modality's clock would write them. */
export function dicomDate(date: Date): string {
  return `${date.getFullYear()}${pad(date.getMonth() + 1)}${pad(date.getDate())}`;
}

export function dicomTime(date: Date): string {
  return `${pad(date.getHours())}${pad(date.getMinutes())}${pad(date.getSeconds())}`;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
