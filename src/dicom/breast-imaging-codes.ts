/**
 * The coded concepts of a Breast Imaging Report (PS3.16 TID 4200–4208) that a screening reading
 * uses, each from the context group the template names. Values checked against PS3.16 (CID 6001,
 * 6019, 6021, 6022, 6027, 6041, 6051) and PS3.16 Annex D (DCM codes); SNOMED CT concept IDs as the
 * standard lists them since 2019 (SCT, not the retired SRT designators).
 */
import type {
  AcrCategory,
  Breast,
  BreastComposition,
  ClockPosition,
  FindingType,
  Quadrant,
  QualityReason,
  ReadingOutcome,
} from './breast-reading.js';
import type { CodedConcept } from './sr-document.js';

const dcm = (value: string, meaning: string): CodedConcept => ({ value, scheme: 'DCM', meaning });
const sct = (value: string, meaning: string): CodedConcept => ({ value, scheme: 'SCT', meaning });

/** Concept names of the content items we write. */
export const BreastConcepts = {
  report: dcm('111400', 'Breast Imaging Report'),
  language: dcm('121049', 'Language of Content Item and Descendants'),
  observerType: dcm('121005', 'Observer Type'),
  person: dcm('121006', 'Person'),
  personObserverName: dcm('121008', 'Person Observer Name'),
  personObserverLoginName: dcm('128774', "Person Observer's Login Name"),
  personObserverOrganization: dcm('121009', "Person Observer's Organization Name"),
  personObserverRole: dcm('121011', "Person Observer's Role in this Procedure"),
  /** CID 7453 Performing Roles. */
  reader: { value: 'C28747', scheme: 'NCIt', meaning: 'Reader' },
  narrativeSummary: dcm('111412', 'Narrative Summary'),
  supplementaryData: dcm('111414', 'Supplementary Data'),
  procedureReported: dcm('121058', 'Procedure reported'),
  /** CID 6050. */
  digitalMammography: dcm('111409', 'Digital Mammography'),
  reasonForProcedure: dcm('111401', 'Reason for procedure'),
  /** CID 6051 (via CID 6061). */
  screening: sct('360156006', 'Screening'),
  laterality: sct('272741003', 'Laterality'),
  /** Section and item of TID 4205 (the DCM code 111006 is retired for it). */
  breastComposition: sct('129715009', 'Breast composition'),
  findings: dcm('121070', 'Findings'),
  finding: dcm('121071', 'Finding'),
  /** CID 6052 section title of the reader's free text, and its TEXT items (CID 6053). */
  impressions: { value: '19005-8', scheme: 'LN', meaning: 'Impressions' },
  impression: dcm('121073', 'Impression'),
  overallAssessment: dcm('111413', 'Overall Assessment'),
  assessmentCategory: dcm('111005', 'Assessment Category'),
  recommendedFollowUp: dcm('111053', 'Recommended Follow-up'),
  clockface: dcm('111014', 'Clockface or region'),
  quadrant: dcm('111048', 'Quadrant location'),
  imageRegion: dcm('111030', 'Image Region'),
  /** CID 6014 finding for a view's technical quality; its reasons are CID 6041 codes. */
  imageQuality: dcm('111101', 'Image Quality'),
  imageView: dcm('111031', 'Image View'),
} as const satisfies Readonly<Record<string, CodedConcept>>;

/** CID 6022/6023 Side. */
export const SIDES: Readonly<Record<Breast | 'both', CodedConcept>> = {
  right: sct('73056007', 'Right breast'),
  left: sct('80248007', 'Left breast'),
  both: sct('63762007', 'Both breasts'),
};

/** CID 6027 Assessment from BI-RADS (code meanings of the 5th edition, as PS3.16 gives them). */
export const ACR_ASSESSMENTS: Readonly<Record<AcrCategory, CodedConcept>> = {
  0: sct('397138000', '0 - Incomplete - Need additional imaging evaluation +/- priors'),
  1: sct('397140005', '1 - Negative'),
  2: sct('397141009', '2 - Benign'),
  3: sct('397143007', '3 - Probably Benign'),
  4: sct('397144001', '4 - Suspicious'),
  5: sct('397145000', '5 - Highly suggestive of malignancy'),
};

/** CID 6001 Overall Breast Composition from BI-RADS. */
export const COMPOSITIONS: Readonly<Record<BreastComposition, CodedConcept>> = {
  A: sct('129716005', 'Almost entirely fat'),
  B: sct('129717001', 'Scattered fibroglandular densities'),
  C: sct('129718006', 'Heterogeneously dense'),
  D: sct('129719003', 'Extremely dense'),
};

/** CID 6021 Quadrant Location from BI-RADS. */
export const QUADRANT_CODES: Readonly<Record<Quadrant, CodedConcept>> = {
  'upper-outer': sct('76365002', 'Upper outer quadrant of breast'),
  'upper-inner': sct('77831004', 'Upper inner quadrant of breast'),
  'lower-outer': sct('33564002', 'Lower outer quadrant of breast'),
  'lower-inner': sct('19100000', 'Lower inner quadrant of breast'),
};

/** CID 6019 Clockface Location or Region from BI-RADS: 129772004 (1 o'clock) … 129783008 (12). */
const CLOCK_VALUES = [
  '129772004',
  '129773009',
  '129774003',
  '129775002',
  '129776001',
  '129777005',
  '129778000',
  '129779008',
  '129780006',
  '129781005',
  '129782003',
  '129783008',
] as const;

export function clockCode(position: ClockPosition): CodedConcept {
  return sct(CLOCK_VALUES[position - 1] ?? '', `${position} o'clock position`);
}

export function clockOf(code: CodedConcept): ClockPosition | undefined {
  if (code.scheme !== 'SCT') return undefined;
  const index = CLOCK_VALUES.indexOf(code.value as (typeof CLOCK_VALUES)[number]);
  return index < 0 ? undefined : ((index + 1) as ClockPosition);
}

/** CID 6054 Breast Imaging Finding (through CID 6016/6017 and 6014). */
export const FINDING_CODES: Readonly<Record<FindingType, CodedConcept>> = {
  mass: sct('129788004', 'Mammographic breast mass'),
  calcifications: sct('309587003', 'Calcification of breast'),
  'architectural-distortion': sct('129792006', 'Architectural distortion of breast'),
  asymmetry: sct('129790003', 'Asymmetric breast tissue'),
};

/** Other writers' codes read as the same finding (CID 6014, 6017). */
export const FINDING_SYNONYMS: Readonly<Record<string, FindingType>> = {
  'SCT:129769006': 'calcifications', // Calcification Cluster
  'SCT:129770007': 'calcifications', // Individual Calcification
  'SCT:129789007': 'asymmetry', // Focal asymmetric breast tissue
};

/**
 * CID 6041 Mammography Image Quality Finding. "Exposure/contrast" is written as under exposure,
 * the usual screening fault; over exposure and inappropriate processing read back as it too.
 */
export const QUALITY_REASON_CODES: Readonly<Record<QualityReason, CodedConcept>> = {
  positioning: dcm('111209', 'Positioning'),
  compression: dcm('111196', 'Inadequate compression'),
  exposure: dcm('111211', 'Under exposed'),
  motion: dcm('111210', 'Motion blur'),
  artefact: dcm('111215', 'Artifact(s) other than grid or detector artifact'),
  'missing-view': dcm('111213', 'No image'),
};

export const QUALITY_REASON_SYNONYMS: Readonly<Record<string, QualityReason>> = {
  'DCM:111197': 'positioning', // MLO Insufficient pectoral muscle
  'DCM:111198': 'positioning',
  'DCM:111199': 'positioning',
  'DCM:111201': 'positioning',
  'DCM:111202': 'positioning',
  'DCM:111203': 'positioning',
  'DCM:111204': 'positioning',
  'DCM:111205': 'positioning',
  'DCM:111200': 'motion', // MLO Evidence of motion blur
  'DCM:111212': 'exposure', // Over exposed
  'DCM:111219': 'exposure', // Inappropriate image processing
  'DCM:111208': 'artefact', // Grid artifact(s)
  'DCM:111214': 'artefact', // Detector artifact(s)
};

/**
 * The outcome as Recommended Follow-up: normal interval follow-up (CID 6028), or the recall
 * reasons of CID 6051 (111591 for imaging findings, 111590 for technical reasons).
 */
export const OUTCOME_CODES: Readonly<Record<ReadingOutcome, CodedConcept>> = {
  normal: dcm('111140', 'Normal interval follow-up'),
  'recall-imaging': dcm('111591', 'Recall for imaging findings'),
  'recall-technical': dcm('111590', 'Recall for technical reasons'),
};

/** CID 4014 views of the images we reference (for "Image View" of a quality finding). */
export const VIEW_CODES: Readonly<Record<string, CodedConcept>> = {
  CC: sct('399162004', 'cranio-caudal'),
  MLO: sct('399368009', 'medio-lateral oblique'),
  ML: sct('399260004', 'medio-lateral'),
  LM: sct('399352003', 'latero-medial'),
  XCCL: sct('399192008', 'cranio-caudal exaggerated laterally'),
};

/** Language of Content (CID 5000, RFC 5646). */
export const LANGUAGES: Readonly<Record<'en' | 'fr', CodedConcept>> = {
  en: { value: 'en', scheme: 'RFC5646', meaning: 'English' },
  fr: { value: 'fr', scheme: 'RFC5646', meaning: 'French' },
};

export function sameCode(a: CodedConcept | undefined, b: CodedConcept): boolean {
  return a !== undefined && a.value === b.value && a.scheme === b.scheme;
}

/** Looks a code up in a table by value and scheme (other writers' meanings may differ). */
export function keyOf<K extends string>(
  table: Readonly<Record<K, CodedConcept>>,
  code: CodedConcept | undefined,
): K | undefined {
  if (code === undefined) return undefined;
  for (const key of Object.keys(table) as K[]) if (sameCode(code, table[key])) return key;
  return undefined;
}

/** Pre-2019 writers coded CID 6027 with SNOMED RT (SRT) identifiers. */
const ACR_SRT = ['F-037BB', 'F-037BC', 'F-037BD', 'F-037BF', 'F-037C0', 'F-037C1'] as const;

export function acrOf(code: CodedConcept | undefined): AcrCategory | undefined {
  if (code === undefined) return undefined;
  for (const category of [0, 1, 2, 3, 4, 5] as const) {
    if (sameCode(code, ACR_ASSESSMENTS[category])) return category;
    if (code.scheme === 'SRT' && code.value === ACR_SRT[category]) return category;
  }
  return undefined;
}
