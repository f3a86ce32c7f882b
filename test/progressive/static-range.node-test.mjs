/**
 * HTTP byte ranges on single-frame WADO-RS requests of the static DICOMweb middleware
 * (scripts/static-dicomweb.mjs): the first bytes of a JPEG 2000 codestream for a preview,
 * then the rest. A minimal tree is written here: one instance whose "Part 10 file" holds a
 * known codestream at an offset, as frames.json describes it.
 *
 *   node --test test/progressive/static-range.node-test.mjs
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { byteRange, staticDicomweb } from '../../scripts/static-dicomweb.mjs';

const STUDY = '1.2.3';
const SERIES = '1.2.3.4';
const SOP = '1.2.3.4.5';
const FRAME_URL = `/dicom-web/studies/${STUDY}/series/${SERIES}/instances/${SOP}/frames/1`;
const OFFSET = 300;
// A fake codestream: SOC SIZ …, then a counting pattern so any slice is recognisable.
const CODESTREAM = Buffer.alloc(50_000);
for (let i = 0; i < CODESTREAM.length; i++) CODESTREAM[i] = (i * 7 + 3) & 0xff;
CODESTREAM.set([0xff, 0x4f, 0xff, 0x51], 0);

const root = mkdtempSync(join(tmpdir(), 'courbaril-range-'));
/** @type {http.Server} */
let server;
let base = '';

before(async () => {
  const instance = join(root, 'studies', STUDY, 'series', SERIES, 'instances', SOP);
  mkdirSync(instance, { recursive: true });
  writeFileSync(
    join(root, 'file.dcm'),
    Buffer.concat([Buffer.alloc(OFFSET, 0x20), CODESTREAM, Buffer.alloc(100, 0x20)]),
  );
  writeFileSync(
    join(instance, 'frames.json'),
    JSON.stringify({
      transferSyntaxUid: '1.2.840.10008.1.2.4.90',
      part10: 'file.dcm',
      frames: [[OFFSET, CODESTREAM.length]],
    }),
  );
  const middleware = staticDicomweb({ root });
  server = http.createServer((req, res) =>
    middleware(req, res, () => {
      res.writeHead(418);
      res.end();
    }),
  );
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

after(() => {
  server?.close();
  rmSync(root, { recursive: true, force: true });
});

/** @param {Record<string, string>} headers */
async function getFrame(headers) {
  const response = await fetch(base + FRAME_URL, { headers });
  return { response, body: Buffer.from(await response.arrayBuffer()) };
}

describe('Byte ranges on a single frame (static DICOMweb)', () => {
  it('answers Range on a bare image/jp2 frame with 206, Content-Range and exactly those bytes', async () => {
    const { response, body } = await getFrame({
      Accept: 'image/jp2; transfer-syntax=*',
      Range: 'bytes=0-131071',
    });
    // Past the end: clipped to the codestream (RFC 9110 §14.1.2).
    assert.equal(response.status, 206);
    assert.equal(response.headers.get('accept-ranges'), 'bytes');
    assert.equal(
      response.headers.get('content-range'),
      `bytes 0-${CODESTREAM.length - 1}/${CODESTREAM.length}`,
    );
    assert.match(response.headers.get('content-type') ?? '', /^image\/jp2; transfer-syntax=/);
    assert.deepEqual(body, CODESTREAM);

    const head = await getFrame({ Accept: 'image/jp2', Range: 'bytes=0-9999' });
    assert.equal(head.response.status, 206);
    assert.equal(head.response.headers.get('content-range'), `bytes 0-9999/${CODESTREAM.length}`);
    assert.deepEqual(head.body, CODESTREAM.subarray(0, 10_000));
    const rest = await getFrame({ Accept: 'image/jp2', Range: 'bytes=10000-' });
    assert.equal(rest.response.status, 206);
    assert.deepEqual(Buffer.concat([head.body, rest.body]), CODESTREAM);
  });

  it('serves suffix ranges and application/octet-stream bare frames too', async () => {
    const { response, body } = await getFrame({
      Accept: 'application/octet-stream; transfer-syntax=*',
      Range: 'bytes=-10',
    });
    assert.equal(response.status, 206);
    assert.deepEqual(body, CODESTREAM.subarray(CODESTREAM.length - 10));
  });

  it('answers 200 with the whole frame without Range, or with several ranges, advertising Accept-Ranges', async () => {
    for (const range of [undefined, 'bytes=0-9,20-29']) {
      const { response, body } = await getFrame({
        Accept: 'image/jp2',
        ...(range ? { Range: range } : {}),
      });
      assert.equal(response.status, 200, String(range));
      assert.equal(response.headers.get('accept-ranges'), 'bytes');
      assert.deepEqual(body, CODESTREAM);
    }
  });

  it('refuses a range starting past the end with 416 and the size', async () => {
    const { response } = await getFrame({ Accept: 'image/jp2', Range: 'bytes=50000-' });
    assert.equal(response.status, 416);
    assert.equal(response.headers.get('content-range'), `bytes */${CODESTREAM.length}`);
  });

  it('keeps multipart answers whole: Range does not apply to multipart/related', async () => {
    const { response } = await getFrame({
      Accept: 'multipart/related; type="application/octet-stream"; transfer-syntax=*',
      Range: 'bytes=0-9',
    });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^multipart\/related/);
  });

  it('parses the range forms of RFC 9110 §14.1.2', () => {
    assert.deepEqual(byteRange('bytes=0-99', 1000), { start: 0, end: 99 });
    assert.deepEqual(byteRange('bytes=900-', 1000), { start: 900, end: 999 });
    assert.deepEqual(byteRange('bytes=-100', 1000), { start: 900, end: 999 });
    assert.deepEqual(byteRange('bytes=-5000', 1000), { start: 0, end: 999 });
    assert.equal(byteRange('bytes=1000-', 1000), 'unsatisfiable');
    assert.equal(byteRange('bytes=5-2', 1000), undefined);
    assert.equal(byteRange('items=0-1', 1000), undefined);
    assert.equal(byteRange(undefined, 1000), undefined);
  });
});
