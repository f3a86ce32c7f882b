/**
 * The current CT study's reports: a Basic Text SR (PS3.3 A.35.1, template
 * TID 2000) and the same report as an Encapsulated PDF (PS3.3 A.45.1).
 * Basic Text SR has no NUM content items, so the nodule measurement is TEXT.
 */
import { EXPLICIT_VR_LITTLE_ENDIAN } from './part10-writer.mjs';
import { instanceUid, seriesAttributes } from './study-plan.mjs';

/**
 * @typedef {import('./study-plan.mjs').Study} Study
 * @typedef {import('./series-images.mjs').Instance} Instance
 * @typedef {import('./part10-writer.mjs').DataSet} DataSet
 */

const REPORT = [
  ['121109', 'Indication', 'Bilan de suivi. Nodule pulmonaire connu du lobe inférieur droit.'],
  ['121064', 'Technique', 'TDM thoraco-abdomino-pelvienne au temps portal, coupes de 2,5 mm.'],
  [
    '121070',
    'Résultats',
    'Augmentation de taille du nodule pulmonaire du lobe inférieur droit. Pas d’adénopathie médiastinale. Foie, rate, reins et pancréas sans anomalie.',
  ],
  [
    '121073',
    'Conclusion',
    'Nodule du lobe inférieur droit en croissance (5 → 9 mm en un an) : avis en RCP d’oncologie thoracique recommandé.',
  ],
];
const MEASUREMENT = 'Nodule du lobe inférieur droit : 9 mm de grand axe (5 mm le 18/11/2025).';

/** @param {string} value @param {string} meaning @param {string} [scheme] */
const code = (value, meaning, scheme = 'DCM') => ({
  CodeValue: value,
  CodingSchemeDesignator: scheme,
  CodeMeaning: meaning,
});

/**
 * @param {Study} study
 * @returns {AsyncGenerator<Instance>}
 */
export async function* reportSeries(study) {
  const srSeries = {
    key: 'sr',
    number: 900,
    modality: 'SR',
    description: 'Compte rendu structuré',
  };
  const sections = REPORT.map(([value, heading, text]) => ({
    RelationshipType: 'CONTAINS',
    ValueType: 'CONTAINER',
    ConceptNameCodeSequence: [code(/** @type {string} */ (value), /** @type {string} */ (heading))],
    ContinuityOfContent: 'SEPARATE',
    ContentSequence: [
      {
        RelationshipType: 'CONTAINS',
        ValueType: 'TEXT',
        ConceptNameCodeSequence: [code('121071', 'Constatation')],
        TextValue: text,
      },
      ...(value === '121070'
        ? [
            {
              RelationshipType: 'CONTAINS',
              ValueType: 'TEXT',
              ConceptNameCodeSequence: [code('121206', 'Distance')],
              TextValue: MEASUREMENT,
            },
          ]
        : []),
    ],
  }));
  yield {
    transferSyntaxUid: EXPLICIT_VR_LITTLE_ENDIAN,
    dataset: {
      ...seriesAttributes(study, srSeries),
      SOPClassUID: '1.2.840.10008.5.1.4.1.1.88.11',
      SOPInstanceUID: instanceUid(study, srSeries.key, 1),
      InstanceNumber: 1,
      ContentDate: study.date,
      ContentTime: '120500',
      ValueType: 'CONTAINER',
      ConceptNameCodeSequence: [code('18748-4', 'Compte rendu d’imagerie diagnostique', 'LN')],
      ContinuityOfContent: 'SEPARATE',
      ContentTemplateSequence: [{ MappingResource: 'DCMR', TemplateIdentifier: '2000' }],
      CompletionFlag: 'COMPLETE',
      VerificationFlag: 'UNVERIFIED',
      PerformedProcedureCodeSequence: [],
      ContentSequence: sections,
    },
  };

  const pdfSeries = { key: 'pdf', number: 901, modality: 'DOC', description: 'Compte rendu PDF' };
  const pdf = reportPdf([
    'Centre Hospitalier des Îles du Vent — Imagerie',
    'Compte rendu : TDM thoraco-abdomino-pelvienne du 20/11/2026',
    'Patiente : JOSEPH Marie-Line, née le 12/04/1968',
    '',
    ...REPORT.flatMap(([, heading, text]) => [`${heading} :`, `  ${text}`]),
    '',
    MEASUREMENT,
  ]);
  yield {
    transferSyntaxUid: EXPLICIT_VR_LITTLE_ENDIAN,
    dataset: {
      ...seriesAttributes(study, pdfSeries),
      SOPClassUID: '1.2.840.10008.5.1.4.1.1.104.1',
      SOPInstanceUID: instanceUid(study, pdfSeries.key, 1),
      InstanceNumber: 1,
      ContentDate: study.date,
      ContentTime: '120500',
      ConversionType: 'WSD',
      BurnedInAnnotation: 'YES',
      DocumentTitle: 'Compte rendu TDM thorax-abdomen-pelvis',
      ConceptNameCodeSequence: [],
      MIMETypeOfEncapsulatedDocument: 'application/pdf',
      EncapsulatedDocumentLength: pdf.length,
      EncapsulatedDocument: pdf,
    },
  };
}

/**
 * A one-page PDF 1.4 written by hand: Helvetica in WinAnsiEncoding (so é, è,
 * à, î print), byte offsets in the cross-reference table computed as we go.
 * @param {string[]} lines
 * @returns {Uint8Array}
 */
export function reportPdf(lines) {
  const wrapped = lines.flatMap((line) => wrap(line, 92));
  const escape = (/** @type {string} */ s) =>
    s
      .replace(/[\\()]/g, (c) => `\\${c}`)
      .replace(/[‘’]/g, "'")
      .replace(/[—→]/g, (c) => (c === '—' ? '-' : '->'));
  const text = wrapped.map((line, i) => `${i === 0 ? '' : 'T* '}(${escape(line)}) Tj`).join('\n');
  const content = `BT /F1 10 Tf 14 TL 50 790 Td\n${text}\nET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
  ];
  let body = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets = objects.map((object, i) => {
    const offset = Buffer.byteLength(body, 'latin1');
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
    return offset;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(body, 'latin1'));
}

function wrap(/** @type {string} */ line, /** @type {number} */ width) {
  if (line.length <= width) return [line];
  const cut = line.lastIndexOf(' ', width);
  const at = cut > 0 ? cut : width;
  return [line.slice(0, at), ...wrap(`  ${line.slice(at).trimStart()}`, width)];
}
