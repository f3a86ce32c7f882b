/**
 * Trusted Types (W3C Trusted Types §4): on a page served with
 * `Content-Security-Policy: require-trusted-types-for 'script'`, `new Worker(url)` and
 * `<object data>` throw unless given a TrustedScriptURL. Courbaril makes them through its own
 * policy, `courbaril`, which lets through only the one URL Courbaril itself is converting at
 * that moment (a worker script, a `blob:` URL it made). A page that lists allowed policies
 * (`trusted-types …`) adds `courbaril` to the list, or starts workers itself through
 * `configureWorkers({ createWorker })`.
 */
import { CourbarilError } from '../dicom/errors.js';

export const TRUSTED_TYPES_POLICY = 'courbaril';

/** The page's CSP refused the `courbaril` Trusted Types policy. */
export class TrustedTypesPolicyError extends CourbarilError {
  override name = 'TrustedTypesPolicyError';
  constructor(reason: string) {
    super(
      `The page's Content-Security-Policy refused the Trusted Types policy "${TRUSTED_TYPES_POLICY}": ` +
        `add it to the trusted-types directive, or start workers with configureWorkers({ createWorker }) (${reason})`,
    );
  }
}

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

/** What script-URL sinks accept: a string, or a TrustedScriptURL (typed as string here). */
export type ScriptUrl = string;

let policy: TrustedTypePolicy | undefined;
let expected: string | undefined;

/**
 * `url` as script-URL sinks accept it on this page: a TrustedScriptURL where the API exists,
 * else the string. Throws TrustedTypesPolicyError when the page refuses the policy.
 */
export function trustedScriptUrl(url: string): ScriptUrl {
  const factory = (globalThis as { trustedTypes?: TrustedTypePolicyFactory }).trustedTypes;
  if (!factory) return url;
  try {
    policy ??= factory.createPolicy(TRUSTED_TYPES_POLICY, {
      createScriptURL: (input) => {
        if (input !== expected) throw new TypeError('Courbaril: unexpected script URL');
        return input;
      },
    });
  } catch (error) {
    throw new TrustedTypesPolicyError(error instanceof Error ? error.message : String(error));
  }
  expected = url;
  try {
    // A TrustedScriptURL: the sinks take it where they take a string.
    return policy.createScriptURL(url) as ScriptUrl;
  } finally {
    expected = undefined;
  }
}
