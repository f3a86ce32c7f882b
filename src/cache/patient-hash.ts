import type { PatientRef, SeriesKey } from './cache-keys.js';
import { toHex, utf8Bytes } from './digest.js';

/**
 * Index key for a patient. Without encryption the hash is plain SHA-256 (the metadata is in
 * clear anyway). With encryption it is an HMAC under a key derived from the host's AES-GCM key,
 * so a patient ID (few digits, easily enumerated) cannot be recovered from the index by
 * hashing candidates without the host's key.
 */
export async function patientHash(
  patient: PatientRef,
  hmacKey: CryptoKey | undefined,
): Promise<string> {
  // PS3.5 §6.2 (LO): leading and trailing spaces are not significant.
  return keyedHash(`${(patient.issuer ?? '').trim()}\u0000${patient.patientId.trim()}`, hmacKey);
}

/** SHA-256 of `text`, or its HMAC under the key derived from the host's (see `patientHash`). */
export async function keyedHash(text: string, hmacKey: CryptoKey | undefined): Promise<string> {
  const bytes = utf8Bytes(text);
  const mac = hmacKey
    ? await crypto.subtle.sign('HMAC', hmacKey, bytes)
    : await crypto.subtle.digest('SHA-256', bytes);
  return toHex(mac);
}

/**
 * The host's key is non-extractable, so the HMAC key is derived by using AES as a PRF: one
 * encryption of a fixed block under a fixed all-zero IV. That IV is used for this single
 * constant message only; records use random IVs (a collision is a 2^-96 event).
 */
export async function derivePatientHashKey(aesKey: CryptoKey): Promise<CryptoKey> {
  const derived = await crypto.subtle.encrypt(
    {
      name: 'AES-GCM',
      iv: new Uint8Array(12),
      additionalData: utf8Bytes('courbaril patient index v1'),
    },
    aesKey,
    new Uint8Array(32),
  );
  return crypto.subtle.importKey(
    'raw',
    derived.slice(0, 32),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
}

/**
 * Names the host's key without revealing it: an HMAC of a constant under the derived key.
 * Stored beside each frame, it lets a listing tell the frames this key can open from those
 * sealed under another key (a rotated `cacheKey`) without decrypting a byte.
 */
export async function keyCheck(hmacKey: CryptoKey): Promise<string> {
  const mac = await crypto.subtle.sign('HMAC', hmacKey, utf8Bytes('courbaril key check v1'));
  return toHex(mac).slice(0, 32);
}

/**
 * The key a search (a QIDO request naming a patient) is cached under: a series record whose
 * "study" is not a UID (PS3.5 §9.1: digits and dots) and whose "series" is a keyed hash of the
 * request, which may hold patient data.
 */
export async function searchSeriesKey(
  server: string,
  request: string,
  hmacKey: CryptoKey | undefined,
): Promise<SeriesKey> {
  const id = await keyedHash(`search\u0000${request}`, hmacKey);
  return { server, studyInstanceUid: 'search', seriesInstanceUid: id };
}
