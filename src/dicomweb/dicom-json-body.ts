import { DicomParseError } from '../dicom/errors.js';
import { readBoundedBody } from './bounded-body.js';
import type { DicomJsonObject } from './dicom-json-values.js';
import type { DicomwebOperation } from './errors.js';

/**
 * A QIDO-RS or metadata body (PS3.18 F.2: an array of DICOM JSON objects), read within a size
 * cap and a stall guard (bounded-body.ts). Not JSON, or not an array: DicomParseError, never
 * a raw SyntaxError.
 */
export async function readDicomJsonBody(
  response: Response,
  operation: DicomwebOperation,
  maxBytes: number,
  stallTimeoutMs: number,
): Promise<DicomJsonObject[]> {
  const body = await readBoundedBody(response, operation, 'json', maxBytes, stallTimeoutMs);
  const text = new TextDecoder().decode(body);
  if (!text.trim()) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new DicomParseError('The DICOM JSON response is not valid JSON', 0);
  }
  if (!Array.isArray(parsed))
    throw new DicomParseError('The DICOM JSON response is not an array', 0);
  return parsed as DicomJsonObject[];
}
