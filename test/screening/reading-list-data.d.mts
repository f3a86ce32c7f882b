export interface ScreeningStudy {
  readonly study: string;
  readonly series: string;
  readonly accessionNumber: string;
  /** 'RCC', 'LMLO' … → SOP Instance UID. */
  readonly sop: Map<string, string>;
}

export interface ScreeningPatient {
  readonly patientId: string;
  readonly current: ScreeningStudy;
  readonly prior: ScreeningStudy | undefined;
}

export declare function makeScreeningPatient(
  store: (bytes: Uint8Array<ArrayBuffer>) => Promise<void>,
  options?: { views?: readonly string[]; prior?: boolean },
): Promise<ScreeningPatient>;
