import type { DicomDataset } from '../dicom/dataset.js';
import { CodeMeaning, CodeValue, ViewCodeSequence, ViewPosition } from '../dicom/tags.generated.js';

/**
 * Mammography views of CID 4014 "View for Mammography" (PS3.16), by SNOMED CT code and by the
 * legacy SNOMED-RT (SRT) code older modalities still send, onto the ACR abbreviations that
 * View Position (0018,5101) uses.
 */
const VIEW_CODES: Readonly<Record<string, string>> = {
  '399162004': 'CC',
  'R-10242': 'CC',
  '399368009': 'MLO',
  'R-10226': 'MLO',
  '399260004': 'ML',
  'R-10224': 'ML',
  '399352003': 'LM',
  'R-10228': 'LM',
};

/** Code meanings (lower case) for views whose code is not in the table above. */
const VIEW_MEANINGS: readonly (readonly [RegExp, string])[] = [
  [/exaggerated.*lateral/, 'XCCL'],
  [/exaggerated.*medial/, 'XCCM'],
  [/latero-?medial oblique/, 'LMO'],
  [/medio-?lateral oblique/, 'MLO'],
  [/cranio-?caudal/, 'CC'],
  [/medio-?lateral/, 'ML'],
  [/latero-?medial/, 'LM'],
];

/**
 * The projection of an image. View Code Sequence is the coded, authoritative source in the MG
 * IOD (PS3.3 C.8.11.7); View Position is the DX module's text form and the fallback.
 */
export function viewPositionOf(dataset: DicomDataset): string | undefined {
  const code = dataset.sequence(ViewCodeSequence)[0];
  if (code !== undefined) {
    const fromCode = VIEW_CODES[code.string(CodeValue) ?? ''];
    if (fromCode !== undefined) return fromCode;
    const meaning = code.string(CodeMeaning)?.toLowerCase() ?? '';
    const fromMeaning = VIEW_MEANINGS.find(([pattern]) => pattern.test(meaning))?.[1];
    if (fromMeaning !== undefined) return fromMeaning;
  }
  const text = dataset.string(ViewPosition)?.toUpperCase();
  return text === undefined || text === '' ? undefined : text;
}
