import { expect } from '@open-wc/testing';
import { DrimboxLaunchError, type DrimboxLaunchErrorCode } from './drimbox-launch-error.js';
import { launchContextFromDrimbox } from './drimbox-launch.js';
import { insKindOf, isInsMatricule } from './launch-identity.js';

/** A NIR whose key is right (97 − 1841275123456 mod 97 = 40); the "SECRET" values test messages. */
const FIELDS: readonly [string, string][] = [
  ['Patient.identifier.value', '184127512345640'],
  ['Patient.identifier.system', 'urn:oid:1.2.250.1.213.1.4.8'],
  ['Patient.name.family', 'DUPONT'],
  ['Patient.name.given', 'Jean Pierre'],
  ['Patient.gender', 'male'],
  ['Patient.birthDate', '1984-12-03'],
  ['Address.district', '75112'],
  ['InformationEtOppositionConsultation', 'true'],
  ['PatientID', 'IPP-77'],
  ['PatientIDIssuer', 'CHU&1.2.250.1.71&ISO'],
];

function fields(
  changes: Record<string, string | null> = {},
  extra: [string, string][] = [],
): URLSearchParams {
  const form = new URLSearchParams();
  for (const [name, value] of FIELDS) {
    const changed = changes[name];
    if (changed === null) continue;
    form.append(name, changed ?? value);
  }
  for (const [name, value] of extra) form.append(name, value);
  return form;
}

function refusal(form: URLSearchParams | FormData): DrimboxLaunchError {
  try {
    launchContextFromDrimbox(form);
  } catch (error) {
    expect(error).to.be.instanceOf(DrimboxLaunchError);
    return error as DrimboxLaunchError;
  }
  throw new Error('the call was accepted');
}

describe('launchContextFromDrimbox', () => {
  it('reads the identity, the INS and the archive patient of a patient launch', () => {
    expect(launchContextFromDrimbox(fields())).to.deep.equal({
      source: 'drimbox',
      requestType: 'PATIENT',
      patient: {
        id: 'IPP-77',
        issuer: { namespaceId: 'CHU', universalId: '1.2.250.1.71', universalIdType: 'ISO' },
      },
      identity: {
        birthName: 'DUPONT',
        givenNames: ['Jean', 'Pierre'],
        birthDate: '19841203',
        sex: 'M',
        birthplaceCode: '75112',
        ins: {
          value: '184127512345640',
          system: '1.2.250.1.213.1.4.8',
          kind: 'INS-NIR',
          qualified: true,
        },
      },
      studyInstanceUids: [],
      accessionNumbers: [],
      filter: {},
      keyImagesOnly: false,
      diagnosticQuality: undefined,
    });
  });

  it('reads a study launch from FormData, with the test tool’s spelling of the flag', () => {
    const form = new FormData();
    for (const [name, value] of fields({ InformationEtOppositionConsultation: null }))
      form.append(name, value);
    form.append('InformationEtConsentement', 'TRUE');
    form.append('StudyInstanceUID', '1.2.250.1.59.3');
    form.append('AccessionNumber', 'A-12');
    form.append('Modality', 'ct');
    form.append('StudyDate', '20240102');
    form.append('AnatomicRegion', 'Thorax');
    form.append('Situation', 'Suivi');
    const context = launchContextFromDrimbox(form);
    expect(context.requestType).to.equal('STUDY');
    expect(context.studyInstanceUids).to.deep.equal(['1.2.250.1.59.3']);
    expect(context.accessionNumbers).to.deep.equal([]);
    expect(context.filter).to.deep.equal({});
  });

  it('opens by accession number when no UID is given, and filters a patient launch by modality', () => {
    expect(
      launchContextFromDrimbox(fields({}, [['AccessionNumber', 'A-12']])).accessionNumbers,
    ).to.deep.equal(['A-12']);
    expect(launchContextFromDrimbox(fields({}, [['Modality', 'mg']])).filter).to.deep.equal({
      modalities: ['MG'],
    });
  });

  it('leaves the sex unset for gender "unknown" and takes a Corsican birthplace', () => {
    const identity = launchContextFromDrimbox(
      fields({ 'Patient.gender': 'unknown', 'Address.district': '2a004' }),
    ).identity;
    expect(identity).not.to.have.property('sex');
    expect(identity?.birthplaceCode).to.equal('2A004');
  });

  it('refuses a launch whose patient opposed, naming the flag and opening nothing', () => {
    for (const [flag, value] of [
      ['InformationEtOppositionConsultation', 'false'],
      ['InformationEtConsentement', '0'],
    ] as const) {
      const error = refusal(fields({ InformationEtOppositionConsultation: null }, [[flag, value]]));
      expect(error.code).to.equal('patient-opposed');
      expect(error.parameter).to.equal(flag);
    }
  });

  const refusals: [string, URLSearchParams, DrimboxLaunchErrorCode, string][] = [
    [
      'an unknown parameter',
      fields({}, [['Patient.name.nickname', 'SECRET']]),
      'unknown-parameter',
      'Patient.name.nickname',
    ],
    [
      'an unknown parameter whose name is not a name',
      fields({}, [['SECRET DUPONT 1984', 'x']]),
      'unknown-parameter',
      '(unreadable name)',
    ],
    ['an empty parameter', fields({}, [['Situation', ' ']]), 'empty-parameter', 'Situation'],
    [
      'an empty identity trait',
      fields({ 'Patient.name.given': '' }),
      'empty-parameter',
      'Patient.name.given',
    ],
    [
      'a missing birth date',
      fields({ 'Patient.birthDate': null }),
      'missing-parameter',
      'Patient.birthDate',
    ],
    [
      'no information flag',
      fields({ InformationEtOppositionConsultation: null }),
      'missing-parameter',
      'InformationEtOppositionConsultation',
    ],
    [
      'both spellings of the flag',
      fields({}, [['InformationEtConsentement', 'true']]),
      'duplicate-parameter',
      'InformationEtOppositionConsultation',
    ],
    [
      'a flag that is no boolean',
      fields({ InformationEtOppositionConsultation: 'oui' }),
      'invalid-value',
      'InformationEtOppositionConsultation',
    ],
    [
      'a field given twice',
      fields({}, [['PatientID', 'SECRET']]),
      'duplicate-parameter',
      'PatientID',
    ],
    [
      'an identifier system that is no INS authority',
      fields({ 'Patient.identifier.system': '1.2.250.1.213.1.4.2' }),
      'invalid-value',
      'Patient.identifier.system',
    ],
    [
      'an INS with a wrong key',
      fields({ 'Patient.identifier.value': '184127512345641' }),
      'invalid-value',
      'Patient.identifier.value',
    ],
    [
      'a FHIR gender that does not exist',
      fields({ 'Patient.gender': 'SECRET' }),
      'invalid-value',
      'Patient.gender',
    ],
    [
      'an impossible birth date',
      fields({ 'Patient.birthDate': '1984-02-30' }),
      'invalid-value',
      'Patient.birthDate',
    ],
    [
      'a French-style birth date',
      fields({ 'Patient.birthDate': '03/12/1984' }),
      'invalid-value',
      'Patient.birthDate',
    ],
    [
      'a birthplace that is no INSEE code',
      fields({ 'Address.district': 'SECRET' }),
      'invalid-value',
      'Address.district',
    ],
    [
      'a malformed Study Instance UID',
      fields({}, [['StudyInstanceUID', '1.02.SECRET']]),
      'invalid-value',
      'StudyInstanceUID',
    ],
    [
      'an over-long accession number',
      fields({}, [['AccessionNumber', 'SECRET-0123456789']]),
      'invalid-value',
      'AccessionNumber',
    ],
    ['a modality with punctuation', fields({}, [['Modality', 'C-T']]), 'invalid-value', 'Modality'],
    [
      'a study date that is no DA',
      fields({}, [['StudyDate', '2024-13-01']]),
      'invalid-value',
      'StudyDate',
    ],
    [
      'a Patient ID over 64 characters',
      fields({ PatientID: `SECRET${'9'.repeat(64)}` }),
      'invalid-value',
      'PatientID',
    ],
  ];
  for (const [what, form, code, parameter] of refusals) {
    it(`refuses ${what} with code ${code}, naming the parameter and no value`, () => {
      const error = refusal(form);
      expect(error.code).to.equal(code);
      expect(error.parameter).to.equal(parameter);
      expect(error.message).to.contain(parameter);
      for (const value of ['SECRET', 'DUPONT', '1841275123456', 'IPP-77', '1984'])
        expect(error.message).not.to.contain(value);
    });
  }
});

describe('INS matricules', () => {
  it('checks the key, with Corsica’s 2A / 2B counted as 19 / 18', () => {
    expect(isInsMatricule('184127512345640')).to.equal(true);
    expect(isInsMatricule('284122A12345647')).to.equal(true);
    expect(isInsMatricule('284122A12345648')).to.equal(false);
    expect(isInsMatricule('18412751234564')).to.equal(false);
    expect(isInsMatricule('484127512345640')).to.equal(false);
  });

  it('knows the four INS authorities, bare or as urn:oid', () => {
    expect(insKindOf('urn:oid:1.2.250.1.213.1.4.9')?.kind).to.equal('INS-NIA');
    expect(insKindOf('1.2.250.1.213.1.4.10')?.kind).to.equal('INS-NIR-TEST');
    expect(insKindOf('1.2.250.1.213.1.4.11')?.kind).to.equal('INS-NIR-DEMO');
    expect(insKindOf('1.2.250.1.213.1.4.12')).to.equal(undefined);
  });
});
