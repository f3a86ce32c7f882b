// Issue 2: a real Orthanc (started by `npm test`) stores a study we upload and gives it back
// over QIDO-RS and WADO-RS, byte for byte. This is the ground the DICOMweb client stands on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const orthanc = process.env.ORTHANC_URL;

test(
  'an uploaded study reads back over QIDO-RS and WADO-RS',
  { skip: !orthanc && 'ORTHANC_URL not set (run through npm test)' },
  async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cb-roundtrip-'));
    try {
      // pydicom (independent of our code) makes a uniquely identified copy of a real CT file
      // and tells us its pixel bytes.
      const out = execFileSync(
        '/usr/bin/python3',
        [
          '-c',
          `
import sys, json, pydicom
from pydicom.data import get_testdata_file
from pydicom.uid import generate_uid
ds = pydicom.dcmread(get_testdata_file('CT_small.dcm'))
ds.StudyInstanceUID = generate_uid(); ds.SeriesInstanceUID = generate_uid()
ds.SOPInstanceUID = generate_uid(); ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
ds.PatientID = 'RT-' + ds.SOPInstanceUID[-8:]
ds.save_as(sys.argv[1])
open(sys.argv[2], 'wb').write(ds.PixelData)
print(json.dumps({'study': ds.StudyInstanceUID, 'series': ds.SeriesInstanceUID, 'sop': ds.SOPInstanceUID, 'patient': ds.PatientID}))
`,
          path.join(dir, 'ct.dcm'),
          path.join(dir, 'pixels.raw'),
        ],
        { encoding: 'utf8' },
      );
      const ids = JSON.parse(out);
      const upload = await fetch(`${orthanc}/instances`, {
        method: 'POST',
        body: readFileSync(path.join(dir, 'ct.dcm')),
      });
      assert.equal(upload.status, 200);

      const qido = await fetch(
        `${orthanc}/dicom-web/studies?PatientID=${encodeURIComponent(ids.patient)}`,
        {
          headers: { accept: 'application/dicom+json' },
        },
      );
      const studies = await qido.json();
      assert.equal(studies.length, 1);
      assert.equal(studies[0]['0020000D'].Value[0], ids.study);

      const base = `${orthanc}/dicom-web/studies/${ids.study}/series/${ids.series}`;
      const metadata = await (
        await fetch(`${base}/metadata`, { headers: { accept: 'application/dicom+json' } })
      ).json();
      assert.equal(metadata[0]['00080018'].Value[0], ids.sop);
      assert.equal(metadata[0]['00280010'].Value[0], 128);

      const frames = await fetch(`${base}/instances/${ids.sop}/frames/1`, {
        headers: {
          accept: 'multipart/related; type="application/octet-stream"; transfer-syntax=*',
        },
      });
      assert.equal(frames.status, 200);
      const boundary = /boundary="?([^";]+)"?/.exec(frames.headers.get('content-type') ?? '')?.[1];
      assert.ok(boundary, 'multipart boundary');
      const body = Buffer.from(await frames.arrayBuffer());
      const start = body.indexOf('\r\n\r\n') + 4;
      const end = body.indexOf(`\r\n--${boundary}`, start);
      assert.deepEqual(body.subarray(start, end), readFileSync(path.join(dir, 'pixels.raw')));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
