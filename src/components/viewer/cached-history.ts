/**
 * The patient's imaging history, cache first: a history the viewer found before answers at
 * once — without the network, so a second look works on an island whose link is down — and is
 * searched again behind it (QIDO-RS); a changed answer replaces it and is reported.
 */
import type { ViewerServices } from '../../context/viewer-services.js';
import { inBackground } from '../../internal/when-idle.js';
import { loadHistory, type HistoryRequest, type HistoryStudy } from './patient-history.js';

export interface CachedHistoryOptions {
  /** A fresh history differs from the one shown (a new study arrived since). */
  readonly onChanged: (history: HistoryStudy[]) => void;
  /** The server answered studies of another patient, left out (patient-match.ts). */
  readonly onStudiesDropped?: (count: number) => void;
}

export async function openHistory(
  services: ViewerServices,
  request: HistoryRequest,
  options: CachedHistoryOptions,
): Promise<HistoryStudy[]> {
  const { cache, client, signal } = services;
  // The search as the host asked for it: the same request finds the same record.
  const search = JSON.stringify([
    request.patientId ?? '',
    request.issuer ?? '',
    [...request.studyInstanceUids].sort(),
    [...request.accessionNumbers].sort(),
  ]);
  const fetchAndStore = async (): Promise<{ history: HistoryStudy[]; changed: boolean }> => {
    const history = await loadHistory(client, request, signal, options.onStudiesDropped);
    const patientId = request.patientId ?? history.find((s) => s.patientId)?.patientId ?? '';
    const stored = await cache.putSearch(client.url, search, history, {
      patient: { patientId, ...(request.issuer === undefined ? {} : { issuer: request.issuer }) },
    });
    return { history, changed: stored.changed };
  };
  const cached = await cache.getSearch(client.url, search);
  if (cached && Array.isArray(cached.metadata) && cached.metadata.length > 0) {
    // Checked with the server behind the first image, not on its path.
    inBackground()
      .then(() => {
        signal.throwIfAborted();
        return fetchAndStore();
      })
      .then(
        ({ history, changed }) => {
          if (changed && !signal.aborted) options.onChanged(history);
        },
        () => {
          // Offline, the server down, or the viewer gone: the cached history stands.
        },
      );
    return cached.metadata as HistoryStudy[];
  }
  return (await fetchAndStore()).history;
}
