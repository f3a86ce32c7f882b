/**
 * Identity vigilance: a study's Patient module contradicts the identity the launch gave the
 * viewer (`identity`). The detail names the traits that differ, never their values, so a host can
 * log it and declare the event to its identity vigilance cell; the Study Instance UID lets the
 * archive's team find the mislabelled study.
 */

/** A strict identity trait, or an identifier, on which a study and the launch disagree. */
export type IdentityTrait =
  'birth-name' | 'given-name' | 'birth-date' | 'sex' | 'patient-id' | 'ins';

export interface IdentityMismatchDetail {
  readonly studyInstanceUid: string;
  /** The traits that differ, in a fixed order (birth-name, given-name, birth-date, sex, patient-id, ins). */
  readonly traits: readonly IdentityTrait[];
  /** `identityPolicy` is `block`: the study's images and reports are not shown. */
  readonly blocked: boolean;
}

/** Fired once per study, when its metadata is first read (before any of its images is shown). */
export class IdentityMismatchEvent extends Event {
  static readonly eventName = 'cb-identity-mismatch';
  constructor(readonly detail: IdentityMismatchDetail) {
    super(IdentityMismatchEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cb-identity-mismatch': IdentityMismatchEvent;
  }
}
