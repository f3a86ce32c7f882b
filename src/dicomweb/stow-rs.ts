/**
 * STOW-RS (PS3.18 10.5): stores Part 10 instances on the DICOMweb server the client talks to, as
 * one multipart/related; type="application/dicom" request (what Orthanc and every STOW-RS origin
 * server accept; DICOM JSON with bulk data is optional in PS3.18 10.5.2). It goes through the one
 * request path (DicomwebTransport): the host's headers, `refreshToken` on a 401, and only to an
 * origin that gets credentials. It is not retried after a failure the client cannot see the end
 * of: the server may have stored it, and storing the same SOP Instance twice is the server's call.
 */
import { DicomParseError } from '../dicom/errors.js';
import { CourbarilError } from '../dicom/errors.js';
import { createUid } from '../dicom/uid.js';
import { readBoundedBody } from './bounded-body.js';
import { jsonNumber, jsonString, jsonValues, type DicomJsonObject } from './dicom-json-values.js';
import type { DicomwebClient } from './dicomweb-client.js';
import { uid } from './qido-query.js';
import {
  FailedSOPSequence,
  FailureReason,
  ReferencedSOPClassUID,
  ReferencedSOPInstanceUID,
  ReferencedSOPSequence,
  RetrieveURL,
} from '../dicom/tags.generated.js';

export interface StoredInstance {
  readonly sopClassUid: string | undefined;
  readonly sopInstanceUid: string;
  /** Where the server says the instance can be retrieved (PS3.18 Table 10.5.3-1), if it says. */
  readonly retrieveUrl: string | undefined;
}

export interface StoreResult {
  readonly stored: readonly StoredInstance[];
}

export interface StoreOptions {
  /** Store into this study only (PS3.18 10.5.1: `/studies/{uid}`); the server refuses others. */
  readonly studyInstanceUid?: string;
  readonly signal?: AbortSignal;
}

/**
 * The server answered, but did not store every instance: `failures` lists each refused one with
 * its Failure Reason (PS3.18 Table 10.5.3-2 / PS3.4 Annex GG, e.g. 0xA700 out of resources,
 * 0xC000 cannot understand); an instance the answer does not name at all has reason undefined.
 * The message gives counts only.
 */
export class StoreFailedError extends CourbarilError {
  override name = 'StoreFailedError';
  constructor(
    readonly failures: readonly {
      readonly sopInstanceUid: string;
      readonly failureReason: number | undefined;
    }[],
    readonly stored: readonly StoredInstance[],
  ) {
    super(`STOW-RS stored ${stored.length} instance(s) and refused ${failures.length}`);
  }
}

/**
 * Stores Part 10 instances; resolves once the server has stored all of them, each named in its
 * answer. `expected` are their SOP Instance UIDs, in order, to check the answer against.
 */
export async function storeInstances(
  client: DicomwebClient,
  instances: readonly { readonly part10: Uint8Array; readonly sopInstanceUid: string }[],
  options: StoreOptions = {},
): Promise<StoreResult> {
  const boundary = `courbaril-${createUid().slice(5, 37)}`;
  const parts: BlobPart[] = [];
  for (const instance of instances) {
    parts.push(`--${boundary}\r\nContent-Type: application/dicom\r\n\r\n`);
    parts.push(new Uint8Array(instance.part10));
    parts.push('\r\n');
  }
  parts.push(`--${boundary}--\r\n`);
  const body = new Blob(parts);
  const url =
    options.studyInstanceUid !== undefined
      ? `${client.url}/studies/${uid(options.studyInstanceUid)}`
      : `${client.url}/studies`;
  const response = await client.transport.request(url, {
    operation: 'store',
    method: 'POST',
    body,
    accept: 'application/dicom+json, application/json',
    headers: {
      'Content-Type': `multipart/related; type="application/dicom"; boundary=${boundary}`,
    },
    signal: options.signal,
    // PS3.18 10.5.3: 409 Conflict when no instance was stored; its body says why for each.
    answeredStatuses: [409],
  });
  const answer = await readStoreAnswer(response, client);
  const stored = jsonSequence(answer, ReferencedSOPSequence).map((item) => ({
    sopClassUid: jsonString(item, ReferencedSOPClassUID),
    sopInstanceUid: jsonString(item, ReferencedSOPInstanceUID) ?? '',
    retrieveUrl: jsonString(item, RetrieveURL),
  }));
  const failed = new Map(
    jsonSequence(answer, FailedSOPSequence).map((item) => [
      jsonString(item, ReferencedSOPInstanceUID) ?? '',
      jsonNumber(item, FailureReason),
    ]),
  );
  const storedUids = new Set(stored.map((item) => item.sopInstanceUid));
  const failures = instances
    .filter((instance) => !storedUids.has(instance.sopInstanceUid))
    .map((instance) => ({
      sopInstanceUid: instance.sopInstanceUid,
      failureReason: failed.get(instance.sopInstanceUid),
    }));
  if (failures.length > 0) throw new StoreFailedError(failures, stored);
  return { stored };
}

/** PS3.18 10.5.3: the answer is one DICOM JSON data set (some servers wrap it in an array). */
async function readStoreAnswer(
  response: Response,
  client: DicomwebClient,
): Promise<DicomJsonObject> {
  const bytes = await readBoundedBody(
    response,
    'store',
    'json',
    client.maxJsonBytes,
    client.stallTimeoutMs,
  );
  const text = new TextDecoder().decode(bytes).trim();
  if (text === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new DicomParseError('The STOW-RS response is not valid JSON', 0);
  }
  const answer: unknown = Array.isArray(parsed) ? parsed[0] : parsed;
  if (typeof answer !== 'object' || answer === null)
    throw new DicomParseError('The STOW-RS response is not a DICOM JSON data set', 0);
  return answer as DicomJsonObject;
}

function jsonSequence(json: DicomJsonObject, tag: number): DicomJsonObject[] {
  return jsonValues(json, tag).filter(
    (item): item is DicomJsonObject => typeof item === 'object' && item !== null,
  );
}
