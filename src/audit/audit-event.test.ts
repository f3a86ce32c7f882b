import { expect } from '@open-wc/testing';
import { KeyImagesSavedEvent } from '../events/key-images-saved.js';
import { StudyOpenedEvent } from '../events/study-opened.js';
import { ViewedEvent } from '../events/viewed.js';
import { ViewerErrorEvent } from '../events/viewer-error.js';
import { DicomwebAuthError } from '../dicomweb/errors.js';
import { auditEventFor, type AuditParties } from './audit-event.js';
import type { FhirAuditEvent, FhirAuditEventAgent } from './fhir-audit-event.js';

/** The fixed values of IHE BALP's Read / PatientRead profiles (input/fsh/PatientRead.fsh of IHE/ITI.BasicAudit). */
const PROFILE = {
  type: { system: 'http://terminology.hl7.org/CodeSystem/audit-event-type', code: 'rest' },
  subtype: { system: 'http://hl7.org/fhir/restful-interaction', code: 'read' },
  client: { system: 'http://dicom.nema.org/resources/ontology/DCM', code: '110152' },
  server: { system: 'http://dicom.nema.org/resources/ontology/DCM', code: '110153' },
  user: { system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'IRCP' },
  data: {
    type: { system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type', code: '2' },
    role: { system: 'http://terminology.hl7.org/CodeSystem/object-role', code: '4' },
  },
  patient: {
    type: { system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type', code: '1' },
    role: { system: 'http://terminology.hl7.org/CodeSystem/object-role', code: '1' },
  },
};

const parties: AuditParties = {
  user: {
    who: { identifier: { system: 'urn:oid:1.2.250.1.71.4.2.1', value: '810002909371' } },
    name: 'Dr Anaïs Léger',
    policy: ['token-jti-5f2c'],
  },
  client: {
    who: { reference: 'Device/courbaril-viewer' },
    network: { address: 'viewer.portal.example', type: '1' },
  },
  server: { url: 'https://pacs.example/dicom-web' },
  patient: { reference: 'Patient/971-000123' },
  site: 'portal.example',
};

function agent(event: FhirAuditEvent, code: string): FhirAuditEventAgent {
  const found = event.agent.filter((a) => a.type.coding?.[0]?.code === code);
  expect(found, `agent ${code}`).to.have.length(1);
  return found[0]!;
}

function coding(value: { system?: string; code?: string }): {
  system: string | undefined;
  code: string | undefined;
} {
  return { system: value.system, code: value.code };
}

describe('auditEventFor (IHE BALP)', () => {
  it('maps cb-viewed onto a PatientRead of the ImagingStudy, at the time the series was shown', () => {
    const at = '2026-12-03T10:15:30.000Z';
    const event = auditEventFor(
      new ViewedEvent({ studyInstanceUid: '2.25.1', seriesInstanceUid: '2.25.2', at }),
      parties,
    )!;
    expect(event.resourceType).to.equal('AuditEvent');
    expect(event.meta?.profile).to.deep.equal([
      'https://profiles.ihe.net/ITI/BALP/StructureDefinition/IHE.BasicAudit.PatientRead',
    ]);
    expect(coding(event.type)).to.deep.equal(PROFILE.type);
    expect(event.subtype.map(coding)).to.deep.equal([PROFILE.subtype]);
    expect(event.action).to.equal('R');
    expect(event.outcome).to.equal('0');
    expect(event.recorded).to.equal(at);

    const client = agent(event, PROFILE.client.code);
    expect(coding(client.type.coding![0]!)).to.deep.equal(PROFILE.client);
    expect(client.who).to.deep.equal(parties.client.who);
    expect(client.network).to.deep.equal(parties.client.network);
    expect(client.requestor).to.equal(false);
    const server = agent(event, PROFILE.server.code);
    expect(coding(server.type.coding![0]!)).to.deep.equal(PROFILE.server);
    expect(server.network).to.deep.equal({ address: 'https://pacs.example/dicom-web', type: '5' });
    expect(server.who).to.deep.equal({ display: 'pacs.example' });
    const user = agent(event, PROFILE.user.code);
    expect(coding(user.type.coding![0]!)).to.deep.equal(PROFILE.user);
    expect(user.requestor).to.equal(true);
    expect(user.who).to.deep.equal(parties.user.who);
    expect(user.name).to.equal('Dr Anaïs Léger');
    expect(user.policy).to.deep.equal(['token-jti-5f2c']);

    expect(event.entity).to.have.length(2);
    const [study, patient] = event.entity;
    expect(coding(study!.type)).to.deep.equal(PROFILE.data.type);
    expect(coding(study!.role)).to.deep.equal(PROFILE.data.role);
    expect(study!.what).to.deep.equal({
      type: 'ImagingStudy',
      identifier: { system: 'urn:dicom:uid', value: 'urn:oid:2.25.1' },
    });
    expect(study!.detail).to.deep.equal([{ type: 'SeriesInstanceUID', valueString: '2.25.2' }]);
    expect(coding(patient!.type)).to.deep.equal(PROFILE.patient.type);
    expect(coding(patient!.role)).to.deep.equal(PROFILE.patient.role);
    expect(patient!.what).to.deep.equal({ reference: 'Patient/971-000123' });
    expect(event.source.observer).to.deep.equal(parties.client.who);
    expect(event.source.site).to.equal('portal.example');
  });

  it('maps cb-study-opened onto one read naming the study and every prior shown beside it', () => {
    const recorded = new Date('2026-12-03T11:00:00Z');
    const event = auditEventFor(
      new StudyOpenedEvent({
        studyInstanceUid: '2.25.10',
        protocolId: 'cross-sectional-comparison',
        comparedWith: ['2.25.11', '2.25.12'],
      }),
      parties,
      { recorded },
    )!;
    expect(event.recorded).to.equal('2026-12-03T11:00:00.000Z');
    expect(
      event.entity
        .filter((entity) => entity.what.type === 'ImagingStudy')
        .map((entity) => entity.what.identifier?.value),
    ).to.deep.equal(['urn:oid:2.25.10', 'urn:oid:2.25.11', 'urn:oid:2.25.12']);
  });

  it('claims the Read profile, with no patient entity, when the host names no patient', () => {
    const { patient: _patient, ...withoutPatient } = parties;
    const event = auditEventFor(
      new ViewedEvent({ studyInstanceUid: '2.25.1', seriesInstanceUid: undefined, at: 'x' }),
      withoutPatient,
    )!;
    expect(event.meta?.profile).to.deep.equal([
      'https://profiles.ihe.net/ITI/BALP/StructureDefinition/IHE.BasicAudit.Read',
    ]);
    expect(event.entity).to.have.length(1);
    expect(event.entity[0]!.detail).to.equal(undefined);
    expect(Number.isNaN(Date.parse(event.recorded))).to.equal(false);
  });

  it('maps a refusal by the server onto a failed read and ignores errors that are no access decision', () => {
    const refused = auditEventFor(
      new ViewerErrorEvent('forbidden', new DicomwebAuthError('metadata', 403)),
      parties,
    )!;
    expect(refused.outcome).to.equal('4');
    expect(refused.action).to.equal('R');
    expect(refused.meta).to.equal(undefined);
    expect(refused.outcomeDesc).to.contain('403');
    expect(refused.entity.map((entity) => entity.what)).to.deep.equal([parties.patient]);
    expect(auditEventFor(new ViewerErrorEvent('series'), parties)).to.equal(undefined);
  });

  it('maps cb-key-images-saved onto a PatientCreate in the study, naming the stored KOS', () => {
    const event = auditEventFor(
      new KeyImagesSavedEvent({
        studyInstanceUid: '2.25.1',
        seriesInstanceUid: '2.25.7',
        sopInstanceUid: '2.25.8',
        count: 2,
      }),
      parties,
    )!;
    expect(event.meta?.profile).to.deep.equal([
      'https://profiles.ihe.net/ITI/BALP/StructureDefinition/IHE.BasicAudit.PatientCreate',
    ]);
    expect(event.action).to.equal('C');
    expect(event.subtype.map(coding)).to.deep.equal([
      { system: 'http://hl7.org/fhir/restful-interaction', code: 'create' },
    ]);
    expect(event.outcome).to.equal('0');
    expect(event.entity[0]!.what.identifier?.value).to.equal('urn:oid:2.25.1');
    expect(event.entity[0]!.detail).to.deep.equal([
      { type: 'SeriesInstanceUID', valueString: '2.25.7' },
      { type: 'SOPInstanceUID', valueString: '2.25.8' },
    ]);
    expect(agent(event, PROFILE.user.code).requestor).to.equal(true);
  });

  it('is plain JSON: it survives JSON.stringify unchanged', () => {
    const event = auditEventFor(
      new ViewedEvent({
        studyInstanceUid: '2.25.1',
        seriesInstanceUid: '2.25.2',
        at: new Date().toISOString(),
      }),
      parties,
    );
    expect(JSON.parse(JSON.stringify(event))).to.deep.equal(event);
  });
});
