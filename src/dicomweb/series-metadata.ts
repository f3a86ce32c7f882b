/**
 * Series metadata, cache first: a cached copy answers at once and is revalidated
 * in the background (a changed series replaces the stale copy and is reported);
 * without one, WADO-RS series metadata (PS3.18 10.4.1.1.2) is fetched and stored.
 */
import type { SeriesKey } from '../cache/cache-keys.js';
import type { SeriesStore } from '../cache/series-store.js';
import type { DicomwebClient } from './dicomweb-client.js';
import { jsonString, type DicomJsonObject } from './dicom-json-values.js';
import { IssuerOfPatientID, PatientID } from '../dicom/tags.generated.js';

export interface SeriesMetadataRequest {
  readonly client: DicomwebClient;
  readonly store?: SeriesStore | undefined;
  readonly studyInstanceUid: string;
  readonly seriesInstanceUid: string;
  readonly signal?: AbortSignal | undefined;
  /** Called when background revalidation found the series changed on the server. */
  readonly onChanged?: (instances: DicomJsonObject[]) => void;
}

export interface SeriesMetadata {
  readonly instances: DicomJsonObject[];
  readonly fromCache: boolean;
}

export async function retrieveSeriesMetadataCached(
  request: SeriesMetadataRequest,
): Promise<SeriesMetadata> {
  const { client, store, studyInstanceUid, seriesInstanceUid, signal } = request;
  const key: SeriesKey = { server: client.cacheName, studyInstanceUid, seriesInstanceUid };
  const cached = await store?.getMetadata(key);
  if (cached && Array.isArray(cached.metadata)) {
    void revalidate(request, key).catch(() => undefined);
    return { instances: cached.metadata as DicomJsonObject[], fromCache: true };
  }
  const instances = await client.retrieveSeriesMetadata(studyInstanceUid, seriesInstanceUid, {
    signal,
  });
  if (store) await put(store, key, instances);
  return { instances, fromCache: false };
}

async function revalidate(request: SeriesMetadataRequest, key: SeriesKey): Promise<void> {
  const { client, store } = request;
  if (!store) return;
  const instances = await client.retrieveSeriesMetadata(
    key.studyInstanceUid,
    key.seriesInstanceUid,
  );
  if ((await put(store, key, instances)).changed) request.onChanged?.(instances);
}

function put(
  store: SeriesStore,
  key: SeriesKey,
  instances: DicomJsonObject[],
): ReturnType<SeriesStore['putMetadata']> {
  const first = instances[0] ?? {};
  const issuer = jsonString(first, IssuerOfPatientID);
  // Patient ID (0010,0020) + issuer let `clearCache({ patientId })` find the series (the store hashes them).
  const patient = {
    patientId: jsonString(first, PatientID) ?? '',
    ...(issuer === undefined ? {} : { issuer }),
  };
  return store.putMetadata(key, instances, { patient });
}
