/**
 * Makes a Key Object Selection Document (PS3.3 A.35.4, content TID 2010) that selects instances,
 * e.g. the key images a reader marked, titled (113000, DCM, "Of Interest") unless told otherwise.
 * The result is an ordinary DicomDataset: `writePart10` turns it into a file for STOW-RS,
 * `datasetToDicomJson` into DICOM JSON, `readKeyObjectSelection` reads it back.
 */
import type { DicomDataset } from './dataset.js';
import { CourbarilError } from './errors.js';
import { datasetFromDicomJson, type JsonDataset } from './json-dataset.js';
import { dicomJsonKey } from './json-keys.js';
import {
  KEY_OBJECT_DESCRIPTION,
  KEY_OBJECT_SELECTION_SOP_CLASS_UID,
  KeyObjectTitles,
  type CodedConcept,
} from './key-object-selection.js';
import {
  codeItem,
  dicomDate,
  dicomTime,
  evidence,
  patientStudyJson,
  relationship,
  type Json,
} from './sr-json-builder.js';
import * as tags from './tags.js';
import { createUid, isDicomUid } from './uid.js';

/** One instance to select (frames: 1-based, empty or absent for the whole instance). */
export interface KeyObjectSelectionItem {
  readonly studyInstanceUid: string;
  readonly seriesInstanceUid: string;
  readonly sopClassUid: string;
  readonly sopInstanceUid: string;
  readonly frames?: readonly number[];
  /** Written as the series' Retrieve URL (0008,1190) when the series lives on another source. */
  readonly retrieveUrl?: string;
  /** TID 2010 value type: IMAGE (default) for images, COMPOSITE for other objects (SR, PDF). */
  readonly valueType?: 'IMAGE' | 'COMPOSITE' | 'WAVEFORM';
}

export interface KeyObjectSelectionOptions {
  /**
   * Its Patient and General Study modules are copied (PS3.3 C.7.1.1, C.7.2.1): the document
   * belongs to that patient and study, typically the one the reader was reading.
   */
  readonly patientStudy: DicomDataset;
  readonly items: readonly KeyObjectSelectionItem[];
  /** Document title from CID 7010 (default (113000, DCM, "Of Interest")). */
  readonly title?: CodedConcept;
  /** Key Object Description (TEXT, TID 2010 row 3). */
  readonly description?: string;
  /** Person Observer Name (TID 1003), e.g. the signed-in reader, `FAMILY^Given`. */
  readonly observerName?: string;
  readonly seriesInstanceUid?: string;
  readonly sopInstanceUid?: string;
  readonly seriesNumber?: number;
  readonly instanceNumber?: number;
  readonly seriesDescription?: string;
  /** Content Date and Time (default: now). */
  readonly contentDateTime?: Date;
}

/** Nothing to select, or a UID that is not one. */
export class KeyObjectWriteError extends CourbarilError {
  override name = 'KeyObjectWriteError';
}

export function createKeyObjectSelection(options: KeyObjectSelectionOptions): JsonDataset {
  if (options.items.length === 0)
    throw new KeyObjectWriteError('A Key Object Selection needs at least one instance');
  for (const item of options.items)
    for (const uid of [
      item.studyInstanceUid,
      item.seriesInstanceUid,
      item.sopClassUid,
      item.sopInstanceUid,
    ])
      if (!isDicomUid(uid)) throw new KeyObjectWriteError('A referenced UID is malformed');
  const now = options.contentDateTime ?? new Date();
  const json: Json = patientStudyJson(options.patientStudy);
  if (json[dicomJsonKey(tags.StudyInstanceUID)]?.Value === undefined)
    throw new KeyObjectWriteError('patientStudy has no Study Instance UID');
  const set = (tag: number, vr: string, ...values: unknown[]): void => {
    json[dicomJsonKey(tag)] = values.length > 0 ? { vr, Value: values } : { vr };
  };
  // SOP Common (C.12.1); the Part 10 writer encodes text as UTF-8.
  set(tags.SpecificCharacterSet, 'CS', 'ISO_IR 192');
  set(tags.SOPClassUID, 'UI', KEY_OBJECT_SELECTION_SOP_CLASS_UID);
  set(tags.SOPInstanceUID, 'UI', options.sopInstanceUid ?? createUid());
  set(tags.InstanceCreationDate, 'DA', dicomDate(now));
  set(tags.InstanceCreationTime, 'TM', dicomTime(now));
  // Key Object Document Series (C.17.6.1) and General Equipment (C.7.5.1).
  set(tags.Modality, 'CS', 'KO');
  set(tags.SeriesInstanceUID, 'UI', options.seriesInstanceUid ?? createUid());
  set(tags.SeriesNumber, 'IS', options.seriesNumber ?? 1);
  if (options.seriesDescription !== undefined)
    set(tags.SeriesDescription, 'LO', options.seriesDescription);
  set(tags.ReferencedPerformedProcedureStepSequence, 'SQ');
  set(tags.Manufacturer, 'LO', 'Courbaril');
  // Key Object Document (C.17.6.2).
  set(tags.InstanceNumber, 'IS', options.instanceNumber ?? 1);
  set(tags.ContentDate, 'DA', dicomDate(now));
  set(tags.ContentTime, 'TM', dicomTime(now));
  set(tags.CurrentRequestedProcedureEvidenceSequence, 'SQ', ...evidence(options.items));
  // SR Document Content (C.17.3), constrained by A.35.4.3 to TID 2010.
  set(tags.ValueType, 'CS', 'CONTAINER');
  set(tags.ConceptNameCodeSequence, 'SQ', codeItem(options.title ?? KeyObjectTitles.ofInterest));
  set(tags.ContinuityOfContent, 'CS', 'SEPARATE');
  set(tags.ContentTemplateSequence, 'SQ', {
    [dicomJsonKey(tags.MappingResource)]: { vr: 'CS', Value: ['DCMR'] },
    [dicomJsonKey(tags.TemplateIdentifier)]: { vr: 'CS', Value: ['2010'] },
  });
  set(tags.ContentSequence, 'SQ', ...content(options));
  return datasetFromDicomJson(json);
}

function content(options: KeyObjectSelectionOptions): Json[] {
  const items: Json[] = [];
  if (options.observerName !== undefined) {
    // TID 1002 row 1 and TID 1003 row 1: Observer Type = Person, Person Observer Name.
    items.push({
      ...relationship('HAS OBS CONTEXT', 'CODE', {
        value: '121005',
        scheme: 'DCM',
        meaning: 'Observer Type',
      }),
      [dicomJsonKey(tags.ConceptCodeSequence)]: {
        vr: 'SQ',
        Value: [codeItem({ value: '121006', scheme: 'DCM', meaning: 'Person' })],
      },
    });
    items.push({
      ...relationship('HAS OBS CONTEXT', 'PNAME', {
        value: '121008',
        scheme: 'DCM',
        meaning: 'Person Observer Name',
      }),
      [dicomJsonKey(tags.PersonName)]: {
        vr: 'PN',
        Value: [{ Alphabetic: options.observerName }],
      },
    });
  }
  if (options.description !== undefined && options.description !== '')
    items.push({
      ...relationship('CONTAINS', 'TEXT', KEY_OBJECT_DESCRIPTION),
      [dicomJsonKey(tags.TextValue)]: { vr: 'UT', Value: [options.description] },
    });
  for (const item of options.items) {
    const frames = item.frames ?? [];
    items.push({
      ...relationship('CONTAINS', item.valueType ?? 'IMAGE', undefined),
      [dicomJsonKey(tags.ReferencedSOPSequence)]: {
        vr: 'SQ',
        Value: [
          {
            [dicomJsonKey(tags.ReferencedSOPClassUID)]: { vr: 'UI', Value: [item.sopClassUid] },
            [dicomJsonKey(tags.ReferencedSOPInstanceUID)]: {
              vr: 'UI',
              Value: [item.sopInstanceUid],
            },
            ...(frames.length > 0
              ? { [dicomJsonKey(tags.ReferencedFrameNumber)]: { vr: 'IS', Value: [...frames] } }
              : {}),
          },
        ],
      },
    });
  }
  return items;
}
