/**
 * STOW-RS against the rig's real Orthanc: a KOS written in the browser is stored, then found by
 * QIDO-RS and read back through WADO-RS as the same document; what a server refuses is a typed
 * error; data never goes to an origin the host allowed only bare. The documents select images of
 * the DICOMweb fixtures' patient (CB-DW-1), never the demo patient whose key images the viewer
 * tests count.
 */
import { expect } from '@open-wc/testing';
import { DicomwebClient } from '../../src/dicomweb/dicomweb-client.js';
import { DicomwebTransport } from '../../src/dicomweb/dicomweb-transport.js';
import { UntrustedOriginError } from '../../src/dicomweb/origin-policy.js';
import { StoreFailedError, storeInstances } from '../../src/dicomweb/stow-rs.js';
import { datasetFromDicomJson } from '../../src/dicom/json-dataset.js';
import { KeyObjectTitles, readKeyObjectSelection } from '../../src/dicom/key-object-selection.js';
import { createKeyObjectSelection } from '../../src/dicom/key-object-writer.js';
import { writePart10 } from '../../src/dicom/part10-writer.js';
import * as tags from '../../src/dicom/tags.js';
import {
  ORTHANC,
  fixtures,
  foreignOrigin,
  requireRig,
  type FixtureSeries,
} from '../dicomweb/dicomweb-fixtures.js';
import { deleteFromOrthanc } from './kos-fixtures.js';

/** Instances `indexes` of a fixture series, as KOS items. */
function itemsOf(series: FixtureSeries, indexes: readonly number[]) {
  return indexes.map((index) => ({
    studyInstanceUid: series.studyInstanceUid,
    seriesInstanceUid: series.seriesInstanceUid,
    sopClassUid: CT_IMAGE_STORAGE,
    sopInstanceUid: series.instances[index]!.sopInstanceUid,
  }));
}

const CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2';

async function keyImageDocument(
  client: DicomwebClient,
  references: readonly ReturnType<typeof itemsOf>[number][],
) {
  const first = references[0]!;
  const [json] = await client.retrieveInstanceMetadata(
    first.studyInstanceUid,
    first.seriesInstanceUid,
    first.sopInstanceUid,
  );
  const kos = createKeyObjectSelection({
    patientStudy: datasetFromDicomJson(json),
    items: references,
    description: 'Stored by STOW-RS',
  });
  return {
    kos,
    part10: writePart10(kos),
    sopInstanceUid: kos.string(tags.SOPInstanceUID)!,
    seriesInstanceUid: kos.string(tags.SeriesInstanceUID)!,
  };
}

/** SOP Instance UIDs stored by a test, deleted after it. */
const stored: string[] = [];

describe('STOW-RS', function () {
  before(async function () {
    await requireRig(this);
  });
  afterEach(async () => {
    for (const uid of stored.splice(0)) await deleteFromOrthanc(uid);
  });

  it('stores a KOS written in the browser; Orthanc then lists its series and serves back the same document', async () => {
    const { series } = await fixtures();
    const client = new DicomwebClient({ url: ORTHANC });
    const references = [...itemsOf(series.ct120, [3, 60]), ...itemsOf(series.prior, [1])];
    const document = await keyImageDocument(client, references);
    const result = await storeInstances(client, [document]);
    stored.push(document.sopInstanceUid);
    expect(result.stored.map((item) => item.sopInstanceUid)).to.deep.equal([
      document.sopInstanceUid,
    ]);

    const study = series.ct120.studyInstanceUid;
    const found = await client.searchForSeries(study, { modality: 'KO' });
    const seriesUids = found.map((item) =>
      datasetFromDicomJson(item).string(tags.SeriesInstanceUID),
    );
    expect(seriesUids).to.include(document.seriesInstanceUid);
    const [json] = await client.retrieveInstanceMetadata(
      study,
      document.seriesInstanceUid,
      document.sopInstanceUid,
    );
    const read = readKeyObjectSelection(datasetFromDicomJson(json));
    expect(read.title).to.deep.equal(KeyObjectTitles.ofInterest);
    expect(read.description).to.equal('Stored by STOW-RS');
    expect(read.references.map((r) => r.sopInstanceUid)).to.deep.equal(
      references.map((r) => r.sopInstanceUid),
    );
  });

  it('sends the host headers with the POST, and its refreshToken runs once on a 401', async () => {
    const { series } = await fixtures();
    const seen: { method: string; authorization: string | null }[] = [];
    let refreshed = 0;
    let token = 'expired';
    const client = new DicomwebClient({
      url: ORTHANC,
      requestHeaders: () => ({ Authorization: `Bearer ${token}` }),
      refreshToken: () => {
        refreshed++;
        token = 'fresh';
        return Promise.resolve();
      },
      fetch: async (input, init) => {
        const headers = new Headers(init?.headers);
        seen.push({ method: init?.method ?? 'GET', authorization: headers.get('Authorization') });
        // A gateway in front of Orthanc: refuses the expired token, passes the fresh one.
        if (init?.method === 'POST' && headers.get('Authorization') === 'Bearer expired')
          return new Response(null, { status: 401 });
        return fetch(input, init);
      },
    });
    const document = await keyImageDocument(client, itemsOf(series.ct120, [10]));
    const result = await storeInstances(client, [document]);
    stored.push(document.sopInstanceUid);
    expect(result.stored).to.have.length(1);
    expect(refreshed).to.equal(1);
    expect(seen.filter((request) => request.method === 'POST')).to.deep.equal([
      { method: 'POST', authorization: 'Bearer expired' },
      { method: 'POST', authorization: 'Bearer fresh' },
    ]);
  });

  it('reports an instance the server did not store as StoreFailedError, with its failure reason', async () => {
    const { series } = await fixtures();
    const client = new DicomwebClient({ url: ORTHANC });
    const document = await keyImageDocument(client, itemsOf(series.ct120, [20]));
    // Stored into a study it is not part of (PS3.18 10.5.1): the server must refuse it.
    let caught: unknown;
    try {
      await storeInstances(client, [document], { studyInstanceUid: series.prior.studyInstanceUid });
    } catch (error) {
      caught = error;
    }
    // Orthanc answers 409 Conflict (nothing stored) with the Failed SOP Sequence (PS3.18 10.5.3).
    expect(caught).to.be.instanceOf(StoreFailedError);
    const failed = caught as StoreFailedError;
    expect(failed.failures.map((failure) => failure.sopInstanceUid)).to.deep.equal([
      document.sopInstanceUid,
    ]);
    // 0x0110 Processing failure (PS3.4 Annex GG), Orthanc's reason for an instance of another study.
    expect(failed.failures[0]!.failureReason).to.equal(0x0110);
    expect(failed.stored).to.deep.equal([]);
    expect(failed.message).not.to.contain(document.sopInstanceUid);
    const [json] = await client
      .retrieveInstanceMetadata(
        series.ct120.studyInstanceUid,
        document.seriesInstanceUid,
        document.sopInstanceUid,
      )
      .catch(() => [undefined]);
    expect(json).to.equal(undefined);
  });

  it('never POSTs to an origin the host allowed only bare (anonymousOrigins)', async () => {
    const foreign = await foreignOrigin(true);
    const transport = new DicomwebTransport({ anonymousOrigins: [foreign.url] }, ORTHANC);
    let caught: unknown;
    try {
      await transport.request(`${foreign.url}/dicom-web/studies`, {
        operation: 'store',
        method: 'POST',
        body: new Blob([new Uint8Array(16)]),
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).to.be.instanceOf(UntrustedOriginError);
    expect((await foreignOrigin()).requests).to.deep.equal([]);
  });
});
