import { expect } from '@open-wc/testing';
import {
  ACR_ASSESSMENTS,
  COMPOSITIONS,
  QUALITY_REASON_CODES,
  acrOf,
  clockCode,
  clockOf,
} from './breast-imaging-codes.js';
import {
  BreastImagingReportReadError,
  isBreastImagingReport,
  readBreastImagingReport,
} from './breast-imaging-report-reader.js';
import {
  BreastImagingReportWriteError,
  createBreastImagingReport,
} from './breast-imaging-report-writer.js';
import type { ScreeningReading } from './breast-reading.js';
import { datasetFromDicomJson } from './json-dataset.js';
import { parseDicom } from './parse-dicom.js';
import { writePart10 } from './part10-writer.js';

const STUDY = '2.25.77';
const patientStudy = datasetFromDicomJson({ '0020000D': { vr: 'UI', Value: [STUDY] } });

type J = Record<string, { vr: string; Value?: unknown[] }>;
const code = (value: string, scheme: string, meaning: string): J => ({
  '00080100': { vr: 'SH', Value: [value] },
  '00080102': { vr: 'SH', Value: [scheme] },
  '00080104': { vr: 'LO', Value: [meaning] },
});
const item = (relationship: string, name: J, value: J, children: J[] = []): J => ({
  '0040A010': { vr: 'CS', Value: [relationship] },
  '0040A040': { vr: 'CS', Value: ['CODE'] },
  '0040A043': { vr: 'SQ', Value: [name] },
  '0040A168': { vr: 'SQ', Value: [value] },
  ...(children.length > 0 ? { '0040A730': { vr: 'SQ', Value: children } } : {}),
});
const container = (relationship: string, name: J, children: J[]): J => ({
  '0040A010': { vr: 'CS', Value: [relationship] },
  '0040A040': { vr: 'CS', Value: ['CONTAINER'] },
  '0040A043': { vr: 'SQ', Value: [name] },
  '0040A050': { vr: 'CS', Value: ['SEPARATE'] },
  '0040A730': { vr: 'SQ', Value: children },
});

/**
 * PS3.17 Q.2.2 Example 2 as a pre-2019 writer coded it: SRT codes, an overall assessment with no
 * laterality (both breasts), composition of both breasts, normal interval follow-up.
 */
function example2(): ReturnType<typeof datasetFromDicomJson> {
  const laterality = item(
    'HAS CONCEPT MOD',
    code('G-C171', 'SRT', 'Laterality'),
    code('T-04080', 'SRT', 'Both breasts'),
  );
  return datasetFromDicomJson({
    '00080016': { vr: 'UI', Value: ['1.2.840.10008.5.1.4.1.1.88.22'] },
    '00080018': { vr: 'UI', Value: ['2.25.78'] },
    '0020000D': { vr: 'UI', Value: [STUDY] },
    '0040A040': { vr: 'CS', Value: ['CONTAINER'] },
    '0040A043': { vr: 'SQ', Value: [code('111400', 'DCM', 'Breast Imaging Report')] },
    '0040A050': { vr: 'CS', Value: ['SEPARATE'] },
    '0040A730': {
      vr: 'SQ',
      Value: [
        container('CONTAINS', code('111414', 'DCM', 'Supplementary Data'), [
          container('CONTAINS', code('F-01710', 'SRT', 'Breast composition'), [
            item(
              'CONTAINS',
              code('F-01710', 'SRT', 'Breast composition'),
              code('129718006', 'SCT', 'Heterogeneously dense'),
              [laterality],
            ),
          ]),
          container('CONTAINS', code('111413', 'DCM', 'Overall Assessment'), [
            item(
              'CONTAINS',
              code('111005', 'DCM', 'Assessment Category'),
              code('F-037BC', 'SRT', '1 - Negative'),
            ),
            item(
              'CONTAINS',
              code('111053', 'DCM', 'Recommended Follow-up'),
              code('111140', 'DCM', 'Normal interval follow-up'),
            ),
          ]),
        ]),
      ],
    },
  });
}

describe('Breast Imaging Report codes and reading', () => {
  it('uses the CID 6027 SNOMED CT codes, e.g. 397140005 for category 1, and reads SRT-era ones', () => {
    expect(ACR_ASSESSMENTS[1]).to.deep.equal({
      value: '397140005',
      scheme: 'SCT',
      meaning: '1 - Negative',
    });
    expect(acrOf({ value: '397145000', scheme: 'SCT', meaning: 'x' })).to.equal(5);
    expect(acrOf({ value: 'F-037BB', scheme: 'SRT', meaning: 'x' })).to.equal(0);
    expect(acrOf({ value: '397140005', scheme: 'SRT', meaning: 'x' })).to.equal(undefined);
    expect(COMPOSITIONS.D.value).to.equal('129719003');
    expect(QUALITY_REASON_CODES.compression.value).to.equal('111196');
    expect(clockCode(12)).to.deep.include({ value: '129783008', scheme: 'SCT' });
    expect(clockOf(clockCode(7))).to.equal(7);
  });

  it("reads another writer's TID 4200 report: assessment without laterality counts for both breasts", () => {
    const dataset = example2();
    expect(isBreastImagingReport(dataset)).to.equal(true);
    const reading = readBreastImagingReport(dataset);
    expect(reading.right).to.deep.equal({ acr: 1, composition: 'C' });
    expect(reading.left).to.deep.equal({ acr: 1, composition: 'C' });
    expect(reading.outcome).to.equal('normal');
    expect(reading.findings).to.deep.equal([]);
    expect(reading.text).to.equal('');
  });

  it('round-trips a reading through Part 10 with no view and no finding', () => {
    const reading: ScreeningReading = {
      studyInstanceUid: STUDY,
      right: { acr: 0 },
      left: { acr: 3, composition: 'A' },
      views: [],
      findings: [],
      text: '',
      outcome: 'recall-imaging',
    };
    const report = createBreastImagingReport({
      reading,
      patientStudy,
      observer: { name: 'DOE^Jane' },
    });
    expect(readBreastImagingReport(parseDicom(writePart10(report)))).to.deep.include(reading);
  });

  it('refuses a report for another study, a malformed UID, a bad mark, and reads no other SR', () => {
    const reading: ScreeningReading = {
      studyInstanceUid: '2.25.99',
      right: {},
      left: {},
      views: [],
      findings: [],
      text: '',
    };
    const observer = { name: 'DOE^Jane' };
    expect(() => createBreastImagingReport({ reading, patientStudy, observer })).to.throw(
      BreastImagingReportWriteError,
    );
    expect(() =>
      createBreastImagingReport({
        reading: { ...reading, studyInstanceUid: '1.2.x' },
        patientStudy,
        observer,
      }),
    ).to.throw(BreastImagingReportWriteError);
    const image = {
      studyInstanceUid: STUDY,
      seriesInstanceUid: '2.25.5',
      sopClassUid: '1.2.840.10008.5.1.4.1.1.1.2',
      sopInstanceUid: '2.25.6',
    };
    expect(() =>
      createBreastImagingReport({
        reading: {
          ...reading,
          studyInstanceUid: STUDY,
          findings: [
            {
              type: 'mass',
              breast: 'left',
              marks: [{ image, shape: 'ellipse', points: [[1, 2]] }],
            },
          ],
        },
        patientStudy,
        observer,
      }),
    ).to.throw(BreastImagingReportWriteError);
    expect(() => readBreastImagingReport(patientStudy)).to.throw(BreastImagingReportReadError);
  });
});
