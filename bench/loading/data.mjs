// The bench series, made once under bench/.tmp/loading/part10: a 300-slice 512² 12-bit CT in
// JPEG-LS lossless (dcmcjpls), anatomy-like with noise so it compresses like a real CT (~200 KB a slice).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

export const OUT = 'bench/.tmp/loading';
const VERSION = 1;

/** @returns {{ studyInstanceUid: string, seriesInstanceUid: string, slices: number }} */
export function ensureBenchSeries() {
  const manifest = `${OUT}/manifest.json`;
  if (existsSync(manifest)) {
    const parsed = JSON.parse(readFileSync(manifest, 'utf8'));
    if (parsed.version === VERSION) return parsed;
  }
  const python = String.raw`
import json, os, shutil, subprocess, sys
import numpy as np
from pydicom.dataset import Dataset, FileMetaDataset
OUT, VERSION = sys.argv[1], int(sys.argv[2])
shutil.rmtree(OUT, ignore_errors=True)
os.makedirs(os.path.join(OUT, 'part10')); os.makedirs(os.path.join(OUT, 'work'))
ROOT = '1.2.826.0.1.3680043.10.1002.'
study, series = ROOT + '1', ROOT + '1.1'
y, x = np.mgrid[0:512, 0:512]
for z in range(300):
    sop = ROOT + '1.1.%d' % (z + 1)
    meta = FileMetaDataset(); meta.MediaStorageSOPClassUID = '1.2.840.10008.5.1.4.1.1.2'
    meta.MediaStorageSOPInstanceUID = sop; meta.TransferSyntaxUID = '1.2.840.10008.1.2.1'
    ds = Dataset(); ds.file_meta = meta; ds.is_little_endian = True; ds.is_implicit_VR = False
    ds.SOPClassUID = meta.MediaStorageSOPClassUID; ds.SOPInstanceUID = sop
    ds.PatientName = 'Bench^Loading'; ds.PatientID = 'CB-BENCH-1'; ds.StudyInstanceUID = study; ds.SeriesInstanceUID = series
    ds.StudyDate = '20250101'; ds.Modality = 'CT'; ds.SeriesNumber = 1; ds.InstanceNumber = z + 1
    ds.ImagePositionPatient = [0, 0, float(z)]; ds.ImageOrientationPatient = [1, 0, 0, 0, 1, 0]; ds.PixelSpacing = [0.7, 0.7]
    ds.Rows = 512; ds.Columns = 512; ds.SamplesPerPixel = 1; ds.PhotometricInterpretation = 'MONOCHROME2'
    ds.BitsAllocated = 16; ds.BitsStored = 12; ds.HighBit = 11; ds.PixelRepresentation = 0
    ds.RescaleIntercept = -1024; ds.RescaleSlope = 1; ds.WindowCenter = 40; ds.WindowWidth = 400
    r = np.hypot(x - 256, y - 256)
    body = np.where(r < 230, 1000 + 60 * np.sin(x / 9.0 + z / 11.0) + 40 * np.cos(y / 13.0), 0)
    organ = np.where(np.hypot(x - 200 - 30 * np.sin(z / 40), y - 250) < 60, 350, 0)
    bone = np.where((r > 200) & (r < 215), 1400, 0)
    noise = np.random.default_rng(z).normal(0, 18, size=(512, 512))
    ds.PixelData = np.clip(body + organ + bone + noise, 0, 4095).astype('<u2').tobytes()
    raw = os.path.join(OUT, 'work', 'in.dcm'); ds.save_as(raw, write_like_original=False)
    subprocess.run(['dcmcjpls', raw, os.path.join(OUT, 'part10', '%03d.dcm' % z)], check=True)
shutil.rmtree(os.path.join(OUT, 'work'))
json.dump({'version': VERSION, 'studyInstanceUid': study, 'seriesInstanceUid': series, 'slices': 300}, open(os.path.join(OUT, 'manifest.json'), 'w'))
`;
  const result = spawnSync('/usr/bin/python3', ['-c', python, OUT, String(VERSION)], {
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('bench data generation failed');
  return JSON.parse(readFileSync(manifest, 'utf8'));
}
