/**
 * Deterministic UIDs: the same name always gives the same UID, so the demo
 * data is byte-identical from one run (or machine) to the next.
 */
import { createHash } from 'node:crypto';

/** Namespace UUID of the demo data set (random once, fixed forever). */
const NAMESPACE = Buffer.from('6f1c3a52b8e44d7a9c0e2d5b7a13f948', 'hex');

/**
 * A name-based (version 5, SHA-1) UUID written as a UID under the 2.25 root,
 * as PS3.5 §B.2 defines for UUID-derived UIDs.
 *
 * @param {string} name e.g. `current/ct/series`
 * @returns {string}
 */
export function uidFor(name) {
  const hash = createHash('sha1').update(NAMESPACE).update(name, 'utf8').digest();
  const uuid = Buffer.from(hash.subarray(0, 16));
  uuid[6] = ((uuid[6] ?? 0) & 0x0f) | 0x50;
  uuid[8] = ((uuid[8] ?? 0) & 0x3f) | 0x80;
  return `2.25.${BigInt(`0x${uuid.toString('hex')}`).toString(10)}`;
}
