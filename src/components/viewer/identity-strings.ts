import type { IdentityTrait } from '../../events/identity-mismatch.js';
import type { InsKind } from '../../launch/launch-identity.js';
import type { Locale } from '../../i18n/strings.js';

/** The identity banner's and the mismatch notices' texts (labels only: values come from data). */
export interface IdentityStrings {
  readonly banner: string;
  readonly bornOn: string;
  readonly sex: Readonly<Record<'F' | 'M' | 'O', string>>;
  readonly ins: (kind: InsKind) => string;
  readonly qualified: string;
  /** RNIV: no INS is shown for an identity that is not qualified. */
  readonly notQualified: string;
  readonly birthplace: string;
  readonly mismatch: (traits: readonly IdentityTrait[]) => string;
  readonly blocked: (traits: readonly IdentityTrait[]) => string;
}

const TRAITS: Readonly<Record<Locale, Readonly<Record<IdentityTrait, string>>>> = {
  en: {
    'birth-name': 'birth name',
    'given-name': 'first given name',
    'birth-date': 'birth date',
    sex: 'sex',
    'patient-id': 'patient ID',
    ins: 'INS',
  },
  fr: {
    'birth-name': 'nom de naissance',
    'given-name': 'premier prénom',
    'birth-date': 'date de naissance',
    sex: 'sexe',
    'patient-id': 'identifiant patient',
    ins: 'INS',
  },
};

const INS_KINDS: Readonly<Record<InsKind, string>> = {
  'INS-NIR': 'NIR',
  'INS-NIA': 'NIA',
  'INS-NIR-TEST': 'NIR test',
  'INS-NIR-DEMO': 'NIR démo',
};

const en: IdentityStrings = {
  banner: 'Patient identity from the launch',
  bornOn: 'born',
  sex: { F: 'female', M: 'male', O: 'other' },
  ins: (kind) => `INS (${INS_KINDS[kind]})`,
  qualified: 'qualified identity',
  notQualified: 'identity not qualified: INS not shown',
  birthplace: 'birthplace',
  mismatch: (traits) =>
    `Identity check: this study's patient differs (${traits.map((t) => TRAITS.en[t]).join(', ')})`,
  blocked: (traits) =>
    `Images withheld: this study's patient differs (${traits.map((t) => TRAITS.en[t]).join(', ')})`,
};

const fr: IdentityStrings = {
  banner: 'Identité du patient transmise au lancement',
  bornOn: 'né(e) le',
  sex: { F: 'féminin', M: 'masculin', O: 'autre' },
  ins: (kind) => `INS (${INS_KINDS[kind]})`,
  qualified: 'identité qualifiée',
  notQualified: 'identité non qualifiée : INS non affiché',
  birthplace: 'lieu de naissance',
  mismatch: (traits) =>
    `Vigilance identité : le patient de cet examen diffère (${traits.map((t) => TRAITS.fr[t]).join(', ')})`,
  blocked: (traits) =>
    `Images masquées : le patient de cet examen diffère (${traits.map((t) => TRAITS.fr[t]).join(', ')})`,
};

export function identityStringsFor(locale: Locale): IdentityStrings {
  return locale === 'fr' ? fr : en;
}
