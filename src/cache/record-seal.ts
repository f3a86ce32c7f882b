import { asBufferSource, sha256Hex, utf8Bytes } from './digest.js';

/**
 * The stored form of a frame or metadata payload. The plaintext's length and SHA-256 are kept
 * beside it so a truncated or bit-flipped record is detected and dropped rather than shown.
 */
export interface SealedPayload {
  readonly payload: Blob;
  readonly plainLength: number;
  readonly sha256: string;
  /** 96-bit AES-GCM IV, or null for a record stored without encryption. */
  readonly iv: Uint8Array<ArrayBuffer> | null;
}

/** Why a record could not be opened: every reason means "drop it and refetch". */
export type UnsealFailure = 'decrypt' | 'integrity' | 'policy';

export type UnsealResult =
  | { readonly ok: true; readonly bytes: Uint8Array }
  | { readonly ok: false; readonly reason: UnsealFailure };

/** NIST SP 800-38D §8.2.2: a random 96-bit IV per record under one key. */
const IV_BYTES = 12;

/**
 * `recordId` becomes AES-GCM additional data: a record copied under another key fails
 * authentication, so records cannot be swapped between frames, series or patients.
 */
export async function sealPayload(
  plain: Uint8Array,
  recordId: string,
  key: CryptoKey | undefined,
): Promise<SealedPayload> {
  const source = asBufferSource(plain);
  const sha256 = await sha256Hex(source);
  if (!key)
    return { payload: new Blob([source]), plainLength: source.byteLength, sha256, iv: null };
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const cipher = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: utf8Bytes(recordId) },
    key,
    source,
  );
  return { payload: new Blob([cipher]), plainLength: source.byteLength, sha256, iv };
}

/** What a record costs on disk, for the size budget. */
export function storedSize(sealed: SealedPayload): number {
  // Keys, indexes and clear fields cost a few hundred bytes per record in Chromium's LevelDB.
  return sealed.payload.size + (sealed.iv?.byteLength ?? 0) + 256;
}

/** AES-GCM appends a 128-bit authentication tag (NIST SP 800-38D §5.2.1.2; WebCrypto's default tagLength). */
const TAG_BYTES = 16;

/**
 * What can be told of a record without reading its payload: stored under the current
 * encryption policy (see `unsealPayload`) and of the length its plaintext implies.
 */
export function looksOpenable(record: SealedPayload, key: CryptoKey | undefined): boolean {
  if (Boolean(key) !== (record.iv !== null)) return false;
  return record.payload.size === record.plainLength + (key ? TAG_BYTES : 0);
}

/**
 * With a key, only records encrypted under it open; without one, only clear records do
 * ('policy'): turning encryption on never serves what was stored in clear before.
 */
export async function unsealPayload(
  record: SealedPayload,
  recordId: string,
  key: CryptoKey | undefined,
): Promise<UnsealResult> {
  if (Boolean(key) !== (record.iv !== null)) return { ok: false, reason: 'policy' };
  let bytes: Uint8Array;
  try {
    const stored = await record.payload.arrayBuffer();
    if (key && record.iv) {
      const plain = await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: record.iv, additionalData: utf8Bytes(recordId) },
        key,
        stored,
      );
      bytes = new Uint8Array(plain);
    } else {
      bytes = new Uint8Array(stored);
    }
  } catch {
    return { ok: false, reason: 'decrypt' };
  }
  if (bytes.byteLength !== record.plainLength || (await sha256Hex(bytes)) !== record.sha256) {
    return { ok: false, reason: 'integrity' };
  }
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
