// The demo's screening reading list in the Orthanc `npm test` starts, for test/e2e/demo-reading:
// its studies written by the demo generator's own builders (small sizes) and stored, whatever
// test/.tmp/data held when it was generated; and what a test stored there found and removed again.
import { parseMultipart } from '../static-dicomweb/part10-reader.mjs';
import { writePart10 } from '../../scripts/demo-data/part10-writer.mjs';
import { readingStudies } from '../../scripts/demo-data/reading-list.mjs';
import { mammographySeries } from '../../scripts/demo-data/series-mammography.mjs';
import { firstReadingSeries } from '../../scripts/demo-data/series-readings.mjs';
import { imageSizes } from '../../scripts/demo-data/study-plan.mjs';

/** Stores every instance of the reading list (Orthanc keeps one copy of an instance sent twice). */
export async function storeReadingList(orthanc) {
  const sizes = imageSizes(true);
  let stored = 0;
  for (const study of Object.values(readingStudies())) {
    for (const builder of [mammographySeries, firstReadingSeries]) {
      for await (const { dataset, transferSyntaxUid, pixels, part10 } of builder(study, sizes)) {
        const body = part10 ?? writePart10(dataset, transferSyntaxUid, pixels).bytes;
        const response = await fetch(`${orthanc}/instances`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/dicom' },
          body,
        });
        if (!response.ok)
          throw new Error(`Orthanc refused a reading list instance (${response.status})`);
        stored++;
      }
    }
  }
  return stored;
}

const uidOf = (json, tag) => json[tag]?.Value?.[0];

/** QIDO-RS: the series of a study with that modality, as `{ seriesInstanceUid, instances }`. */
export async function seriesOf(orthanc, studyInstanceUid, modality) {
  const response = await fetch(
    `${orthanc}/dicom-web/studies/${studyInstanceUid}/series?Modality=${modality}`,
    { headers: { Accept: 'application/dicom+json' } },
  );
  if (!response.ok) throw new Error(`QIDO-RS series ${response.status}`);
  const series = response.status === 204 ? [] : await response.json();
  const out = [];
  for (const item of series) {
    const seriesInstanceUid = uidOf(item, '0020000E');
    const answer = await fetch(
      `${orthanc}/dicom-web/studies/${studyInstanceUid}/series/${seriesInstanceUid}/instances`,
      { headers: { Accept: 'application/dicom+json' } },
    );
    const instances = (await answer.json()).map((json) => uidOf(json, '00080018'));
    out.push({ seriesInstanceUid, instances });
  }
  return out;
}

/** WADO-RS: one instance as its Part 10 bytes. */
export async function retrievePart10(
  orthanc,
  { studyInstanceUid, seriesInstanceUid, sopInstanceUid },
) {
  const response = await fetch(
    `${orthanc}/dicom-web/studies/${studyInstanceUid}/series/${seriesInstanceUid}/instances/${sopInstanceUid}`,
    { headers: { Accept: 'multipart/related; type="application/dicom"' } },
  );
  if (!response.ok) throw new Error(`WADO-RS instance ${response.status}`);
  const [part] = parseMultipart(
    Buffer.from(await response.arrayBuffer()),
    response.headers.get('content-type') ?? '',
  );
  if (!part) throw new Error('WADO-RS answered no part');
  return part.body;
}

/** Deletes instances by SOP Instance UID (Orthanc's REST API), so the server is left as found. */
export async function deleteInstances(orthanc, sopInstanceUids) {
  for (const uid of sopInstanceUids) {
    const lookup = await fetch(`${orthanc}/tools/lookup`, { method: 'POST', body: uid });
    for (const item of await lookup.json())
      if (item.Type === 'Instance')
        await fetch(`${orthanc}/instances/${item.ID}`, { method: 'DELETE' });
  }
}
