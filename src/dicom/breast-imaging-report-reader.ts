/**
 * Reads a screening reading back from a Breast Imaging Report (PS3.16 TID 4200), ours or another
 * writer's: per-breast assessment categories (CID 6027) and composition (CID 6001), findings with
 * laterality, clock face, quadrant and SCOORD marks, views' technical quality (CID 6041), the
 * recommended follow-up as the outcome and the Impression texts as free text. What another writer
 * codes differently (SRT-era codes, an assessment without laterality) is read as the standard
 * allows; what it does not hold stays undefined, never guessed.
 */
import {
  BreastConcepts as C,
  COMPOSITIONS,
  FINDING_CODES,
  FINDING_SYNONYMS,
  OUTCOME_CODES,
  QUADRANT_CODES,
  QUALITY_REASON_CODES,
  QUALITY_REASON_SYNONYMS,
  SIDES,
  VIEW_CODES,
  acrOf,
  clockOf,
  keyOf,
  sameCode,
} from './breast-imaging-codes.js';
import type {
  AcrCategory,
  Breast,
  BreastAssessment,
  BreastComposition,
  BreastFinding,
  FindingMark,
  FindingType,
  ImageReference,
  QualityReason,
  ReadingOutcome,
  StoredScreeningReading,
  ViewQuality,
} from './breast-reading.js';
import type { DicomDataset } from './dataset.js';
import { CourbarilError } from './errors.js';
import {
  isStructuredReport,
  readStructuredReport,
  type CodedConcept,
  type SrContentItem,
} from './sr-document.js';
import {
  PertinentOtherEvidenceSequence,
  ReferencedSOPClassUID,
  ReferencedSOPInstanceUID,
  ReferencedSOPSequence,
  ReferencedSeriesSequence,
} from './tags.generated.js';
import * as tags from './tags.js';

export class BreastImagingReportReadError extends CourbarilError {
  override name = 'BreastImagingReportReadError';
}

/** True for an SR document whose root is (111400, DCM, "Breast Imaging Report"). */
export function isBreastImagingReport(dataset: DicomDataset): boolean {
  if (!isStructuredReport(dataset)) return false;
  const [name] = dataset.sequence(tags.ConceptNameCodeSequence);
  return (
    name?.string(tags.CodeValue) === C.report.value &&
    name.string(tags.CodingSchemeDesignator) === 'DCM'
  );
}

type Side = Breast | 'both';

export function readBreastImagingReport(dataset: DicomDataset): StoredScreeningReading {
  if (!isBreastImagingReport(dataset))
    throw new BreastImagingReportReadError('Not a Breast Imaging Report (TID 4200)');
  const studyInstanceUid = dataset.string(tags.StudyInstanceUID);
  if (studyInstanceUid === undefined)
    throw new BreastImagingReportReadError('The report names no study');
  const document = readStructuredReport(dataset);
  const located = evidenceOf(dataset);
  const image = (item: SrContentItem): ImageReference | undefined => {
    if (item.value.type !== 'IMAGE' || item.value.sopInstanceUid === undefined) return undefined;
    const where = located.get(item.value.sopInstanceUid);
    return {
      studyInstanceUid: where?.studyInstanceUid ?? studyInstanceUid,
      seriesInstanceUid: where?.seriesInstanceUid ?? '',
      sopClassUid: item.value.sopClassUid ?? where?.sopClassUid ?? '',
      sopInstanceUid: item.value.sopInstanceUid,
      ...(item.value.frames[0] !== undefined ? { frame: item.value.frames[0] } : {}),
    };
  };
  const acr: Partial<Record<Breast, AcrCategory>> = {};
  const composition: Partial<Record<Breast, BreastComposition>> = {};
  const findings: BreastFinding[] = [];
  const views: ViewQuality[] = [];
  const texts: string[] = [];
  let outcome: ReadingOutcome | undefined;
  const visit = (
    item: SrContentItem,
    inherited: Side | undefined,
    section: CodedConcept | undefined,
  ): void => {
    const side = sideOf(item) ?? inherited;
    const value = item.value.type === 'CODE' ? item.value.code : undefined;
    if (sameCode(item.concept, C.assessmentCategory)) {
      const category = acrOf(value);
      // Several assessments of one breast (per finding, then overall): the worst one stands.
      if (category !== undefined)
        for (const breast of breastsOf(side)) acr[breast] = worst(acr[breast], category);
    } else if (isComposition(item.concept) && value !== undefined) {
      const letter = keyOf(COMPOSITIONS, value);
      if (letter !== undefined) for (const breast of breastsOf(side)) composition[breast] = letter;
    } else if (sameCode(item.concept, C.recommendedFollowUp) && value !== undefined) {
      outcome = mergeOutcome(outcome, keyOf(OUTCOME_CODES, value) ?? 'recall-imaging');
    } else if (sameCode(item.concept, C.finding) && sameCode(value, C.imageQuality)) {
      const view = viewOf(item, side, image);
      if (view !== undefined) views.push(view);
      return;
    } else if (sameCode(item.concept, C.finding) && value !== undefined) {
      const type = findingType(value);
      if (type !== undefined && side !== undefined && side !== 'both')
        findings.push(findingOf(item, type, side, image));
    } else if (
      item.value.type === 'TEXT' &&
      sameCode(item.concept, C.impression) &&
      (section === undefined || isImpressions(section))
    ) {
      texts.push(item.value.text);
    }
    for (const child of item.children)
      visit(child, side, item.value.type === 'CONTAINER' ? item.concept : section);
  };
  visit(document.root, undefined, undefined);
  const assessment = (breast: Breast): BreastAssessment => ({
    ...(acr[breast] !== undefined ? { acr: acr[breast] } : {}),
    ...(composition[breast] !== undefined ? { composition: composition[breast] } : {}),
  });
  return {
    studyInstanceUid,
    sopInstanceUid: dataset.string(tags.SOPInstanceUID) ?? '',
    seriesInstanceUid: dataset.string(tags.SeriesInstanceUID) ?? '',
    contentDate: document.contentDate,
    contentTime: document.contentTime,
    right: assessment('right'),
    left: assessment('left'),
    views,
    findings,
    text: texts.join('\n'),
    ...(outcome !== undefined ? { outcome } : {}),
  };
}

function viewOf(
  item: SrContentItem,
  side: Side | undefined,
  image: (item: SrContentItem) => ImageReference | undefined,
): ViewQuality | undefined {
  const reference = item.children.map(image).find((found) => found !== undefined);
  if (reference === undefined || side === undefined || side === 'both') return undefined;
  const viewCode = item.children.find((child) => sameCode(child.concept, C.imageView));
  const reasons = item.children
    .filter((child) => sameCode(child.concept, C.imageQuality))
    .map((child) => (child.value.type === 'CODE' ? reasonOf(child.value.code) : undefined))
    .filter((reason) => reason !== undefined);
  return {
    image: reference,
    breast: side,
    viewPosition:
      viewCode?.value.type === 'CODE' ? (keyOf(VIEW_CODES, viewCode.value.code) ?? '') : '',
    quality: reasons.length > 0 ? 'insufficient' : 'adequate',
    reasons: [...new Set(reasons)],
  };
}

function findingOf(
  item: SrContentItem,
  type: FindingType,
  breast: Breast,
  image: (item: SrContentItem) => ImageReference | undefined,
): BreastFinding {
  const codeOf = (concept: CodedConcept): CodedConcept | undefined => {
    const child = item.children.find((found) => sameCode(found.concept, concept));
    return child?.value.type === 'CODE' ? child.value.code : undefined;
  };
  const clock = clockCode(codeOf(C.clockface));
  const quadrant = keyOf(QUADRANT_CODES, codeOf(C.quadrant));
  const marks: FindingMark[] = [];
  for (const child of item.children) {
    if (child.value.type !== 'SCOORD') continue;
    const shape =
      child.value.graphicType === 'POINT'
        ? 'point'
        : child.value.graphicType === 'ELLIPSE'
          ? 'ellipse'
          : undefined;
    const reference = child.children.map(image).find((found) => found !== undefined);
    if (shape !== undefined && reference !== undefined)
      marks.push({ image: reference, shape, points: child.value.points });
  }
  return {
    type,
    breast,
    ...(quadrant !== undefined ? { quadrant } : {}),
    ...(clock !== undefined ? { clock } : {}),
    marks,
  };
}

function clockCode(code: CodedConcept | undefined): ReturnType<typeof clockOf> {
  return code === undefined ? undefined : clockOf(code);
}

function sideOf(item: SrContentItem): Side | undefined {
  for (const child of item.children) {
    if (child.relationship !== 'HAS CONCEPT MOD' || child.value.type !== 'CODE') continue;
    // SCT 272741003, or the SRT-era (G-C171, SRT, "Laterality").
    const laterality =
      sameCode(child.concept, C.laterality) ||
      (child.concept?.scheme === 'SRT' && child.concept.value === 'G-C171');
    if (!laterality) continue;
    const code = child.value.code;
    const side = keyOf(SIDES, code);
    if (side !== undefined) return side;
    if (code?.scheme === 'SRT')
      return ({ 'T-04020': 'right', 'T-04030': 'left', 'T-04080': 'both' } as const)[
        code.value as 'T-04020'
      ];
  }
  return undefined;
}

function breastsOf(side: Side | undefined): Breast[] {
  return side === 'right' || side === 'left' ? [side] : ['right', 'left'];
}

function worst(known: AcrCategory | undefined, next: AcrCategory): AcrCategory {
  // Severity order of BI-RADS: 1 < 2 < 3 < 0 < 4 < 5 (0 asks for more imaging, above 3).
  const rank = (category: AcrCategory): number => [4, 1, 2, 3, 5, 6][category] ?? 0;
  return known === undefined || rank(next) > rank(known) ? next : known;
}

function mergeOutcome(known: ReadingOutcome | undefined, next: ReadingOutcome): ReadingOutcome {
  const rank: Record<ReadingOutcome, number> = {
    normal: 0,
    'recall-technical': 1,
    'recall-imaging': 2,
  };
  return known === undefined || rank[next] > rank[known] ? next : known;
}

function isComposition(concept: CodedConcept | undefined): boolean {
  return (
    sameCode(concept, C.breastComposition) ||
    (concept?.scheme === 'DCM' && concept.value === '111006') ||
    (concept?.scheme === 'SRT' && concept.value === 'F-01710')
  );
}

function isImpressions(section: CodedConcept): boolean {
  return (
    sameCode(section, C.impressions) || (section.scheme === 'DCM' && section.value === '121072')
  );
}

function findingType(code: CodedConcept): FindingType | undefined {
  return keyOf(FINDING_CODES, code) ?? FINDING_SYNONYMS[`${code.scheme}:${code.value}`];
}

function reasonOf(code: CodedConcept | undefined): QualityReason | undefined {
  if (code === undefined) return undefined;
  return (
    keyOf(QUALITY_REASON_CODES, code) ?? QUALITY_REASON_SYNONYMS[`${code.scheme}:${code.value}`]
  );
}

interface Located {
  readonly studyInstanceUid: string;
  readonly seriesInstanceUid: string;
  readonly sopClassUid: string;
}

/** SOP Instance UID → study and series, from the evidence sequences (PS3.3 C.17.2.3). */
function evidenceOf(dataset: DicomDataset): Map<string, Located> {
  const located = new Map<string, Located>();
  for (const sequence of [
    tags.CurrentRequestedProcedureEvidenceSequence,
    PertinentOtherEvidenceSequence,
  ])
    for (const study of dataset.sequence(sequence))
      for (const series of study.sequence(ReferencedSeriesSequence))
        for (const instance of series.sequence(ReferencedSOPSequence)) {
          const sopInstanceUid = instance.string(ReferencedSOPInstanceUID);
          if (sopInstanceUid === undefined) continue;
          located.set(sopInstanceUid, {
            studyInstanceUid: study.string(tags.StudyInstanceUID) ?? '',
            seriesInstanceUid: series.string(tags.SeriesInstanceUID) ?? '',
            sopClassUid: instance.string(ReferencedSOPClassUID) ?? '',
          });
        }
  return located;
}
