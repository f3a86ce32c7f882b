/**
 * The viewer's identity vigilance for one session: each study's Patient module is compared with
 * the launch identity the first time one of its series' metadata (or a report) is read, before
 * anything of it is shown. Under `block`, a study that contradicts the identity gives no images
 * and no reports: its cells say why instead.
 */
import { CourbarilError } from '../dicom/errors.js';
import type { DicomDataset } from '../dicom/dataset.js';
import { datasetFromDicomJson } from '../dicom/json-dataset.js';
import type { DicomJsonObject } from '../dicomweb/dicom-json-values.js';
import { IdentityMismatchEvent } from '../events/identity-mismatch.js';
import {
  identityMismatches,
  studyPatientOf,
  type IdentityTrait,
} from '../launch/identity-check.js';
import type { LaunchIdentity } from '../launch/launch-identity.js';
import type { PatientIdentifier } from '../launch/patient-identifier.js';

export type IdentityPolicy = 'warn' | 'block';

/** A study held back under `identityPolicy = 'block'`; names the traits, never their values. */
export class IdentityMismatchError extends CourbarilError {
  override name = 'IdentityMismatchError';
  constructor(readonly traits: readonly IdentityTrait[]) {
    super(`The study's patient differs from the launch identity (${traits.join(', ')})`);
  }
}

export interface VigilanceOptions {
  readonly identity: LaunchIdentity;
  readonly patient: PatientIdentifier | undefined;
  readonly policy: IdentityPolicy;
  /** Hears cb-identity-mismatch, once per contradicting study (the viewer element). */
  readonly target: EventTarget;
}

/** `blocked`: the policy is 'block', so the study may not be shown. */
type MismatchListener = (
  studyInstanceUid: string,
  traits: readonly IdentityTrait[],
  blocked: boolean,
) => void;

const NONE: readonly IdentityTrait[] = [];

export class IdentityVigilance {
  readonly #options: VigilanceOptions;
  readonly #studies = new Map<string, readonly IdentityTrait[]>();
  #listener: MismatchListener | undefined;
  #closed = false;

  constructor(options: VigilanceOptions) {
    this.#options = options;
  }

  /** The session's own reaction (its cells say so), after the event. */
  listen(listener: MismatchListener): void {
    this.#listener = listener;
  }

  /** The session ended: a metadata answer still in flight fires nothing. */
  close(): void {
    this.#closed = true;
  }

  /** Compares a study's patient, from one of its instances (JSON metadata or a data set). */
  inspect(studyInstanceUid: string, instance: DicomJsonObject | DicomDataset | undefined): void {
    if (instance === undefined || this.#studies.has(studyInstanceUid)) return;
    const dataset =
      'string' in instance ? (instance as DicomDataset) : datasetFromDicomJson(instance);
    const { identity, patient } = this.#options;
    const traits = identityMismatches({ identity, patient }, studyPatientOf(dataset));
    this.#studies.set(studyInstanceUid, traits);
    if (traits.length === 0 || this.#closed) return;
    const blocked = this.#options.policy === 'block';
    this.#options.target.dispatchEvent(
      new IdentityMismatchEvent({ studyInstanceUid, traits, blocked }),
    );
    this.#listener?.(studyInstanceUid, traits, blocked);
  }

  traitsOf(studyInstanceUid: string): readonly IdentityTrait[] {
    return this.#studies.get(studyInstanceUid) ?? NONE;
  }

  /** Throws IdentityMismatchError when the study may not be shown. */
  check(studyInstanceUid: string): void {
    const traits = this.traitsOf(studyInstanceUid);
    if (this.#options.policy === 'block' && traits.length > 0)
      throw new IdentityMismatchError(traits);
  }
}
