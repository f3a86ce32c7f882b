/**
 * Trusted Types (W3C Trusted Types §4): on a page served with
 * `Content-Security-Policy: require-trusted-types-for 'script'`, `new Worker(url)` throws
 * unless `url` is a TrustedScriptURL. Courbaril makes them through its own policy,
 * `courbaril`, which lets through only the one URL it is about to start a worker from; a
 * page that lists allowed policies (`trusted-types …`) adds `courbaril` to the list, or
 * starts workers itself through `configureWorkers({ createWorker })`.
 */
import { DecodeError } from '../dicom/errors.js';

export const TRUSTED_TYPES_POLICY = 'courbaril';

/** The two members of the Trusted Types API used here (not in TypeScript's DOM library). */
interface TrustedTypePolicy {
  createScriptURL(input: string): unknown;
}
interface TrustedTypePolicyFactory {
  createPolicy(
    name: string,
    rules: { createScriptURL: (input: string) => string },
  ): TrustedTypePolicy;
}

/** What the Worker constructor accepts: a string, or a TrustedScriptURL typed as string. */
export type ScriptUrl = string;

let policy: TrustedTypePolicy | undefined;
let expected: string | undefined;

/** `url` as the Worker constructor accepts it on this page: a TrustedScriptURL where the API exists. */
export function trustedScriptUrl(url: string): ScriptUrl {
  const factory = (globalThis as { trustedTypes?: TrustedTypePolicyFactory }).trustedTypes;
  if (!factory) return url;
  try {
    policy ??= factory.createPolicy(TRUSTED_TYPES_POLICY, {
      createScriptURL: (input) => {
        if (input !== expected) throw new TypeError('Courbaril: unexpected worker script URL');
        return input;
      },
    });
  } catch (error) {
    throw new DecodeError(
      `The page's Content-Security-Policy refused the Trusted Types policy "${TRUSTED_TYPES_POLICY}": ` +
        `add it to the trusted-types directive, or start workers with configureWorkers({ createWorker }) ` +
        `(${error instanceof Error ? error.message : String(error)})`,
    );
  }
  expected = url;
  try {
    // A TrustedScriptURL: the Worker constructor takes it where it takes a string.
    return policy.createScriptURL(url) as ScriptUrl;
  } finally {
    expected = undefined;
  }
}
