/**
 * The patient's imaging history, asked of the server every time: the server decides who sees
 * what. The copy the cache holds answers only when the server cannot be reached (no HTTP
 * answer, or a gateway saying the server behind it is down) — a second look on an island whose
 * link is down — and the viewer then says it is offline. A refusal (401 after `refreshToken`,
 * 403) purges the patient's cached records before it is reported.
 */
import type { PatientRef } from '../cache/cache-keys.js';
import type { ViewerServices } from '../context/viewer-services.js';
import {
  DicomwebAuthError,
  DicomwebHttpError,
  DicomwebNetworkError,
  TruncatedResponseError,
} from '../dicomweb/errors.js';
import { loadHistory, type HistoryRequest, type HistoryStudy } from './patient-history.js';

export interface OpenedHistory {
  readonly history: HistoryStudy[];
  /** From the cache, the server being unreachable. */
  readonly offline: boolean;
}

/** PS3.18 8.2 / RFC 9110 §15.6: a gateway or timeout status says the server behind is down. */
const UNREACHABLE_STATUSES: ReadonlySet<number> = new Set([502, 503, 504]);

/** No decision from the server: offline display is allowed. A refusal or any 4xx is a decision. */
export function isUnreachable(error: unknown): boolean {
  if (error instanceof DicomwebAuthError) return false;
  if (error instanceof DicomwebHttpError) return UNREACHABLE_STATUSES.has(error.status);
  return error instanceof DicomwebNetworkError || error instanceof TruncatedResponseError;
}

export interface OpenHistoryOptions {
  /** The server answered studies of another patient, left out (patient-match.ts). */
  readonly onStudiesDropped?: (count: number) => void;
}

export async function openHistory(
  services: ViewerServices,
  request: HistoryRequest,
  options: OpenHistoryOptions = {},
): Promise<OpenedHistory> {
  const { cache, client, signal } = services;
  // The search as the host asked for it: the same request finds the same record.
  const search = JSON.stringify([
    request.patientId ?? '',
    request.issuer ?? '',
    [...request.studyInstanceUids].sort(),
    [...request.accessionNumbers].sort(),
  ]);
  // Read beside the search, used only if the server cannot answer (or to purge on refusal).
  const cachedRead = cache.getSearch(client.url, search).catch(() => undefined);
  const cachedHistory = async (): Promise<HistoryStudy[] | undefined> => {
    const cached = await cachedRead;
    return cached && Array.isArray(cached.metadata) && cached.metadata.length > 0
      ? (cached.metadata as HistoryStudy[])
      : undefined;
  };
  const patientOf = (history: readonly HistoryStudy[] | undefined): PatientRef | undefined => {
    const patientId = request.patientId ?? history?.find((s) => s.patientId)?.patientId;
    if (patientId === undefined) return undefined;
    return { patientId, ...(request.issuer === undefined ? {} : { issuer: request.issuer }) };
  };
  try {
    const history = await loadHistory(client, request, signal, options.onStudiesDropped);
    const patient = patientOf(history);
    if (patient) await cache.putSearch(client.url, search, history, { patient });
    return { history, offline: false };
  } catch (error) {
    if (error instanceof DicomwebAuthError) {
      const patient = patientOf(await cachedHistory());
      if (patient) await cache.clearPatient(patient);
      throw error;
    }
    const cached = isUnreachable(error) ? await cachedHistory() : undefined;
    if (!cached) throw error;
    return { history: cached, offline: true };
  }
}
