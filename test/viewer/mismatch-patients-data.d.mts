export interface MismatchStudy {
  readonly study: string;
  readonly series: readonly string[];
}

export interface MismatchPatients {
  readonly patientId: string;
  readonly issuer: string;
  readonly own: MismatchStudy;
  readonly twin: MismatchStudy;
  readonly namesake: MismatchStudy;
}

export declare function makeMismatchPatients(
  store: (bytes: Uint8Array<ArrayBuffer>) => Promise<void>,
): Promise<MismatchPatients>;
