import type { CacheDatabase } from './cache-schema.js';
import { deriveIndexKey, keyCheck } from './patient-hash.js';
import { RecordKeys } from './record-keys.js';

/**
 * The keys one cache seals and names its records with. Every record is sealed (AES-GCM) and
 * every key and index value is a keyed hash, with or without a host key: without one, the
 * sealing key is the device key (below).
 */
export interface CacheKeyring {
  readonly aes: CryptoKey;
  /** HMAC key derived from `aes`: record digests and the keyed hashes of `records`. */
  readonly hmac: CryptoKey;
  /** `keyCheck` of `aes`, kept beside each record. */
  readonly check: string;
  readonly records: RecordKeys;
}

export async function keyringFor(aes: CryptoKey, scope: string): Promise<CacheKeyring> {
  const hmac = await deriveIndexKey(aes);
  return { aes, hmac, check: await keyCheck(hmac), records: new RecordKeys(hmac, scope) };
}

const DEVICE_KEY_ID = 'device';

function generateAesKey(): Promise<CryptoKey> {
  // Non-extractable: script can use it, never read its bytes (WebCrypto §14.3.5 [[extractable]]).
  return crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

/** A key for this page only (memory mode, or IndexedDB unusable): nothing of it reaches disk. */
export function ephemeralKey(): Promise<CryptoKey> {
  return generateAesKey();
}

/**
 * The device key: a non-extractable AES-GCM key the cache makes itself and keeps in its own
 * database (IndexedDB stores a CryptoKey by structured clone, still non-extractable). It keeps
 * records unreadable to whoever copies the profile's files; code running in this origin can
 * still use it. Two tabs making one at once agree on the first stored.
 */
export async function deviceKey(db: CacheDatabase): Promise<CryptoKey> {
  const stored = await db.get('keys', DEVICE_KEY_ID);
  if (stored) return stored.key;
  const generated = await generateAesKey();
  const tx = db.transaction('keys', 'readwrite');
  const raced = await tx.store.get(DEVICE_KEY_ID);
  if (!raced) await tx.store.put({ id: DEVICE_KEY_ID, key: generated });
  await tx.done;
  return raced?.key ?? generated;
}

/** The device key if one was made, without making one (a clear needs no new key). */
export async function existingDeviceKey(db: CacheDatabase): Promise<CryptoKey | undefined> {
  return (await db.get('keys', DEVICE_KEY_ID))?.key;
}
