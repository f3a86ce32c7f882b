// Server command 'reference-decode': one encapsulated frame decoded by DCMTK, an independent
// decoder (dcmdjpeg: JPEG baseline/extended, IJG; dcmdjpls: JPEG-LS, CharLS inside DCMTK), so a
// browser test can compare its own decode of the very bytes it received with it.
// Payload { base64, transferSyntaxUid, rows, columns, bitsAllocated, bitsStored, signed }
// → { base64 } of the native pixel data (little endian), or throws.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const DECODERS = {
  '1.2.840.10008.1.2.4.50': 'dcmdjpeg',
  '1.2.840.10008.1.2.4.51': 'dcmdjpeg',
  '1.2.840.10008.1.2.4.80': 'dcmdjpls',
  '1.2.840.10008.1.2.4.81': 'dcmdjpls',
};

// The frame wrapped in a minimal Secondary Capture data set (PS3.5 A.4 encapsulation), then
// decoded by the DCMTK tool into Explicit VR Little Endian and read back with pydicom.
const python = String.raw`
import base64, json, subprocess, sys
import pydicom
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.encaps import encapsulate
from pydicom.uid import generate_uid
p = json.loads(sys.stdin.read())
work, tool = sys.argv[1], sys.argv[2]
meta = FileMetaDataset()
meta.MediaStorageSOPClassUID = '1.2.840.10008.5.1.4.1.1.7'
meta.MediaStorageSOPInstanceUID = generate_uid()
meta.TransferSyntaxUID = p['transferSyntaxUid']
ds = Dataset(); ds.file_meta = meta
ds.is_little_endian = True; ds.is_implicit_VR = False
ds.SOPClassUID = meta.MediaStorageSOPClassUID; ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
ds.Rows = p['rows']; ds.Columns = p['columns']; ds.SamplesPerPixel = 1
ds.PhotometricInterpretation = 'MONOCHROME2'
ds.BitsAllocated = p['bitsAllocated']; ds.BitsStored = p['bitsStored']; ds.HighBit = p['bitsStored'] - 1
ds.PixelRepresentation = 1 if p['signed'] else 0
ds.PixelData = encapsulate([base64.b64decode(p['base64'])])
ds['PixelData'].is_undefined_length = True
ds['PixelData'].VR = 'OB'
src, out = work + '/in.dcm', work + '/out.dcm'
ds.save_as(src, write_like_original=False)
subprocess.run([tool, src, out], check=True, stdout=subprocess.DEVNULL)
decoded = pydicom.dcmread(out)
sys.stdout.write(base64.b64encode(decoded.PixelData).decode('ascii'))
`;

/** @param {{ base64: string, transferSyntaxUid: string, rows: number, columns: number, bitsAllocated: number, bitsStored: number, signed: boolean }} payload */
export function referenceDecode(payload) {
  const tool = DECODERS[/** @type {keyof typeof DECODERS} */ (payload.transferSyntaxUid)];
  if (!tool) throw new Error(`reference-decode: no DCMTK decoder for ${payload.transferSyntaxUid}`);
  const work = mkdtempSync(path.join(tmpdir(), 'courbaril-refdecode-'));
  try {
    const run = spawnSync('/usr/bin/python3', ['-c', python, work, tool], {
      input: JSON.stringify(payload),
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
    if (run.status !== 0) throw new Error(`reference-decode failed: ${run.stderr}`);
    return { base64: run.stdout };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
