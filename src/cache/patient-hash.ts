import { toHex, utf8Bytes } from './digest.js';

/**
 * HMAC-SHA-256 of `text` under the cache's index key, truncated to 128 bits. Every key and index
 * value the cache writes is one of these: a Patient ID (few digits, easily enumerated) or a UID
 * cannot be recovered from the disk by hashing candidates without the sealing key.
 */
export async function keyedHash(text: string, hmacKey: CryptoKey): Promise<string> {
  return toHex(await crypto.subtle.sign('HMAC', hmacKey, utf8Bytes(text))).slice(0, 32);
}

/**
 * The sealing key is non-extractable, so the HMAC key is derived by using AES as a PRF: one
 * encryption of a fixed block under a fixed all-zero IV. That IV is used for this single
 * constant message only; records use random IVs (a collision is a 2^-96 event).
 */
export async function deriveIndexKey(aesKey: CryptoKey): Promise<CryptoKey> {
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
 * Names the sealing key without revealing it: an HMAC of a constant under the derived key.
 * Stored beside each record, it lets a listing tell the records this key can open from those
 * sealed under another key (a rotated `cacheKey`) without decrypting a byte.
 */
export async function keyCheck(hmacKey: CryptoKey): Promise<string> {
  const mac = await crypto.subtle.sign('HMAC', hmacKey, utf8Bytes('courbaril key check v1'));
  return toHex(mac).slice(0, 32);
}
