/**
 * Writes a screening reading as a Comprehensive SR document following PS3.16 TID 4200 Breast
 * Imaging Report: a narrative (TID 4202) that any SR viewer shows, and coded supplementary data
 * (TID 4208) per breast: procedure reported (TID 4201), composition (TID 4205), findings with their
 * location and SCOORD marks on the views (TID 4206/4207), each view's technical quality (CID 6041)
 * and the overall assessment (TID 4203) with the outcome as recommended follow-up. The observer
 * (TID 1002/1003) is the host's reader. `writePart10` makes the file for STOW-RS.
 */
import type { DicomDataset } from './dataset.js';
import {
  ACR_ASSESSMENTS,
  BreastConcepts as C,
  COMPOSITIONS,
  FINDING_CODES,
  LANGUAGES,
  OUTCOME_CODES,
  QUADRANT_CODES,
  QUALITY_REASON_CODES,
  SIDES,
  VIEW_CODES,
  clockCode,
} from './breast-imaging-codes.js';
import {
  BREASTS,
  type BreastFinding,
  type FindingMark,
  type ImageReference,
  type ScreeningReading,
  type ViewQuality,
} from './breast-reading.js';
import { CourbarilError } from './errors.js';
import { datasetFromDicomJson, type JsonDataset } from './json-dataset.js';
import { dicomJsonKey } from './json-keys.js';
import { narrativeOf } from './breast-imaging-narrative.js';
import {
  codeContentItem,
  codeItem,
  containerContentItem,
  dicomDate,
  dicomTime,
  evidence,
  patientStudyJson,
  relationship,
  textContentItem,
  withChildren,
  type Json,
} from './sr-json-builder.js';
import {
  CompletionFlag,
  GraphicData,
  GraphicType,
  PerformedProcedureCodeSequence,
  VerificationFlag,
} from './tags.generated.js';
import * as tags from './tags.js';
import { createUid, isDicomUid } from './uid.js';

export const COMPREHENSIVE_SR_SOP_CLASS_UID = '1.2.840.10008.5.1.4.1.1.88.33';

/** The reader as the host knows them (TID 1003). Written in the document, never in events. */
export interface ReadingObserver {
  /** Person Observer Name, `FAMILY^Given` (TID 1003 row 1, mandatory). */
  readonly name: string;
  readonly loginName?: string;
  readonly organization?: string;
}

export interface BreastImagingReportOptions {
  readonly reading: ScreeningReading;
  /** An image of the study read: its Patient and General Study modules go into the document. */
  readonly patientStudy: DicomDataset;
  readonly observer: ReadingObserver;
  /** Language of the content (TID 1204); the generated narrative uses the code meanings. */
  readonly language?: 'en' | 'fr';
  readonly seriesInstanceUid?: string;
  readonly sopInstanceUid?: string;
  readonly seriesNumber?: number;
  readonly instanceNumber?: number;
  readonly contentDateTime?: Date;
}

/** A reading that cannot be written (no study, a malformed UID, a mark with the wrong points). */
export class BreastImagingReportWriteError extends CourbarilError {
  override name = 'BreastImagingReportWriteError';
}

export function createBreastImagingReport(options: BreastImagingReportOptions): JsonDataset {
  const { reading } = options;
  checkReading(reading);
  if (options.observer.name.trim() === '')
    throw new BreastImagingReportWriteError('The observer has no name (TID 1003 row 1)');
  const json: Json = patientStudyJson(options.patientStudy);
  if (json[dicomJsonKey(tags.StudyInstanceUID)]?.Value?.[0] !== reading.studyInstanceUid)
    throw new BreastImagingReportWriteError('patientStudy is not an instance of the study read');
  const now = options.contentDateTime ?? new Date();
  const set = (tag: number, vr: string, ...values: unknown[]): void => {
    json[dicomJsonKey(tag)] = values.length > 0 ? { vr, Value: values } : { vr };
  };
  // SOP Common (C.12.1): the Part 10 writer encodes text as UTF-8.
  set(tags.SpecificCharacterSet, 'CS', 'ISO_IR 192');
  set(tags.SOPClassUID, 'UI', COMPREHENSIVE_SR_SOP_CLASS_UID);
  set(tags.SOPInstanceUID, 'UI', options.sopInstanceUid ?? createUid());
  set(tags.InstanceCreationDate, 'DA', dicomDate(now));
  set(tags.InstanceCreationTime, 'TM', dicomTime(now));
  // SR Document Series (C.17.1) and General Equipment (C.7.5.1).
  set(tags.Modality, 'CS', 'SR');
  set(tags.SeriesInstanceUID, 'UI', options.seriesInstanceUid ?? createUid());
  set(tags.SeriesNumber, 'IS', options.seriesNumber ?? 1);
  set(tags.SeriesDescription, 'LO', 'Screening reading');
  set(tags.ReferencedPerformedProcedureStepSequence, 'SQ');
  set(tags.Manufacturer, 'LO', 'Courbaril');
  // SR Document General (C.17.2): a reader's own result, complete and not verified (not signed).
  set(tags.InstanceNumber, 'IS', options.instanceNumber ?? 1);
  set(CompletionFlag, 'CS', 'COMPLETE');
  set(VerificationFlag, 'CS', 'UNVERIFIED');
  set(tags.ContentDate, 'DA', dicomDate(now));
  set(tags.ContentTime, 'TM', dicomTime(now));
  set(PerformedProcedureCodeSequence, 'SQ');
  const cited = citedImages(reading);
  if (cited.length > 0)
    set(tags.CurrentRequestedProcedureEvidenceSequence, 'SQ', ...evidence(cited));
  // SR Document Content (C.17.3), TID 4200 as the root template.
  set(tags.ValueType, 'CS', 'CONTAINER');
  set(tags.ConceptNameCodeSequence, 'SQ', codeItem(C.report));
  set(tags.ContinuityOfContent, 'CS', 'SEPARATE');
  set(tags.ContentTemplateSequence, 'SQ', {
    [dicomJsonKey(tags.MappingResource)]: { vr: 'CS', Value: ['DCMR'] },
    [dicomJsonKey(tags.TemplateIdentifier)]: { vr: 'CS', Value: ['4200'] },
  });
  set(tags.ContentSequence, 'SQ', ...content(options));
  return datasetFromDicomJson(json);
}

function content(options: BreastImagingReportOptions): Json[] {
  const { reading, observer } = options;
  const items: Json[] = [
    codeContentItem('HAS CONCEPT MOD', C.language, LANGUAGES[options.language ?? 'en']),
    // TID 1002 row 1, TID 1003: the reader as a person, with their role (CID 7453).
    codeContentItem('HAS OBS CONTEXT', C.observerType, C.person),
    {
      ...relationship('HAS OBS CONTEXT', 'PNAME', C.personObserverName),
      [dicomJsonKey(tags.PersonName)]: { vr: 'PN', Value: [{ Alphabetic: observer.name }] },
    },
  ];
  if (observer.loginName !== undefined && observer.loginName !== '')
    items.push(textContentItem('HAS OBS CONTEXT', C.personObserverLoginName, observer.loginName));
  if (observer.organization !== undefined && observer.organization !== '')
    items.push(
      textContentItem('HAS OBS CONTEXT', C.personObserverOrganization, observer.organization),
    );
  items.push(codeContentItem('HAS OBS CONTEXT', C.personObserverRole, C.reader));
  const narrative = narrativeOf(reading);
  // TID 4202: report sections of text, which a plain SR viewer shows as the report.
  // The reader's own words are the Impressions section; the rest is made from the codes.
  const sections = [
    containerContentItem('CONTAINS', C.findings, [
      textContentItem('CONTAINS', C.finding, narrative.findings),
    ]),
  ];
  if (reading.text.trim() !== '')
    sections.push(
      containerContentItem('CONTAINS', C.impressions, [
        textContentItem('CONTAINS', C.impression, reading.text),
      ]),
    );
  sections.push(
    containerContentItem('CONTAINS', C.overallAssessment, [
      textContentItem('CONTAINS', C.overallAssessment, narrative.assessment),
    ]),
  );
  items.push(containerContentItem('CONTAINS', C.narrativeSummary, sections));
  items.push(containerContentItem('CONTAINS', C.supplementaryData, supplementary(reading)));
  return items;
}

/** TID 4208: the coded content. */
function supplementary(reading: ScreeningReading): Json[] {
  const items: Json[] = [
    codeContentItem('CONTAINS', C.procedureReported, C.digitalMammography, [
      side('both'),
      codeContentItem('HAS PROPERTIES', C.reasonForProcedure, C.screening),
    ]),
  ];
  const compositions = BREASTS.flatMap((breast) => {
    const composition = reading[breast].composition;
    return composition === undefined
      ? []
      : [
          codeContentItem('CONTAINS', C.breastComposition, COMPOSITIONS[composition], [
            side(breast),
          ]),
        ];
  });
  if (compositions.length > 0)
    items.push(containerContentItem('CONTAINS', C.breastComposition, compositions));
  const findings = [...reading.findings.map(finding), ...reading.views.map(viewQuality)];
  if (findings.length > 0) items.push(containerContentItem('CONTAINS', C.findings, findings));
  const assessments: Json[] = BREASTS.flatMap((breast) => {
    const acr = reading[breast].acr;
    return acr === undefined
      ? []
      : [codeContentItem('CONTAINS', C.assessmentCategory, ACR_ASSESSMENTS[acr], [side(breast)])];
  });
  if (reading.outcome !== undefined)
    assessments.push(
      codeContentItem('CONTAINS', C.recommendedFollowUp, OUTCOME_CODES[reading.outcome], [
        side('both'),
      ]),
    );
  if (assessments.length > 0)
    items.push(containerContentItem('CONTAINS', C.overallAssessment, assessments));
  return items;
}

function finding(item: BreastFinding): Json {
  const children: Json[] = [side(item.breast)];
  if (item.clock !== undefined)
    children.push(codeContentItem('HAS PROPERTIES', C.clockface, clockCode(item.clock)));
  if (item.quadrant !== undefined)
    children.push(codeContentItem('HAS PROPERTIES', C.quadrant, QUADRANT_CODES[item.quadrant]));
  for (const mark of item.marks) children.push(scoord(mark));
  return codeContentItem('CONTAINS', C.finding, FINDING_CODES[item.type], children);
}

/** A view's technical quality: an "Image Quality" finding naming the view, its CID 6041 faults. */
function viewQuality(view: ViewQuality): Json {
  const children: Json[] = [side(view.breast)];
  const code = VIEW_CODES[view.viewPosition.toUpperCase()];
  if (code !== undefined) children.push(codeContentItem('HAS PROPERTIES', C.imageView, code));
  for (const reason of view.quality === 'insufficient' ? view.reasons : [])
    children.push(codeContentItem('HAS PROPERTIES', C.imageQuality, QUALITY_REASON_CODES[reason]));
  children.push(imageItem('HAS PROPERTIES', view.image));
  return codeContentItem('CONTAINS', C.finding, C.imageQuality, children);
}

/** PS3.3 C.18.6: SCOORD in image pixel coordinates, SELECTED FROM the image it was drawn on. */
function scoord(mark: FindingMark): Json {
  return withChildren(
    {
      ...relationship('HAS PROPERTIES', 'SCOORD', C.imageRegion),
      [dicomJsonKey(GraphicType)]: {
        vr: 'CS',
        Value: [mark.shape === 'point' ? 'POINT' : 'ELLIPSE'],
      },
      [dicomJsonKey(GraphicData)]: { vr: 'FL', Value: mark.points.flat() },
    },
    [imageItem('SELECTED FROM', mark.image)],
  );
}

function imageItem(type: string, image: ImageReference): Json {
  return {
    ...relationship(type, 'IMAGE', undefined),
    [dicomJsonKey(tags.ReferencedSOPSequence)]: {
      vr: 'SQ',
      Value: [
        {
          [dicomJsonKey(tags.ReferencedSOPClassUID)]: { vr: 'UI', Value: [image.sopClassUid] },
          [dicomJsonKey(tags.ReferencedSOPInstanceUID)]: {
            vr: 'UI',
            Value: [image.sopInstanceUid],
          },
          ...(image.frame !== undefined
            ? { [dicomJsonKey(tags.ReferencedFrameNumber)]: { vr: 'IS', Value: [image.frame] } }
            : {}),
        },
      ],
    },
  };
}

function side(breast: 'right' | 'left' | 'both'): Json {
  return codeContentItem('HAS CONCEPT MOD', C.laterality, SIDES[breast]);
}

function citedImages(reading: ScreeningReading): ImageReference[] {
  const seen = new Map<string, ImageReference>();
  for (const image of [
    ...reading.views.map((view) => view.image),
    ...reading.findings.flatMap((item) => item.marks.map((mark) => mark.image)),
  ])
    if (!seen.has(image.sopInstanceUid)) seen.set(image.sopInstanceUid, image);
  return [...seen.values()];
}

function checkReading(reading: ScreeningReading): void {
  if (!isDicomUid(reading.studyInstanceUid))
    throw new BreastImagingReportWriteError('The Study Instance UID is malformed');
  for (const image of citedImages(reading))
    for (const uid of [
      image.studyInstanceUid,
      image.seriesInstanceUid,
      image.sopClassUid,
      image.sopInstanceUid,
    ])
      if (!isDicomUid(uid))
        throw new BreastImagingReportWriteError('A referenced UID is malformed');
  for (const item of reading.findings)
    for (const mark of item.marks) {
      const expected = mark.shape === 'point' ? 1 : 4;
      if (
        mark.points.length !== expected ||
        mark.points.flat().some((value) => !Number.isFinite(value))
      )
        throw new BreastImagingReportWriteError(
          `A ${mark.shape} mark needs ${expected} finite point(s) (PS3.3 C.18.6.1.2)`,
        );
    }
}
