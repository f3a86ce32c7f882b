// The bytes strictly needed, read from Orthanc directly (no proxy, no browser): response bodies
// as a DICOMweb client receives them with the Accept headers the loaders send.
const FRAME_ACCEPT = 'multipart/related; type="application/octet-stream"; transfer-syntax=*';

async function bodyBytes(url, accept) {
  const response = await fetch(url, { headers: { accept } });
  if (!response.ok) throw new Error(`${response.status} for ${url}`);
  return (await response.arrayBuffer()).byteLength;
}

/**
 * @param {string} orthanc base URL
 * @param {{ studyInstanceUid: string, seriesInstanceUid: string, slices: number }} series
 * @param {string} middleSop the displayed instance
 * @returns {Promise<{ instanceMetadata: number, middleFrame: number, seriesMetadata: number, frames: number }>}
 */
export async function measureNeeded(orthanc, series, middleSop) {
  const base = `${orthanc}/dicom-web/studies/${series.studyInstanceUid}/series/${series.seriesInstanceUid}`;
  const instanceMetadata = await bodyBytes(
    `${base}/instances/${middleSop}/metadata`,
    'application/dicom+json',
  );
  const middleFrame = await bodyBytes(`${base}/instances/${middleSop}/frames/1`, FRAME_ACCEPT);
  const seriesMetadata = await bodyBytes(`${base}/metadata`, 'application/dicom+json');
  let frames = 0;
  for (let z = 0; z < series.slices; z++)
    frames += await bodyBytes(
      `${base}/instances/${series.seriesInstanceUid}.${z + 1}/frames/1`,
      FRAME_ACCEPT,
    );
  return { instanceMetadata, middleFrame, seriesMetadata, frames };
}
