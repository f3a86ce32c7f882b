export declare const VIEWS: readonly {
  readonly view: 'RCC' | 'LCC' | 'RMLO' | 'LMLO';
  readonly laterality: 'R' | 'L';
  readonly position: 'CC' | 'MLO';
  readonly orientation: readonly [string, string];
}[];

export interface UnseenPatient {
  readonly patientId: string;
  readonly patientName: string;
  readonly currentCt: string;
  readonly priorCt: string;
  readonly currentZ: number[];
  readonly priorZ: number[];
  readonly currentMg: { readonly study: string; readonly sop: Map<string, string> };
  readonly priorMg: { readonly study: string; readonly sop: Map<string, string> };
}

export declare function makeUnseenPatient(
  store: (bytes: Uint8Array<ArrayBuffer>) => Promise<void>,
): Promise<UnseenPatient>;

export declare function makeUnseenCtPatient(
  store: (bytes: Uint8Array<ArrayBuffer>) => Promise<void>,
  options?: { slices?: number; size?: number; patient?: Record<string, unknown> },
): Promise<{ patientId: string; study: string; series: string; sops: string[] }>;
