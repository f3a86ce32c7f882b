import { expect } from '@open-wc/testing';
import { datasetFromDicomJson } from '../dicom/json-dataset.js';
import { identityMismatches, normaliseName, studyPatientOf } from './identity-check.js';
import type { LaunchIdentity } from './launch-identity.js';

const IDENTITY: LaunchIdentity = {
  birthName: 'JOSEPH',
  givenNames: ['Marie-Line', 'Rose'],
  birthDate: '19680412',
  sex: 'F',
  ins: {
    value: '268049710504236',
    system: '1.2.250.1.213.1.4.10',
    kind: 'INS-NIR-TEST',
    qualified: true,
  },
};
const LAUNCH = {
  identity: IDENTITY,
  patient: { id: '971-000123', issuer: { namespaceId: 'ILES' } },
};

/** A study's Patient module as DICOM JSON (PS3.18 F.2). */
function study(overrides: Record<string, unknown> = {}) {
  return studyPatientOf(
    datasetFromDicomJson({
      '00100010': { vr: 'PN', Value: [{ Alphabetic: 'Joséph^marie-line rose' }] },
      '00100020': { vr: 'LO', Value: ['971-000123'] },
      '00100021': { vr: 'LO', Value: ['ILES'] },
      '00100030': { vr: 'DA', Value: ['19680412'] },
      '00100040': { vr: 'CS', Value: ['F'] },
      '00101002': {
        vr: 'SQ',
        Value: [
          {
            '00100020': { vr: 'LO', Value: ['268049710504236'] },
            '00100021': { vr: 'LO', Value: ['urn:oid:1.2.250.1.213.1.4.10'] },
          },
        ],
      },
      ...overrides,
    }),
  );
}

describe('identityMismatches', () => {
  it('finds none when the Patient module agrees, ignoring case, accents and spacing', () => {
    expect(study().identifiers).to.deep.equal([
      { id: '971-000123', issuer: 'ILES' },
      { id: '268049710504236', issuer: 'urn:oid:1.2.250.1.213.1.4.10' },
    ]);
    expect(identityMismatches(LAUNCH, study())).to.deep.equal([]);
    expect(normaliseName('  Dé  l’Île ')).to.equal("DE L'ILE");
  });

  const cases: [string, Record<string, unknown>, string[]][] = [
    [
      'another birth name',
      { '00100010': { vr: 'PN', Value: [{ Alphabetic: 'JOSEPHE^Marie-Line' }] } },
      ['birth-name'],
    ],
    [
      'another first given name',
      { '00100010': { vr: 'PN', Value: [{ Alphabetic: 'JOSEPH^Rose Marie-Line' }] } },
      ['given-name'],
    ],
    ['another birth date', { '00100030': { vr: 'DA', Value: ['19680421'] } }, ['birth-date']],
    ['another sex', { '00100040': { vr: 'CS', Value: ['M'] } }, ['sex']],
    [
      'another Patient ID of the same issuer',
      { '00100020': { vr: 'LO', Value: ['971-000124'] } },
      ['patient-id'],
    ],
    [
      'another INS in Other Patient IDs',
      {
        '00101002': {
          vr: 'SQ',
          Value: [
            {
              '00100020': { vr: 'LO', Value: ['184127512345640'] },
              '00100021': { vr: 'LO', Value: ['1.2.250.1.213.1.4.10'] },
            },
          ],
        },
      },
      ['ins'],
    ],
    [
      'a used name in Patient’s Name but the right Patient’s Birth Name',
      {
        '00100010': { vr: 'PN', Value: [{ Alphabetic: 'DURAND^Marie-Line' }] },
        '00101005': { vr: 'PN', Value: [{ Alphabetic: 'JOSEPH' }] },
      },
      [],
    ],
    [
      'a study without birth date or sex',
      { '00100030': { vr: 'DA' }, '00100040': { vr: 'CS' } },
      [],
    ],
    [
      'everything wrong at once',
      {
        '00100010': { vr: 'PN', Value: [{ Alphabetic: 'DUPONT^Jean' }] },
        '00100030': { vr: 'DA', Value: ['19840102'] },
        '00100040': { vr: 'CS', Value: ['M'] },
      },
      ['birth-name', 'given-name', 'birth-date', 'sex'],
    ],
  ];
  for (const [what, overrides, traits] of cases) {
    it(`reports ${traits.join(', ') || 'nothing'} for ${what}`, () => {
      expect(identityMismatches(LAUNCH, study(overrides))).to.deep.equal(traits);
    });
  }

  it('holds an issuer-less launch ID against the study’s own Patient ID only', () => {
    const launch = { patient: { id: '268049710504236' } };
    expect(identityMismatches(launch, study())).to.deep.equal(['patient-id']);
    expect(identityMismatches({ patient: { id: '971-000123' } }, study())).to.deep.equal([]);
  });
});
