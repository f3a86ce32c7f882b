/**
 * The few FHIR R4 data types an AuditEvent (http://hl7.org/fhir/R4/auditevent.html) is made of,
 * as plain JSON shapes: what `auditEventFor` returns is ready for `JSON.stringify` and a POST to
 * an audit record repository (`Content-Type: application/fhir+json`).
 */
export interface FhirCoding {
  readonly system?: string;
  readonly code?: string;
  readonly display?: string;
}

export interface FhirCodeableConcept {
  readonly coding?: readonly FhirCoding[];
  readonly text?: string;
}

export interface FhirIdentifier {
  readonly system?: string;
  readonly value?: string;
}

export interface FhirReference {
  /** A literal reference, e.g. `Practitioner/123` or `Device/viewer`. */
  readonly reference?: string;
  /** The resource type when only an identifier is known, e.g. `ImagingStudy`. */
  readonly type?: string;
  readonly identifier?: FhirIdentifier;
  readonly display?: string;
}

export interface FhirAuditEventNetwork {
  readonly address: string;
  /** 1 machine name, 2 IP address, 5 URI (http://hl7.org/fhir/network-type). */
  readonly type: '1' | '2' | '3' | '4' | '5';
}

export interface FhirAuditEventAgent {
  readonly type: FhirCodeableConcept;
  readonly role?: readonly FhirCodeableConcept[];
  readonly who: FhirReference;
  readonly name?: string;
  readonly requestor: boolean;
  readonly policy?: readonly string[];
  readonly network?: FhirAuditEventNetwork;
  readonly purposeOfUse?: readonly FhirCodeableConcept[];
}

export interface FhirAuditEventEntity {
  readonly what: FhirReference;
  readonly type: FhirCoding;
  readonly role: FhirCoding;
  readonly detail?: readonly { readonly type: string; readonly valueString: string }[];
}

export interface FhirAuditEvent {
  readonly resourceType: 'AuditEvent';
  readonly meta?: { readonly profile: readonly string[] };
  readonly type: FhirCoding;
  readonly subtype: readonly FhirCoding[];
  /** C create, R read/view/print, U update, D delete, E execute. */
  readonly action: 'C' | 'R' | 'U' | 'D' | 'E';
  /** When the event happened (ISO 8601 instant). */
  readonly recorded: string;
  /** 0 success, 4 minor failure, 8 serious failure, 12 major failure. */
  readonly outcome: '0' | '4' | '8' | '12';
  readonly outcomeDesc?: string;
  readonly agent: readonly FhirAuditEventAgent[];
  readonly source: {
    readonly site?: string;
    readonly observer: FhirReference;
    readonly type?: readonly FhirCoding[];
  };
  readonly entity: readonly FhirAuditEventEntity[];
}
