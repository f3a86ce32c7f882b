import { expect } from '@open-wc/testing';
import {
  InvokeImageDisplayError,
  type InvokeImageDisplayErrorCode,
} from './invoke-image-display-error.js';
import { parseInvokeImageDisplay, viewerAttributesOf } from './invoke-image-display.js';
import { filterStudies, qidoStudyQueries } from './viewer-request-query.js';

const BASE = 'https://viewer.example/IHEInvokeImageDisplay?';

describe('parseInvokeImageDisplay', () => {
  it('reads a PATIENT request with an issuer given as an HL7 CX value', () => {
    const request = parseInvokeImageDisplay(
      `${BASE}requestType=PATIENT&patientID=971-000123%5E%5E%5ECHU%261.2.250.1.71%26ISO&mostRecentResults=3` +
        '&lowerDateTime=2020-01-01T00:00:00&upperDateTime=2024-06-30T23:59:59Z&modalitiesInStudy=mg,CT' +
        '&viewerType=IHE_BIR&diagnosticQuality=true&keyImagesOnly=false',
    );
    expect(request).to.deep.equal({
      requestType: 'PATIENT',
      patient: {
        id: '971-000123',
        issuer: { namespaceId: 'CHU', universalId: '1.2.250.1.71', universalIdType: 'ISO' },
      },
      viewerType: 'IHE_BIR',
      diagnosticQuality: true,
      keyImagesOnly: false,
      patientName: undefined,
      patientBirthDate: undefined,
      lowerDateTime: { date: '20200101', time: '000000' },
      upperDateTime: { date: '20240630', time: '235959', utcOffsetMinutes: 0 },
      mostRecentResults: 3,
      modalitiesInStudy: ['MG', 'CT'],
    });
  });

  it('rejoins a patientID whose "&" separators the portal forgot to percent-encode', () => {
    const request = parseInvokeImageDisplay(
      `${BASE}requestType=PATIENT&patientID=123^^^&1.2.3&ISO`,
    );
    expect(request.patient).to.deep.equal({
      id: '123',
      issuer: { universalId: '1.2.3', universalIdType: 'ISO' },
    });
    expect(viewerAttributesOf(request)).to.deep.equal({
      'patient-id': '123',
      issuer: '&1.2.3&ISO',
    });
  });

  it('decodes HL7 escape sequences inside the CX identifier', () => {
    const request = parseInvokeImageDisplay(`${BASE}requestType=PATIENT&patientID=A%5CT%5CB`);
    expect(request.patient).to.deep.equal({ id: 'A&B' });
  });

  it('reads a STUDY request with several Study Instance UIDs and maps them onto viewer attributes', () => {
    const request = parseInvokeImageDisplay(
      new URL(`${BASE}requestType=study&studyUID=1.2.3,%201.2.4,1.2.3`),
    );
    expect(request).to.deep.include({
      requestType: 'STUDY',
      studyInstanceUids: ['1.2.3', '1.2.4'],
      accessionNumbers: [],
    });
    expect(viewerAttributesOf(request)).to.deep.equal({ study: '1.2.3 1.2.4' });
  });

  it('reads a STUDY request by accession number with the optional patient', () => {
    const request = parseInvokeImageDisplay(
      'requestType=STUDY&accessionNumber=ACC1,ACC2&patientID=P9',
    );
    expect(viewerAttributesOf(request)).to.deep.equal({
      'patient-id': 'P9',
      'accession-number': 'ACC1 ACC2',
    });
  });

  it('ignores parameters IID does not define', () => {
    const request = parseInvokeImageDisplay(
      `${BASE}requestType=STUDY&studyUID=1.2.3&vendorTheme=dark&vendorTheme=x`,
    );
    expect(request.requestType).to.equal('STUDY');
  });

  const refusals: [string, string, InvokeImageDisplayErrorCode, string | undefined][] = [
    ['no requestType', 'patientID=SECRET-42', 'missing-request-type', 'requestType'],
    [
      'an unknown requestType',
      'requestType=SERIES&studyUID=1.2',
      'unsupported-request-type',
      'requestType',
    ],
    [
      'a PATIENT request without patientID',
      'requestType=PATIENT',
      'missing-patient-id',
      'patientID',
    ],
    [
      'a CX with an empty ID',
      'requestType=PATIENT&patientID=%5E%5E%5ESECRET',
      'invalid-patient-id',
      'patientID',
    ],
    [
      'a STUDY request without identifiers',
      'requestType=STUDY&patientID=SECRET-42',
      'missing-study-identifier',
      undefined,
    ],
    [
      'both studyUID and accessionNumber',
      'requestType=STUDY&studyUID=1.2&accessionNumber=SECRET-42',
      'conflicting-study-identifiers',
      undefined,
    ],
    ['a malformed UID', 'requestType=STUDY&studyUID=1.02.SECRET', 'invalid-study-uid', 'studyUID'],
    [
      'an accession number over 16 characters',
      'requestType=STUDY&accessionNumber=SECRET-4200000000000',
      'invalid-accession-number',
      'accessionNumber',
    ],
    [
      'a patient filter in a STUDY request',
      'requestType=STUDY&studyUID=1.2&mostRecentResults=2',
      'parameter-not-allowed',
      'mostRecentResults',
    ],
    [
      'a studyUID in a PATIENT request',
      'requestType=PATIENT&patientID=SECRET-42&studyUID=1.2',
      'parameter-not-allowed',
      'studyUID',
    ],
    [
      'a patientID given twice',
      'requestType=PATIENT&patientID=SECRET-42&patientID=SECRET-43',
      'duplicate-parameter',
      'patientID',
    ],
    [
      'an impossible date',
      'requestType=PATIENT&patientID=SECRET-42&lowerDateTime=2024-02-30',
      'invalid-date-time',
      'lowerDateTime',
    ],
    [
      'a reversed date range',
      'requestType=PATIENT&patientID=SECRET-42&lowerDateTime=2024-02-02&upperDateTime=2024-02-01',
      'invalid-date-range',
      undefined,
    ],
    [
      'zero mostRecentResults',
      'requestType=PATIENT&patientID=SECRET-42&mostRecentResults=0',
      'invalid-most-recent-results',
      'mostRecentResults',
    ],
    [
      'a modality with punctuation',
      'requestType=PATIENT&patientID=SECRET-42&modalitiesInStudy=C-T',
      'invalid-modality',
      'modalitiesInStudy',
    ],
    [
      'a vendor viewerType',
      'requestType=PATIENT&patientID=SECRET-42&viewerType=ACME_3D',
      'unsupported-viewer-type',
      'viewerType',
    ],
    [
      'a non-boolean diagnosticQuality',
      'requestType=PATIENT&patientID=SECRET-42&diagnosticQuality=yes',
      'invalid-boolean',
      'diagnosticQuality',
    ],
    ['text that is no URL', 'SECRET-42', 'invalid-url', undefined],
  ];
  for (const [what, query, code, parameter] of refusals) {
    it(`refuses ${what} with code ${code} and no identifier in the message`, () => {
      let error: unknown;
      try {
        parseInvokeImageDisplay(query.includes('=') ? `${BASE}${query}` : query);
      } catch (caught) {
        error = caught;
      }
      expect(error).to.be.instanceOf(InvokeImageDisplayError);
      const refused = error as InvokeImageDisplayError;
      expect(refused.code).to.equal(code);
      expect(refused.parameter).to.equal(parameter);
      expect(refused.message).not.to.contain('SECRET');
    });
  }
});

describe('qidoStudyQueries', () => {
  it('matches patient, issuer and study date range for a PATIENT request, one search per modality', () => {
    const request = parseInvokeImageDisplay(
      'requestType=PATIENT&patientID=P1%5E%5E%5ECHU&lowerDateTime=2020-01-01T08:00:00&modalitiesInStudy=MG,US',
    );
    expect(qidoStudyQueries(request)).to.deep.equal([
      {
        PatientID: 'P1',
        IssuerOfPatientID: 'CHU',
        includefield: 'IssuerOfPatientID',
        StudyDate: '20200101-',
        ModalitiesInStudy: 'MG',
      },
      {
        PatientID: 'P1',
        IssuerOfPatientID: 'CHU',
        includefield: 'IssuerOfPatientID',
        StudyDate: '20200101-',
        ModalitiesInStudy: 'US',
      },
    ]);
    expect(qidoStudyQueries(request, { matchIssuer: false })[0]).not.to.have.property(
      'IssuerOfPatientID',
    );
  });

  it('sends Study Instance UIDs as one UID list and accession numbers as one search each', () => {
    expect(
      qidoStudyQueries(parseInvokeImageDisplay('requestType=STUDY&studyUID=1.2,1.3')),
    ).to.deep.equal([{ StudyInstanceUID: '1.2,1.3' }]);
    expect(
      qidoStudyQueries(parseInvokeImageDisplay('requestType=STUDY&accessionNumber=A,B')),
    ).to.deep.equal([{ AccessionNumber: 'A' }, { AccessionNumber: 'B' }]);
  });
});

describe('filterStudies', () => {
  const studies = [
    {
      studyInstanceUid: '1.1',
      studyDate: '20200101',
      studyTime: '070000',
      modalitiesInStudy: ['MG'],
    },
    {
      studyInstanceUid: '1.2',
      studyDate: '20200101',
      studyTime: '090000.123',
      modalitiesInStudy: ['MG'],
    },
    { studyInstanceUid: '1.3', studyDate: '20230505', modalitiesInStudy: ['CT'] },
    {
      studyInstanceUid: '1.4',
      studyDate: '20240101',
      modalitiesInStudy: ['MG'],
      issuerOfPatientId: 'OTHER',
    },
    { studyInstanceUid: '1.5', studyDate: '20240101', modalitiesInStudy: ['MG', 'SR'] },
    { studyInstanceUid: '1.5', studyDate: '20240101', modalitiesInStudy: ['MG', 'SR'] },
  ];

  it('applies time-of-day bounds, modalities, issuer and mostRecentResults, newest first', () => {
    const request = parseInvokeImageDisplay(
      'requestType=PATIENT&patientID=P1%5E%5E%5ECHU&lowerDateTime=2020-01-01T08:00:00&modalitiesInStudy=MG&mostRecentResults=5',
    );
    expect(filterStudies(request, studies).map((study) => study.studyInstanceUid)).to.deep.equal([
      '1.5',
      '1.2',
    ]);
    const two = parseInvokeImageDisplay('requestType=PATIENT&patientID=P1&mostRecentResults=2');
    expect(filterStudies(two, studies).map((study) => study.studyInstanceUid)).to.deep.equal([
      '1.4',
      '1.5',
    ]);
  });
});
