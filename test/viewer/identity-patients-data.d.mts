import type { LaunchIdentity } from '../../src/launch/launch-identity.js';

export interface IdentityStudy {
  readonly study: string;
  readonly series: string;
}

export interface IdentityPatients {
  readonly patientId: string;
  readonly issuer: string;
  readonly right: IdentityStudy;
  readonly caseAndAccents: IdentityStudy;
  readonly wrongGiven: IdentityStudy;
  readonly wrongBirthAndSex: IdentityStudy;
  readonly wrongIns: IdentityStudy;
}

export declare const INS_TEST_OID: string;
export declare const INS: string;
export declare const OTHER_INS: string;
export declare const IDENTITY: LaunchIdentity;

export declare function makeIdentityPatients(
  store: (bytes: Uint8Array<ArrayBuffer>) => Promise<void>,
): Promise<IdentityPatients>;
