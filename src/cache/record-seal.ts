import type { CacheKeyring } from './cache-keyring.js';
import { asBufferSource, toHex, utf8Bytes } from './digest.js';

/**
 * The stored form of a frame, metadata or poster payload: always AES-GCM ciphertext. The
 * plaintext's length and keyed digest are kept beside it so a truncated or bit-flipped record
 * is detected and dropped rather than shown.
 */
export interface SealedPayload {
  readonly payload: Blob;
  readonly plainLength: number;
  /**
   * HMAC-SHA-256 of the plaintext under the index key (hex): equal digests mean equal content
   * for one key, and a digest tells nothing of the content without it.
   */
  readonly digest: string;
  /** 96-bit AES-GCM IV. */
  readonly iv: Uint8Array<ArrayBuffer>;
}

/** A few bytes sealed in the record itself (a poster's frame reference), read without a Blob. */
export interface SealedField {
  readonly cipher: ArrayBuffer;
  readonly iv: Uint8Array<ArrayBuffer>;
}

/** Why a record could not be opened: every reason means "drop it and refetch". */
export type UnsealFailure = 'decrypt' | 'integrity' | 'policy';

export type UnsealResult =
  | { readonly ok: true; readonly bytes: Uint8Array }
  | { readonly ok: false; readonly reason: UnsealFailure };

/** NIST SP 800-38D §8.2.2: a random 96-bit IV per record under one key. */
const IV_BYTES = 12;

export async function digestOf(bytes: Uint8Array, keyring: CacheKeyring): Promise<string> {
  return toHex(await crypto.subtle.sign('HMAC', keyring.hmac, asBufferSource(bytes)));
}

/**
 * `recordId` becomes AES-GCM additional data: a record copied under another key fails
 * authentication, so records cannot be swapped between frames, series or patients.
 */
export async function sealPayload(
  plain: Uint8Array,
  recordId: string,
  keyring: CacheKeyring,
): Promise<SealedPayload> {
  const source = asBufferSource(plain);
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const [digest, cipher] = await Promise.all([
    digestOf(source, keyring),
    crypto.subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData: utf8Bytes(recordId) },
      keyring.aes,
      source,
    ),
  ]);
  return { payload: new Blob([cipher]), plainLength: source.byteLength, digest, iv };
}

export async function sealField(
  text: string,
  recordId: string,
  keyring: CacheKeyring,
): Promise<SealedField> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const cipher = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: utf8Bytes(recordId) },
    keyring.aes,
    utf8Bytes(text),
  );
  return { cipher, iv };
}

/** The field's text, or undefined when it does not decrypt under this key and record. */
export async function openField(
  field: SealedField,
  recordId: string,
  keyring: CacheKeyring,
): Promise<string | undefined> {
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: field.iv, additionalData: utf8Bytes(recordId) },
      keyring.aes,
      field.cipher,
    );
    return new TextDecoder().decode(plain);
  } catch {
    return undefined;
  }
}

/** What a record costs on disk, for the size budget. */
export function storedSize(sealed: SealedPayload): number {
  // Keys, indexes and clear fields cost a few hundred bytes per record in Chromium's LevelDB.
  return sealed.payload.size + sealed.iv.byteLength + 256;
}

/** AES-GCM appends a 128-bit authentication tag (NIST SP 800-38D §5.2.1.2; WebCrypto's default tagLength). */
const TAG_BYTES = 16;

/**
 * What can be told of a record without reading its payload: sealed (records of schema 2 and
 * earlier could be in clear; schema 3 drops them) and of the length its plaintext implies.
 */
export function looksOpenable(record: SealedPayload): boolean {
  return record.iv instanceof Uint8Array && record.payload.size === record.plainLength + TAG_BYTES;
}

/** The plaintext, checked against its length and digest; any failure means "drop it". */
export async function unsealPayload(
  record: SealedPayload,
  recordId: string,
  keyring: CacheKeyring,
): Promise<UnsealResult> {
  if (!looksOpenable(record)) return { ok: false, reason: 'policy' };
  let bytes: Uint8Array;
  try {
    const stored = await record.payload.arrayBuffer();
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: record.iv, additionalData: utf8Bytes(recordId) },
      keyring.aes,
      stored,
    );
    bytes = new Uint8Array(plain);
  } catch {
    return { ok: false, reason: 'decrypt' };
  }
  if (bytes.byteLength !== record.plainLength || (await digestOf(bytes, keyring)) !== record.digest)
    return { ok: false, reason: 'integrity' };
  return { ok: true, bytes };
}

/** A wrong key is a host programming error: refused at once, not discovered on the first put. */
export function assertEncryptionKey(key: CryptoKey): void {
  const usable =
    key.algorithm.name === 'AES-GCM' &&
    key.usages.includes('encrypt') &&
    key.usages.includes('decrypt');
  if (!usable)
    throw new TypeError('The cache key must be an AES-GCM CryptoKey usable to encrypt and decrypt');
}
