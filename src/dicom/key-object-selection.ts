/**
 * A Key Object Selection Document (PS3.3 A.35.4) as plain data: which instances it selects, in
 * which studies and series, where each series can be retrieved, and why (its title, CID 7010).
 * Read from any DicomDataset (Part 10 or WADO-RS metadata). A KOS titled (113030, DCM,
 * "Manifest") is how a DRIMbox or an XDS-I source lists the images of a sharing; one titled
 * (113000, DCM, "Of Interest") marks a reader's key images (IHE KIN).
 */
import type { DicomDataset } from './dataset.js';
import { CourbarilError } from './errors.js';
import type { CodedConcept } from './sr-document.js';
import * as tags from './tags.js';
import { isDicomUid } from './uid.js';

export const KEY_OBJECT_SELECTION_SOP_CLASS_UID = '1.2.840.10008.5.1.4.1.1.88.59';

export type { CodedConcept };

/** Document titles of CID 7010 the viewer acts on. */
export const KeyObjectTitles = {
  ofInterest: { value: '113000', scheme: 'DCM', meaning: 'Of Interest' },
  manifest: { value: '113030', scheme: 'DCM', meaning: 'Manifest' },
  rejectedForQualityReasons: {
    value: '113001',
    scheme: 'DCM',
    meaning: 'Rejected for Quality Reasons',
  },
  rejectedForPatientSafetyReasons: {
    value: '113037',
    scheme: 'DCM',
    meaning: 'Rejected for Patient Safety Reasons',
  },
  incorrectModalityWorklistEntry: {
    value: '113038',
    scheme: 'DCM',
    meaning: 'Incorrect Modality Worklist Entry',
  },
  dataRetentionPolicyExpired: {
    value: '113039',
    scheme: 'DCM',
    meaning: 'Data Retention Policy Expired',
  },
} as const satisfies Readonly<Record<string, CodedConcept>>;

/** (113012, DCM, "Key Object Description"): the TEXT item of TID 2010 row 3. */
export const KEY_OBJECT_DESCRIPTION: CodedConcept = {
  value: '113012',
  scheme: 'DCM',
  meaning: 'Key Object Description',
};

/** Where a referenced series can be retrieved (Hierarchical Series Reference macro, PS3.3 Table C.17-3a). */
export interface SeriesRetrieveLocation {
  /** Retrieve URL (0008,1190): the WADO-RS resource of the series (or study) at its source. */
  readonly url?: string;
  readonly aeTitle?: string;
  readonly locationUid?: string;
}

/** One instance the document selects, located through its evidence. */
export interface KeyObjectReference {
  readonly studyInstanceUid: string;
  readonly seriesInstanceUid: string;
  readonly sopClassUid: string;
  readonly sopInstanceUid: string;
  /** Referenced Frame Numbers (1-based); empty when the whole instance is selected. */
  readonly frames: readonly number[];
  readonly retrieve: SeriesRetrieveLocation;
}

export interface KeyObjectSelection {
  readonly sopInstanceUid: string;
  /** The study the document itself belongs to (its references may span others). */
  readonly studyInstanceUid: string;
  readonly seriesInstanceUid: string;
  readonly title: CodedConcept;
  /** The Key Object Description text, if any (as text, never markup). */
  readonly description: string | undefined;
  readonly patientId: string | undefined;
  readonly issuerOfPatientId: string | undefined;
  /**
   * The same patient under other identifiers (Other Patient IDs Sequence (0010,1002)): a DRIMbox
   * manifest names the INS as Patient ID and, here, the local IDs its sources index the images by.
   */
  readonly otherPatientIds: readonly { readonly id: string; readonly issuer?: string }[];
  readonly contentDate: string | undefined;
  readonly contentTime: string | undefined;
  /** The selected instances, in document order, each once. */
  readonly references: readonly KeyObjectReference[];
}

export type KeyObjectSelectionErrorCode =
  | 'not-key-object-selection'
  | 'missing-title'
  | 'missing-evidence'
  | 'invalid-uid'
  | 'reference-not-in-evidence';

/** The data set is not a usable KOS. The message names the rule broken, never a value. */
export class KeyObjectSelectionError extends CourbarilError {
  override name = 'KeyObjectSelectionError';
  constructor(
    readonly code: KeyObjectSelectionErrorCode,
    message: string,
  ) {
    super(`Key Object Selection: ${message}`);
  }
}

/** True for the data sets of the Key Object Selection Document Storage SOP Class. */
export function isKeyObjectSelection(dataset: DicomDataset): boolean {
  return dataset.string(tags.SOPClassUID) === KEY_OBJECT_SELECTION_SOP_CLASS_UID;
}

/** The document titles of IHE IOCM rejection notes (CID 7011): their instances are not key images. */
export function isRejectionNote(title: CodedConcept): boolean {
  return title.scheme === 'DCM' && ['113001', '113037', '113038', '113039'].includes(title.value);
}

/** Reads a KOS; throws KeyObjectSelectionError when it is not one or breaks PS3.3 C.17.6. */
export function readKeyObjectSelection(dataset: DicomDataset): KeyObjectSelection {
  if (!isKeyObjectSelection(dataset))
    throw new KeyObjectSelectionError(
      'not-key-object-selection',
      'SOP Class UID is not Key Object Selection Document Storage',
    );
  const title = codeOf(dataset.sequence(tags.ConceptNameCodeSequence)[0]);
  if (title === undefined || dataset.string(tags.ValueType)?.toUpperCase() !== 'CONTAINER')
    throw new KeyObjectSelectionError('missing-title', 'root CONTAINER has no document title');
  const evidence = readEvidence(dataset);
  const references: KeyObjectReference[] = [];
  const seen = new Set<string>();
  let description: string | undefined;
  for (const item of dataset.sequence(tags.ContentSequence)) {
    const valueType = item.string(tags.ValueType)?.toUpperCase();
    if (valueType === 'TEXT' && sameCode(codeOf(item.sequence(tags.ConceptNameCodeSequence)[0])))
      description ??= item.string(tags.TextValue);
    if (valueType !== 'IMAGE' && valueType !== 'COMPOSITE' && valueType !== 'WAVEFORM') continue;
    // PS3.3 C.17.3.2.4 / TID 2010: one Referenced SOP Sequence item per reference.
    const referenced = item.sequence(tags.ReferencedSOPSequence)[0];
    const sopInstanceUid = checkedUid(referenced?.string(tags.ReferencedSOPInstanceUID));
    const located = evidence.get(sopInstanceUid);
    // PS3.3 C.17.6.2.1: every instance the content references is listed in the evidence.
    if (located === undefined)
      throw new KeyObjectSelectionError(
        'reference-not-in-evidence',
        'a content item references an instance missing from (0040,A375)',
      );
    const frames = referenced?.numbers(tags.ReferencedFrameNumber) ?? [];
    const key = `${sopInstanceUid}/${frames.join(',')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    references.push({ ...located, frames });
  }
  return {
    sopInstanceUid: checkedUid(dataset.string(tags.SOPInstanceUID)),
    studyInstanceUid: checkedUid(dataset.string(tags.StudyInstanceUID)),
    seriesInstanceUid: checkedUid(dataset.string(tags.SeriesInstanceUID)),
    title,
    description,
    patientId: dataset.string(tags.PatientID),
    issuerOfPatientId: dataset.string(tags.IssuerOfPatientID),
    otherPatientIds: dataset.sequence(tags.OtherPatientIDsSequence).flatMap((item) => {
      const id = item.string(tags.PatientID)?.trim();
      const issuer = item.string(tags.IssuerOfPatientID)?.trim();
      return id ? [issuer ? { id, issuer } : { id }] : [];
    }),
    contentDate: dataset.string(tags.ContentDate),
    contentTime: dataset.string(tags.ContentTime),
    references,
  };

  function sameCode(code: CodedConcept | undefined): boolean {
    return code?.value === KEY_OBJECT_DESCRIPTION.value && code.scheme === 'DCM';
  }
}

type Located = Omit<KeyObjectReference, 'frames'>;

/** Current Requested Procedure Evidence Sequence: Hierarchical SOP Instance Reference macro (Table C.17-3). */
function readEvidence(dataset: DicomDataset): Map<string, Located> {
  const studies = dataset.sequence(tags.CurrentRequestedProcedureEvidenceSequence);
  if (studies.length === 0)
    throw new KeyObjectSelectionError('missing-evidence', '(0040,A375) is empty or absent');
  const located = new Map<string, Located>();
  for (const study of studies) {
    const studyInstanceUid = checkedUid(study.string(tags.StudyInstanceUID));
    for (const series of study.sequence(tags.ReferencedSeriesSequence)) {
      const seriesInstanceUid = checkedUid(series.string(tags.SeriesInstanceUID));
      const retrieve = retrieveLocation(series, study);
      for (const instance of series.sequence(tags.ReferencedSOPSequence)) {
        const sopInstanceUid = checkedUid(instance.string(tags.ReferencedSOPInstanceUID));
        const sopClassUid = checkedUid(instance.string(tags.ReferencedSOPClassUID));
        if (!located.has(sopInstanceUid))
          located.set(sopInstanceUid, {
            studyInstanceUid,
            seriesInstanceUid,
            sopClassUid,
            sopInstanceUid,
            retrieve,
          });
      }
    }
  }
  return located;
}

/** The series' own retrieve attributes, else its study item's (some sources set them there). */
function retrieveLocation(series: DicomDataset, study: DicomDataset): SeriesRetrieveLocation {
  const pick = (tag: number): string | undefined => series.string(tag) ?? study.string(tag);
  const url = pick(tags.RetrieveURL);
  const aeTitle = pick(tags.RetrieveAETitle);
  const locationUid = pick(tags.RetrieveLocationUID);
  return {
    ...(url !== undefined && url !== '' ? { url } : {}),
    ...(aeTitle !== undefined && aeTitle !== '' ? { aeTitle } : {}),
    ...(locationUid !== undefined && locationUid !== '' ? { locationUid } : {}),
  };
}

function checkedUid(value: string | undefined): string {
  if (value === undefined || !isDicomUid(value))
    throw new KeyObjectSelectionError('invalid-uid', 'a UID is missing or malformed');
  return value;
}

function codeOf(item: DicomDataset | undefined): CodedConcept | undefined {
  const value = item?.string(tags.CodeValue);
  const scheme = item?.string(tags.CodingSchemeDesignator);
  if (item === undefined || value === undefined || scheme === undefined) return undefined;
  return { value, scheme, meaning: item.string(tags.CodeMeaning) ?? value };
}
