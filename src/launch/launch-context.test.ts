import { expect } from '@open-wc/testing';
import { datasetFromDicomJson } from '../dicom/json-dataset.js';
import { applyLaunchContext, type LaunchTarget } from './apply-launch-context.js';
import { launchContextFromDrimbox } from './drimbox-launch.js';
import { InvokeImageDisplayError } from './invoke-image-display-error.js';
import { launchContextFromIid, type LaunchContext } from './launch-context.js';

const BASE = 'https://viewer.example/IHEInvokeImageDisplay?';

function target(): LaunchTarget {
  return {
    patientId: 'OLD',
    issuer: 'OLD',
    study: '9.9',
    accessionNumber: 'OLD',
    historyFilter: { mostRecent: 9 },
    keyImagesOnly: true,
    identity: { birthName: 'OLD' },
    manifest: datasetFromDicomJson({}),
  };
}

describe('launchContextFromIid', () => {
  it('carries every parameter of a PATIENT request', () => {
    const context = launchContextFromIid(
      `${BASE}requestType=PATIENT&patientID=971-000123%5E%5E%5E%261.2.250.1.213.1.4.8%26ISO` +
        '&patientName=DE%20LA%20TOUR%26DE%5EMarie%5EClaire%20Anne&patientBirthDate=19610704' +
        '&lowerDateTime=2020-01-01T00:00:00&upperDateTime=2024-06-30T23:59:59Z' +
        '&mostRecentResults=2&modalitiesInStudy=MG,us&viewerType=IHE_BIR' +
        '&diagnosticQuality=true&keyImagesOnly=true',
    );
    const expected: LaunchContext = {
      source: 'iid',
      requestType: 'PATIENT',
      patient: {
        id: '971-000123',
        issuer: { universalId: '1.2.250.1.213.1.4.8', universalIdType: 'ISO' },
      },
      identity: {
        birthName: 'DE LA TOUR',
        givenNames: ['Marie', 'Claire', 'Anne'],
        birthDate: '19610704',
      },
      studyInstanceUids: [],
      accessionNumbers: [],
      filter: {
        lowerDateTime: { date: '20200101', time: '000000' },
        upperDateTime: { date: '20240630', time: '235959', utcOffsetMinutes: 0 },
        modalities: ['MG', 'US'],
        mostRecent: 2,
      },
      keyImagesOnly: true,
      diagnosticQuality: true,
    };
    expect(context).to.deep.equal(expected);
  });

  it('carries a STUDY request’s UIDs and the optional patient, with no history filter', () => {
    const context = launchContextFromIid(
      'requestType=STUDY&studyUID=1.2.3,1.2.4&patientID=P1&patientBirthDate=1961-07-04',
    );
    expect(context).to.deep.include({
      requestType: 'STUDY',
      studyInstanceUids: ['1.2.3', '1.2.4'],
      accessionNumbers: [],
      filter: {},
      identity: { birthDate: '19610704' },
      keyImagesOnly: false,
    });
  });

  for (const [query, code, parameter] of [
    ['patientName=%5E%5E', 'invalid-patient-name', 'patientName'],
    ['patientName=SECRET%0ANAME', 'invalid-patient-name', 'patientName'],
    ['patientBirthDate=19610231', 'invalid-birth-date', 'patientBirthDate'],
    ['patientBirthDate=1961-0704', 'invalid-birth-date', 'patientBirthDate'],
    ['patientBirthDate=04/07/1961', 'invalid-birth-date', 'patientBirthDate'],
  ] as const) {
    it(`refuses ${query} with ${code}, without the value`, () => {
      let caught: unknown;
      try {
        launchContextFromIid(`${BASE}requestType=PATIENT&patientID=P1&${query}`);
      } catch (error) {
        caught = error;
      }
      expect(caught).to.be.instanceOf(InvokeImageDisplayError);
      const error = caught as InvokeImageDisplayError;
      expect([error.code, error.parameter]).to.deep.equal([code, parameter]);
      expect(error.message).not.to.match(/SECRET|1961/);
    });
  }
});

describe('applyLaunchContext', () => {
  it('sets patient, issuer, filter, key images and identity, and clears the previous launch', () => {
    const viewer = target();
    applyLaunchContext(
      viewer,
      launchContextFromIid(
        'requestType=PATIENT&patientID=P1%5E%5E%5ECHU%261.2.3%26ISO&mostRecentResults=1&modalitiesInStudy=CT',
      ),
    );
    expect(viewer).to.deep.equal({
      patientId: 'P1',
      issuer: 'CHU&1.2.3&ISO',
      study: '',
      accessionNumber: '',
      historyFilter: { modalities: ['CT'], mostRecent: 1 },
      keyImagesOnly: false,
      identity: undefined,
      manifest: undefined,
    });
  });

  it('opens the manifest a launch carries, after a JSON round trip (a portal server kept it)', () => {
    const viewer = target();
    const manifest = {
      '00080016': { vr: 'UI', Value: ['1.2.840.10008.5.1.4.1.1.88.59'] },
      '00100020': { vr: 'LO', Value: ['268049710504236'] },
    };
    const context: LaunchContext = JSON.parse(
      JSON.stringify({ ...launchContextFromIid('requestType=STUDY&studyUID=1.2.3'), manifest }),
    ) as LaunchContext;
    applyLaunchContext(viewer, context);
    expect(viewer.manifest?.string(0x00100020)).to.equal('268049710504236');
    expect(viewer.study).to.equal('1.2.3');
  });

  it('opens the studies of a STUDY launch and shows the DRIMbox identity', () => {
    const viewer = target();
    const context = launchContextFromDrimbox(
      new URLSearchParams({
        'Patient.identifier.value': '184127512345640',
        'Patient.identifier.system': '1.2.250.1.213.1.4.8',
        'Patient.name.family': 'DUPONT',
        'Patient.name.given': 'Jean',
        'Patient.gender': 'male',
        'Patient.birthDate': '1984-12-03',
        InformationEtOppositionConsultation: 'true',
        PatientID: 'IPP-77',
        PatientIDIssuer: 'CHU',
        StudyInstanceUID: '1.2.3',
      }),
    );
    applyLaunchContext(viewer, context);
    expect(viewer).to.deep.include({
      patientId: 'IPP-77',
      issuer: 'CHU',
      study: '1.2.3',
      accessionNumber: '',
      historyFilter: undefined,
    });
    expect(viewer.identity?.ins?.kind).to.equal('INS-NIR');
  });
});
