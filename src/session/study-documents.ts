/**
 * The instances of a study's series of one modality (its SR or PR series), read as data sets from
 * their series metadata: where readings and presentation states are found on a DICOMweb server.
 */
import type { DicomDataset } from '../dicom/dataset.js';
import { datasetFromDicomJson } from '../dicom/json-dataset.js';
import * as tags from '../dicom/tags.generated.js';
import type { DicomwebClient } from '../dicomweb/dicomweb-client.js';

export async function studyInstancesOfModality(
  client: DicomwebClient,
  studyInstanceUid: string,
  modality: string,
  signal?: AbortSignal,
): Promise<DicomDataset[]> {
  const options = signal ? { signal } : {};
  const series = await client.searchForSeries(studyInstanceUid, { modality }, options);
  const datasets: DicomDataset[] = [];
  for (const json of series) {
    const seriesInstanceUid = datasetFromDicomJson(json).string(tags.SeriesInstanceUID);
    if (seriesInstanceUid === undefined) continue;
    const instances = await client.retrieveSeriesMetadata(
      studyInstanceUid,
      seriesInstanceUid,
      options,
    );
    for (const instance of instances) datasets.push(datasetFromDicomJson(instance));
  }
  return datasets;
}
