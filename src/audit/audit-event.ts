/**
 * The viewer's access events as FHIR R4 AuditEvents following IHE Basic Audit Log Patterns (BALP,
 * https://profiles.ihe.net/ITI/BALP/): a study shown (`cb-study-opened`, `cb-viewed`) is a
 * RESTful "read" of an ImagingStudy (profile IHE.BasicAudit.PatientRead when the host names the
 * patient, IHE.BasicAudit.Read otherwise); a refusal by the server (`cb-error` with code
 * `unauthorized` / `forbidden`) is the same read, failed. The viewer knows what was read and when;
 * the host adds who (the user of its session, the viewer's device, the DICOMweb server) and the
 * patient it launched, which the viewer's events never carry. Key images saved
 * (`cb-key-images-saved`) are a "create" in the study (IHE.BasicAudit.PatientCreate / Create).
 */
import type { KeyImagesSavedEvent } from '../events/key-images-saved.js';
import type { StudyOpenedEvent } from '../events/study-opened.js';
import type { ViewedEvent } from '../events/viewed.js';
import type { ViewerErrorEvent } from '../events/viewer-error.js';
import type {
  FhirAuditEvent,
  FhirAuditEventEntity,
  FhirAuditEventAgent,
  FhirAuditEventNetwork,
  FhirCodeableConcept,
  FhirCoding,
  FhirReference,
} from './fhir-audit-event.js';

/** The events `auditEventFor` maps (a `cb-error` maps only for `unauthorized` / `forbidden`). */
export type AuditableEvent =
  ViewedEvent | StudyOpenedEvent | ViewerErrorEvent | KeyImagesSavedEvent;

/** Who took part, from the host's session: the viewer's events say what and when, never who. */
export interface AuditParties {
  /** The signed-in user (BALP agent[user]: "information recipient", the requestor). */
  readonly user: {
    readonly who: FhirReference;
    readonly name?: string;
    readonly role?: readonly FhirCodeableConcept[];
    readonly purposeOfUse?: readonly FhirCodeableConcept[];
    /** E.g. the access token's identifier (`jti`), never the token. */
    readonly policy?: readonly string[];
  };
  /** The viewer's device or application (BALP agent[client]); the observer unless `observer` says. */
  readonly client: { readonly who: FhirReference; readonly network: FhirAuditEventNetwork };
  /** The DICOMweb server that served the study (BALP agent[server]); `url` is its root. */
  readonly server: { readonly who?: FhirReference; readonly url: string };
  /** The patient the host opened (e.g. `{ reference: 'Patient/123' }` or an INS identifier). */
  readonly patient?: FhirReference;
  /** Who records the event (AuditEvent.source.observer): the client by default. */
  readonly observer?: FhirReference;
  readonly site?: string;
}

const BALP = 'https://profiles.ihe.net/ITI/BALP/StructureDefinition/';
const DCM = 'http://dicom.nema.org/resources/ontology/DCM';
const ENTITY_TYPE = 'http://terminology.hl7.org/CodeSystem/audit-entity-type';
const OBJECT_ROLE = 'http://terminology.hl7.org/CodeSystem/object-role';

const REST: FhirCoding = {
  system: 'http://terminology.hl7.org/CodeSystem/audit-event-type',
  code: 'rest',
  display: 'Restful Operation',
};
const READ: FhirCoding = {
  system: 'http://hl7.org/fhir/restful-interaction',
  code: 'read',
  display: 'read',
};
const CREATE: FhirCoding = {
  system: 'http://hl7.org/fhir/restful-interaction',
  code: 'create',
  display: 'create',
};

/**
 * The AuditEvent for one viewer event, or undefined when the event records no access decision (a
 * `cb-error` other than `unauthorized` / `forbidden`). `recorded` defaults to the event's own time
 * (`cb-viewed`'s `at`), else now.
 */
export function auditEventFor(
  event: AuditableEvent,
  parties: AuditParties,
  options: { readonly recorded?: Date } = {},
): FhirAuditEvent | undefined {
  const detail = event.detail;
  if ('code' in detail) {
    if (detail.code !== 'unauthorized' && detail.code !== 'forbidden') return undefined;
    // BALP records failures outside its Read profiles (their outcome is fixed to success).
    return {
      ...readOf([], parties, options.recorded ?? new Date()),
      outcome: '4',
      outcomeDesc: detail.message,
    };
  }
  if ('count' in detail) {
    const created = readOf(
      [
        {
          ...imagingStudy(detail.studyInstanceUid, detail.seriesInstanceUid),
          detail: [
            { type: 'SeriesInstanceUID', valueString: detail.seriesInstanceUid },
            { type: 'SOPInstanceUID', valueString: detail.sopInstanceUid },
          ],
        },
      ],
      parties,
      options.recorded ?? new Date(),
    );
    return withProfile({ ...created, subtype: [CREATE], action: 'C' }, parties, 'Create');
  }
  if ('protocolId' in detail) {
    const studies = [detail.studyInstanceUid, ...detail.comparedWith];
    return withProfile(
      readOf(
        studies.map((uid) => imagingStudy(uid, undefined)),
        parties,
        options.recorded ?? new Date(),
      ),
      parties,
    );
  }
  const at = new Date(detail.at);
  return withProfile(
    readOf(
      [imagingStudy(detail.studyInstanceUid, detail.seriesInstanceUid)],
      parties,
      options.recorded ?? (Number.isNaN(at.getTime()) ? new Date() : at),
    ),
    parties,
  );
}

function withProfile(
  event: FhirAuditEvent,
  parties: AuditParties,
  interaction: 'Read' | 'Create' = 'Read',
): FhirAuditEvent {
  const profile = `IHE.BasicAudit.${parties.patient !== undefined ? 'Patient' : ''}${interaction}`;
  return { ...event, meta: { profile: [`${BALP}${profile}`] } };
}

function readOf(
  studies: readonly FhirAuditEventEntity[],
  parties: AuditParties,
  recorded: Date,
): FhirAuditEvent {
  const entity: FhirAuditEventEntity[] = [...studies];
  if (parties.patient !== undefined)
    entity.push({
      what: parties.patient,
      type: { system: ENTITY_TYPE, code: '1', display: 'Person' },
      role: { system: OBJECT_ROLE, code: '1', display: 'Patient' },
    });
  return {
    resourceType: 'AuditEvent',
    type: REST,
    subtype: [READ],
    action: 'R',
    recorded: recorded.toISOString(),
    outcome: '0',
    agent: agents(parties),
    source: {
      ...(parties.site !== undefined ? { site: parties.site } : {}),
      observer: parties.observer ?? parties.client.who,
      // security-source-type 1: User Device (the viewer records what its user saw).
      type: [
        {
          system: 'http://terminology.hl7.org/CodeSystem/security-source-type',
          code: '1',
          display: 'User Device',
        },
      ],
    },
    entity,
  };
}

/** BALP: the client is the Destination Role ID, the server the Source Role ID (data flows to the client). */
function agents(parties: AuditParties): FhirAuditEventAgent[] {
  const { user } = parties;
  return [
    {
      type: concept({ system: DCM, code: '110152', display: 'Destination Role ID' }),
      who: parties.client.who,
      requestor: false,
      network: parties.client.network,
    },
    {
      type: concept({ system: DCM, code: '110153', display: 'Source Role ID' }),
      who: parties.server.who ?? { display: new URL(parties.server.url).host },
      requestor: false,
      network: { address: parties.server.url, type: '5' },
    },
    {
      type: concept({
        system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType',
        code: 'IRCP',
        display: 'information recipient',
      }),
      who: user.who,
      requestor: true,
      ...(user.name !== undefined ? { name: user.name } : {}),
      ...(user.role !== undefined ? { role: user.role } : {}),
      ...(user.purposeOfUse !== undefined ? { purposeOfUse: user.purposeOfUse } : {}),
      ...(user.policy !== undefined ? { policy: user.policy } : {}),
    },
  ];
}

/**
 * The study read, as FHIR names an ImagingStudy by its Study Instance UID
 * (ImagingStudy.identifier: system `urn:dicom:uid`, value `urn:oid:…`); the series shown, if one.
 */
function imagingStudy(
  studyInstanceUid: string,
  seriesInstanceUid: string | undefined,
): FhirAuditEventEntity {
  return {
    what: {
      type: 'ImagingStudy',
      identifier: { system: 'urn:dicom:uid', value: `urn:oid:${studyInstanceUid}` },
    },
    type: { system: ENTITY_TYPE, code: '2', display: 'System Object' },
    role: { system: OBJECT_ROLE, code: '4', display: 'Domain Resource' },
    ...(seriesInstanceUid !== undefined
      ? { detail: [{ type: 'SeriesInstanceUID', valueString: seriesInstanceUid }] }
      : {}),
  };
}

function concept(coding: FhirCoding): FhirCodeableConcept {
  return { coding: [coding] };
}
