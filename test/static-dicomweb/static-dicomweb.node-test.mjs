/**
 * The static DICOMweb middleware over a small generated tree, through a real
 * HTTP server on loopback. Pixel claims are checked against gdcm's decoder
 * (skipped when gdcmconv is not installed), never against our own encoders.
 *
 *   node --test test/static-dicomweb/
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { generateDemoData } from '../../scripts/demo-data/generate.mjs';
import { ctPhantomFor, ctStoredPixels } from '../../scripts/demo-data/series-images.mjs';
import { mammogramPixels } from '../../scripts/demo-data/series-mammography.mjs';
import { readingStudies } from '../../scripts/demo-data/reading-list.mjs';
import { imageSizes, PATIENT, STUDIES } from '../../scripts/demo-data/study-plan.mjs';
import { staticDicomweb, staticDicomwebKoa } from '../../scripts/static-dicomweb.mjs';
import { parseMultipart, readPart10 } from './part10-reader.mjs';

const out = mkdtempSync(join(tmpdir(), 'courbaril-dicomweb-'));
/** @type {http.Server} */
let server;
let base = '';
const OCTET_ANY = 'multipart/related; type="application/octet-stream"; transfer-syntax=*';

/** @param {string} path @param {Record<string, string>} [headers] */
async function get(path, headers = {}) {
  const response = await fetch(`${base}${path}`, { headers });
  return {
    status: response.status,
    headers: response.headers,
    body: Buffer.from(await response.arrayBuffer()),
  };
}

/** @param {string} path @returns {Promise<Record<string, { vr: string, Value?: any[], BulkDataURI?: string }>[]>} */
async function getJson(path) {
  const response = await get(path);
  assert.equal(response.status, 200, path);
  assert.equal(response.headers.get('content-type'), 'application/dicom+json');
  return JSON.parse(response.body.toString('utf8'));
}

/** @param {any} result @param {string} tag */
const value = (result, tag) => result[tag]?.Value?.[0];

before(async () => {
  await generateDemoData({ out, small: true });
  const middleware = staticDicomweb({ root: join(out, 'dicom-web') });
  const koa = staticDicomwebKoa({ root: join(out, 'dicom-web'), prefix: '/koa-dicomweb' });
  server = http.createServer((req, res) => {
    const fallthrough = () => {
      res.writeHead(418);
      res.end('passed on');
    };
    if (req.url?.startsWith('/koa-dicomweb')) {
      const ctx = { path: new URL(req.url, 'http://x').pathname, req, res, respond: true };
      void koa(ctx, async () => fallthrough());
    } else middleware(req, res, fallthrough);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

after(() => {
  server?.close();
  rmSync(out, { recursive: true, force: true });
});

describe('QIDO-RS over the static tree', () => {
  it('finds all seven studies of the patient by PatientID and IssuerOfPatientID', async () => {
    const studies = await getJson(
      `/dicom-web/studies?PatientID=${PATIENT.PatientID}&IssuerOfPatientID=ILES-SANTE`,
    );
    assert.equal(studies.length, 7);
    for (const study of studies) {
      assert.equal(value(study, '00100010').Alphabetic, 'JOSEPH^Marie-Line');
      assert.ok(value(study, '00201206') >= 1 && value(study, '00201208') >= 1);
      assert.match(
        value(study, '00081190'),
        /^http:\/\/127\.0\.0\.1:\d+\/dicom-web\/studies\/2\.25\.\d+$/,
      );
    }
  });

  it('answers 200 with an empty array when nothing matches', async () => {
    assert.deepEqual(await getJson('/dicom-web/studies?PatientID=000-000000'), []);
  });

  it('matches a date range, a case-insensitive name wildcard and a modality', async () => {
    // The demo patient's four studies of November 2026 and the reading list's five current
    // screening mammograms; her three of 2025 and the reading list's four priors of 2024.
    const reading = Object.values(readingStudies());
    assert.equal((await getJson('/dicom-web/studies?StudyDate=20261101-20261130')).length, 4 + 5);
    assert.equal((await getJson('/dicom-web/studies?StudyDate=-20251231')).length, 3 + 4);
    assert.equal((await getJson('/dicom-web/studies?PatientName=joseph*')).length, 7);
    assert.equal((await getJson('/dicom-web/studies?PatientName=DUPONT*')).length, 0);
    const mammography = await getJson('/dicom-web/studies?ModalitiesInStudy=MG&includefield=all');
    assert.deepEqual(
      mammography.map((s) => value(s, '0020000D')).sort(),
      [STUDIES.currentMg.uid, STUDIES.priorMg.uid, ...reading.map((s) => s.uid)].sort(),
    );
  });

  it('matches a list of study UIDs separated by commas or backslashes, with limit and offset', async () => {
    const list = `${STUDIES.currentCt.uid},${STUDIES.priorCt.uid}`;
    assert.equal((await getJson(`/dicom-web/studies?StudyInstanceUID=${list}`)).length, 2);
    assert.equal(
      (await getJson(`/dicom-web/studies?StudyInstanceUID=${list.replace(',', '%5C')}`)).length,
      2,
    );
    const page = await getJson(`/dicom-web/studies?StudyInstanceUID=${list}&limit=1&offset=1`);
    assert.equal(page.length, 1);
    assert.equal(
      (await getJson(`/dicom-web/studies?AccessionNumber=${STUDIES.currentCt.accession}`)).length,
      1,
    );
  });

  it('lists the series of a study and all series with their study attributes', async () => {
    const series = await getJson(`/dicom-web/studies/${STUDIES.currentCt.uid}/series`);
    assert.deepEqual(
      series.map((s) => value(s, '00080060')),
      ['CT', 'SR', 'DOC'],
    );
    assert.equal(value(series[0], '00201209'), 12);
    assert.equal(value(series[0], '00180015'), 'CHESTABDPELVIS');
    const mg = await getJson('/dicom-web/series?Modality=MG&PatientID=971-000123');
    assert.equal(mg.length, 2);
    assert.equal(value(mg[0], '00100020'), '971-000123');
  });

  it('lists instances with their size and frame count', async () => {
    const [us] = await getJson(`/dicom-web/studies/${STUDIES.currentUs.uid}/instances`);
    assert.equal(value(us, '00280008'), 4);
    assert.equal(value(us, '00280010'), 48);
    const all = await getJson('/dicom-web/instances?SOPClassUID=1.2.840.10008.5.1.4.1.1.88.11');
    assert.equal(all.length, 1);
  });
});

describe('WADO-RS metadata', () => {
  it('returns every CT instance with geometry, transfer syntax and a BulkDataURI to its frames', async () => {
    const [ct] = await getJson(`/dicom-web/studies/${STUDIES.currentCt.uid}/series?Modality=CT`);
    const seriesUid = value(ct, '0020000E');
    const metadata = await getJson(
      `/dicom-web/studies/${STUDIES.currentCt.uid}/series/${seriesUid}/metadata`,
    );
    assert.equal(metadata.length, 12);
    const z = metadata.map((m) => m['00200032']?.Value?.[2]);
    assert.deepEqual(
      z,
      [...z].sort((a, b) => b - a),
      'slices advance along z',
    );
    for (const m of metadata) {
      assert.equal(value(m, '00020010'), '1.2.840.10008.1.2.4.80');
      assert.deepEqual(m['00200037']?.Value, [1, 0, 0, 0, 1, 0]);
      assert.equal(value(m, '00281052'), -1024);
      assert.equal(m['7FE00010']?.InlineBinary, undefined);
      assert.equal(
        m['7FE00010']?.BulkDataURI,
        `${base}/dicom-web/studies/${STUDIES.currentCt.uid}/series/${seriesUid}/instances/${value(m, '00080018')}/frames/1`,
      );
    }
    const study = await getJson(`/dicom-web/studies/${STUDIES.currentCt.uid}/metadata`);
    assert.equal(study.length, 14, 'CT slices, SR and PDF');
  });
});

describe('WADO-RS frames and instances', () => {
  /** @param {typeof STUDIES.currentCt} study @param {string} modality */
  async function firstInstance(study, modality) {
    const [series] = await getJson(`/dicom-web/studies/${study.uid}/series?Modality=${modality}`);
    const seriesUid = value(series, '0020000E');
    const instances = await getJson(
      `/dicom-web/studies/${study.uid}/series/${seriesUid}/instances`,
    );
    const first = instances.sort((a, b) => value(a, '00200013') - value(b, '00200013'))[0];
    const sop = value(first, '00080018');
    const path = `/dicom-web/studies/${study.uid}/series/${seriesUid}/instances/${sop}`;
    return { path, file: join(out, 'part10', study.uid, seriesUid, `${sop}.dcm`) };
  }

  it('sends a JPEG-LS frame as the exact codestream stored in the Part 10 file, labelled with its transfer syntax', async () => {
    const { path, file } = await firstInstance(STUDIES.currentCt, 'CT');
    const response = await get(`${path}/frames/1`, { Accept: OCTET_ANY });
    assert.equal(response.status, 200);
    const parts = parseMultipart(response.body, response.headers.get('content-type') ?? '');
    assert.equal(parts.length, 1);
    assert.equal(
      parts[0]?.contentType,
      'application/octet-stream; transfer-syntax=1.2.840.10008.1.2.4.80',
    );
    assert.deepEqual(parts[0]?.body, readPart10(readFileSync(file)).fragments[0]);
  });

  it('answers 406 to a client that accepts only uncompressed frames, since nothing is transcoded', async () => {
    const { path } = await firstInstance(STUDIES.currentCt, 'CT');
    assert.equal(
      (
        await get(`${path}/frames/1`, {
          Accept: 'multipart/related; type="application/octet-stream"',
        })
      ).status,
      406,
    );
    const jls = await get(`${path}/frames/1`, { Accept: 'multipart/related; type="image/jls"' });
    assert.equal(jls.status, 200);
    assert.match(
      jls.headers.get('content-type') ?? '',
      /^multipart\/related; type="image\/jls"; boundary=/,
    );
  });

  it('sends requested frames of a multi-frame instance in the requested order', async () => {
    const { path, file } = await firstInstance(STUDIES.currentUs, 'US');
    const response = await get(`${path}/frames/4,2`, { Accept: OCTET_ANY });
    const parts = parseMultipart(response.body, response.headers.get('content-type') ?? '');
    const { fragments } = readPart10(readFileSync(file));
    assert.deepEqual(
      parts.map((p) => p.body),
      [fragments[3], fragments[1]],
    );
    assert.equal((await get(`${path}/frames/5`, { Accept: OCTET_ANY })).status, 404);
  });

  it('serves an uncompressed frame to a client asking for plain octet-stream', async () => {
    const { path, file } = await firstInstance(STUDIES.currentCr, 'CR');
    const response = await get(`${path}/frames/1`, {
      Accept: 'multipart/related; type="application/octet-stream"',
    });
    const [part] = parseMultipart(response.body, response.headers.get('content-type') ?? '');
    const { pixelData, dataset } = readPart10(readFileSync(file));
    assert.equal(part?.body.length, dataset.rows * dataset.columns * 2);
    assert.deepEqual(part?.body, pixelData);
  });

  it('sends the whole instance as its Part 10 file', async () => {
    const { path, file } = await firstInstance(STUDIES.currentMg, 'MG');
    const response = await get(path, { Accept: 'multipart/related; type="application/dicom"' });
    const [part] = parseMultipart(response.body, response.headers.get('content-type') ?? '');
    assert.match(
      part?.contentType ?? '',
      /^application\/dicom; transfer-syntax=1\.2\.840\.10008\.1\.2\.4\.90$/,
    );
    assert.deepEqual(part?.body, readFileSync(file));
  });

  it('answers 404 under the prefix, passes other paths on, and rejects non-UID path segments', async () => {
    assert.equal((await get('/dicom-web/nothing')).status, 404);
    assert.equal((await get('/dicom-web/studies/..%2F..%2Fetc/series')).status, 404);
    assert.equal((await get('/dicom-web/studies/1.2.3/series')).status, 404);
    assert.equal((await get('/index.html')).status, 418);
    assert.equal(
      (await get('/koa-dicomweb/studies?ModalitiesInStudy=CR')).body
        .toString()
        .includes(STUDIES.currentCr.uid),
      true,
    );
  });
});

describe(
  'encoding checked by an independent decoder (gdcm)',
  { skip: !hasGdcm() && 'gdcmconv not installed' },
  () => {
    it('decodes the JPEG-LS CT slices to the phantom values, signed', async () => {
      const sizes = imageSizes(true);
      const phantom = ctPhantomFor(STUDIES.currentCt);
      const [series] = await getJson(
        `/dicom-web/studies/${STUDIES.currentCt.uid}/series?Modality=CT`,
      );
      const seriesUid = value(series, '0020000E');
      const instances = await getJson(
        `/dicom-web/studies/${STUDIES.currentCt.uid}/series/${seriesUid}/instances?InstanceNumber=1`,
      );
      const expected = ctStoredPixels(phantom, sizes, 1);
      const decoded = gdcmRaw(
        join(
          out,
          'part10',
          STUDIES.currentCt.uid,
          seriesUid,
          `${value(instances[0], '00080018')}.dcm`,
        ),
      );
      assert.deepEqual(
        new Int16Array(decoded.buffer, decoded.byteOffset, decoded.length / 2),
        expected,
      );
      assert.ok(
        expected.some((v) => v < 0),
        'padding is negative: the signed path is exercised',
      );
    });

    it('decodes the JPEG 2000 mammogram to the phantom values', async () => {
      const sizes = imageSizes(true);
      const [series] = await getJson(`/dicom-web/studies/${STUDIES.priorMg.uid}/series`);
      const seriesUid = value(series, '0020000E');
      const [lcc] = await getJson(
        `/dicom-web/studies/${STUDIES.priorMg.uid}/series/${seriesUid}/instances?InstanceNumber=2`,
      );
      const decoded = gdcmRaw(
        join(out, 'part10', STUDIES.priorMg.uid, seriesUid, `${value(lcc, '00080018')}.dcm`),
      );
      assert.deepEqual(
        new Uint16Array(decoded.buffer, decoded.byteOffset, decoded.length / 2),
        mammogramPixels(STUDIES.priorMg, sizes, 2),
      );
    });
  },
);

function hasGdcm() {
  try {
    execFileSync('gdcmconv', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** @param {string} file @returns {Uint8Array} native pixel data after gdcm decompressed it */
function gdcmRaw(file) {
  const raw = join(out, 'gdcm-raw.dcm');
  execFileSync('gdcmconv', ['--raw', file, raw]);
  const pixels = readPart10(readFileSync(raw)).pixelData;
  return Uint8Array.from(pixels);
}
