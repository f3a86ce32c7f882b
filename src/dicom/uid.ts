/**
 * UIDs (PS3.5 §9): checking one before it goes into a URL or a file, and making new ones.
 */

/**
 * PS3.5 §9.1: components of digits separated by dots, at most 64 characters. Leading zeros, which
 * §9.1 forbids, are let through as the DICOMweb client lets them through: real archives hold some.
 */
export function isDicomUid(text: string): boolean {
  return text.length <= 64 && /^[0-9]+(\.[0-9]+)*$/.test(text);
}

/**
 * A new UID under the root 2.25 (PS3.5 §B.2): a random (version 4) UUID as one decimal integer.
 * `crypto.getRandomValues` rather than `randomUUID`, which pages served over plain HTTP lack.
 */
export function createUid(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return `2.25.${value.toString()}`;
}
