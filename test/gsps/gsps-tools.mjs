// Independent tools for the presentation state tests (rig command 'gsps-tools'):
//  - 'image':  a 64×40 12-bit MONOCHROME2 image written by pydicom (values 100 … 3879, a window,
//              a rectangular display shutter with its presentation value, Pixel Spacing 0.5 mm);
//  - 'make':   DCMTK dcmpsmk makes a GSPS from an image (+Vw: its first window becomes the VOI);
//  - 'render': DCMTK dcmp2pgm renders an image through a GSPS into an 8-bit PGM (VOI, Presentation
//              LUT, rotation, flip and shutters; it ignores the displayed area).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const IMAGE_SCRIPT = String.raw`
import sys, numpy as np
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian
ds = Dataset()
ds.file_meta = FileMetaDataset()
ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
ds.file_meta.MediaStorageSOPClassUID = ds.SOPClassUID = '1.2.840.10008.5.1.4.1.1.7'
ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID = '2.25.4242001'
ds.StudyInstanceUID = '2.25.4242002'
ds.SeriesInstanceUID = '2.25.4242003'
ds.PatientName = 'GSPS^Test'
ds.PatientID = 'GSPS-TEST'
ds.Modality = 'OT'
ds.Rows, ds.Columns = 40, 64
ds.SamplesPerPixel = 1
ds.PhotometricInterpretation = 'MONOCHROME2'
ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 16, 12, 11, 0
ds.PixelSpacing = [0.5, 0.5]
ds.WindowCenter, ds.WindowWidth = 2000, 4000
ds.ShutterShape = 'RECTANGULAR'
ds.ShutterLeftVerticalEdge, ds.ShutterRightVerticalEdge = 5, 50
ds.ShutterUpperHorizontalEdge, ds.ShutterLowerHorizontalEdge = 3, 30
ds.ShutterPresentationValue = 0x8000
y, x = np.mgrid[0:40, 0:64]
ds.PixelData = (100 + x * 53 + y * 7).astype(np.uint16).tobytes()
ds.is_little_endian, ds.is_implicit_VR = True, False
ds.save_as(sys.argv[1], write_like_original=False)
`;

function run(program, args) {
  const result = spawnSync(program, args, { encoding: 'utf8' });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${program} failed: ${result.stdout}${result.stderr}`);
}

/** @param {{ action: string, image?: string, gsps?: string }} payload base64 Part 10 bytes */
export function gspsTools(payload) {
  const dir = mkdtempSync(path.join(tmpdir(), 'courbaril-gsps-'));
  try {
    const file = (name) => path.join(dir, name);
    if (payload.image) writeFileSync(file('image.dcm'), Buffer.from(payload.image, 'base64'));
    if (payload.gsps) writeFileSync(file('gsps.dcm'), Buffer.from(payload.gsps, 'base64'));
    if (payload.action === 'image') {
      run('/usr/bin/python3', ['-c', IMAGE_SCRIPT, file('image.dcm')]);
      return { image: readFileSync(file('image.dcm')).toString('base64') };
    }
    if (payload.action === 'make') {
      run('dcmpsmk', ['+Vw', file('image.dcm'), file('gsps.dcm')]);
      return { gsps: readFileSync(file('gsps.dcm')).toString('base64') };
    }
    if (payload.action === 'render') {
      run('dcmp2pgm', ['-p', file('gsps.dcm'), file('image.dcm'), file('out.pgm')]);
      const pgm = readFileSync(file('out.pgm'));
      // "P5\n<width> <height> <maxval>\n" then one byte a pixel, top row first.
      const [, width, height] = pgm.subarray(0, 32).toString('latin1').split(/\s+/).map(Number);
      const pixels = pgm.subarray(pgm.length - width * height);
      return { width, height, pixels: Buffer.from(pixels).toString('base64') };
    }
    throw new Error(`gsps-tools: unknown action ${payload.action}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
