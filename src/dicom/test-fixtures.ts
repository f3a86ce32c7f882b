/** Loads what scripts/test/fixtures-dicom.mjs wrote (pydicom's view of the test files). Tests only. */
import type { DicomJsonObject } from './json-dataset.js';

export interface ExpectedValue {
  readonly keyword: string;
  readonly vr: string;
  readonly values: readonly (string | number | null)[];
}

export interface ExpectedFile {
  readonly name: string;
  readonly group: 'test_files' | 'charset' | 'generated';
  readonly url: string;
  readonly pydicom: 'ok' | 'error';
  readonly forced?: boolean;
  readonly transferSyntaxUid?: string | null;
  readonly selected?: Readonly<Record<string, ExpectedValue>>;
  readonly text?: Readonly<Record<string, readonly (string | null)[]>>;
  readonly json?: DicomJsonObject;
  readonly frames?: readonly string[] | null;
  readonly expectedFrames?: readonly string[];
}

export interface Expected {
  readonly pydicomVersion: string;
  readonly files: readonly ExpectedFile[];
  readonly patientNames: readonly { readonly file: string; readonly patientName: string }[];
  readonly encodedNames: readonly {
    readonly url: string;
    readonly charset: string;
    readonly patientName: string;
  }[];
}

let expected: Promise<Expected> | undefined;

export function loadExpected(): Promise<Expected> {
  expected ??= fetch('/test/.tmp/dicom/expected.json').then(async (response) => {
    if (!response.ok)
      throw new Error(
        'Missing test/.tmp/dicom/expected.json: run node scripts/test/fixtures-dicom.mjs',
      );
    return (await response.json()) as Expected;
  });
  return expected;
}

export async function fetchBytes(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Cannot fetch ${url}`);
  return new Uint8Array(await response.arrayBuffer());
}

export async function sha256(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes.slice());
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}
