/** The identity texts that combine a table's labels with data: an INS kind, the differing traits. */
import type { IdentityTrait } from '../../events/identity-mismatch.js';
import type { IdentityStrings } from '../../i18n/strings.js';
import type { InsKind } from '../../launch/launch-identity.js';

export function insLabel(strings: IdentityStrings, kind: InsKind): string {
  return `INS (${strings.insKinds[kind]})`;
}

export function traitNames(strings: IdentityStrings, traits: readonly IdentityTrait[]): string {
  return traits.map((trait) => strings.traits[trait]).join(', ');
}
