/** Browser side of the KOS fixtures (test/kos/fixtures.mjs) and of the rig's independent validators. */
import { executeServerCommand } from '@web/test-runner-commands';
import { decodeBase64, encodeBase64 } from '../../src/dicom/base64.js';

export interface FixtureReference {
  readonly studyInstanceUid: string;
  readonly seriesInstanceUid: string;
  readonly sopClassUid: string;
  readonly sopInstanceUid: string;
  readonly frames: readonly number[];
}

export interface FixtureDocument {
  readonly sopInstanceUid: string;
  readonly seriesInstanceUid: string;
  readonly studyInstanceUid: string;
  readonly references: readonly FixtureReference[];
}

export interface KosManifest {
  readonly patient: { readonly patientId: string; readonly issuerOfPatientId: string };
  readonly currentCt: string;
  readonly priorCt: string;
  readonly currentSeries: string;
  readonly priorSeries: string;
  readonly manifestTwoStudies: FixtureDocument;
  readonly keyImages: FixtureDocument;
  readonly rejection: FixtureDocument;
  readonly drimbox: FixtureDocument & {
    readonly retrieveAeTitle: string;
    readonly retrieveLocationUid: string;
    readonly retrieveRoot: string;
  };
}

export interface KosFixtures {
  readonly manifest: KosManifest;
  /** Part 10 bytes by file name (files/ and part10/ of test/.tmp/kos). */
  readonly files: Readonly<Record<string, Uint8Array>>;
}

let fixtures: Promise<KosFixtures> | undefined;

/** Makes the fixtures and uploads part10/ to the rig's Orthanc, once per test file. */
export function kosFixtures(): Promise<KosFixtures> {
  fixtures ??= (async () => {
    const answer = await executeServerCommand<
      {
        manifest: KosManifest;
        files: Record<string, string>;
      },
      unknown
    >('kos-fixtures');
    const files: Record<string, Uint8Array> = {};
    for (const [name, base64] of Object.entries(answer.files)) files[name] = decodeBase64(base64);
    return { manifest: answer.manifest, files };
  })();
  return fixtures;
}

export function fixtureFile(all: KosFixtures, name: string): Uint8Array {
  const bytes = all.files[name];
  if (bytes === undefined) throw new Error(`no KOS fixture ${name}`);
  return bytes;
}

export interface ValidatorRun {
  readonly status: number | null;
  readonly output: string;
}

/** dciodvfy and dsrdump run on these bytes by the rig (test/kos/validate-dicom.mjs). */
export async function validateDicom(
  bytes: Uint8Array,
): Promise<{ dciodvfy: ValidatorRun; dsrdump: ValidatorRun }> {
  return executeServerCommand<{ dciodvfy: ValidatorRun; dsrdump: ValidatorRun }, unknown>(
    'dicom-validate',
    { base64: encodeBase64(bytes) },
  );
}

/** dciodvfy's error lines (it reports errors and warnings on one stream, one per line). */
export function errorLines(output: string): string[] {
  return output.split('\n').filter((line) => /^\s*Error\b/.test(line) || /^E:/.test(line));
}

/**
 * Deletes an instance a test stored (through the runner's same-origin /orthanc proxy and Orthanc's
 * REST API), so later test files find the server as the fixtures left it.
 */
export async function deleteFromOrthanc(sopInstanceUid: string): Promise<void> {
  const lookup = await fetch('/orthanc/tools/lookup', { method: 'POST', body: sopInstanceUid });
  const found = (await lookup.json()) as { ID: string; Type: string }[];
  for (const item of found.filter((entry) => entry.Type === 'Instance')) {
    const deleted = await fetch(`/orthanc/instances/${item.ID}`, { method: 'DELETE' });
    if (!deleted.ok)
      throw new Error(`Orthanc refused to delete a test instance (${deleted.status})`);
  }
}
