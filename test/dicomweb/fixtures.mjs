// Test data for the DICOMweb tests, made at setup (never committed) under test/.tmp/dicomweb/:
//   part10/   Part 10 files to upload to Orthanc:
//             - patient CB-DW-1, current CT study: 120 slices 128² 12-bit, JPEG-LS lossless (dcmcjpls),
//               one 12-frame JPEG-LS instance (batching), one HTJ2K 64² frame (ojph_compress; Orthanc mislabels it);
//               one 1024² JPEG 2000 lossless frame (gdcmconv --j2k) for progressive display;
//             - the same patient's prior CT study (4 slices) for the QIDO history test.
//   reference/ the synthetic source pixels (uint16 little endian, one .raw per frame): lossless codecs must
//             reproduce them exactly — an expectation independent of our decoders.
//   manifest.json  UIDs and frame counts.
// Idempotent (a version stamp in the manifest). Usage: node test/dicomweb/fixtures.mjs [--force]
import { spawnSync } from 'node:child_process';
import { fixturesAreCurrent } from '../../scripts/test/fixture-manifest.mjs';

const VERSION = 3;
const OUT = 'test/.tmp/dicomweb';
const manifestPath = `${OUT}/manifest.json`;
if (fixturesAreCurrent(manifestPath, VERSION)) process.exit(0);

const python = String.raw`
import json, os, shutil, subprocess, sys
import numpy as np
import pydicom
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.encaps import encapsulate
import pydicom._uid_dict as _uids
_uids.UID_dictionary.setdefault('1.2.840.10008.1.2.4.201', ('HTJ2KLossless', 'Transfer Syntax', '', '', 'HTJ2KLossless'))  # pydicom 2.3 predates HTJ2K
OUT, VERSION = sys.argv[1], int(sys.argv[2])
shutil.rmtree(OUT, ignore_errors=True)
for d in ('part10', 'reference', 'work'): os.makedirs(os.path.join(OUT, d))
ROOT = '1.2.826.0.1.3680043.10.1001.'
def uid(*parts): return ROOT + '.'.join(str(p) for p in parts)
PATIENT = 'CB-DW-1'

def base(study, series, sop, number, date, desc, modality='CT'):
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = '1.2.840.10008.5.1.4.1.1.2'
    meta.MediaStorageSOPInstanceUID = sop
    meta.TransferSyntaxUID = '1.2.840.10008.1.2.1'
    meta.ImplementationClassUID = ROOT + '9'
    ds = Dataset(); ds.file_meta = meta
    ds.is_little_endian = True; ds.is_implicit_VR = False
    ds.SOPClassUID = meta.MediaStorageSOPClassUID; ds.SOPInstanceUID = sop
    ds.PatientName = 'Test^Dicomweb'; ds.PatientID = PATIENT; ds.IssuerOfPatientID = 'COURBARIL'
    ds.StudyInstanceUID = study; ds.SeriesInstanceUID = series; ds.StudyDate = date; ds.StudyTime = '101010'
    ds.AccessionNumber = 'ACC' + date; ds.StudyID = '1'; ds.SeriesNumber = 1; ds.InstanceNumber = number
    ds.Modality = modality; ds.SeriesDescription = desc
    return ds

def image(ds, frames, rows, cols):
    ds.Rows = rows; ds.Columns = cols; ds.SamplesPerPixel = 1; ds.PhotometricInterpretation = 'MONOCHROME2'
    ds.BitsAllocated = 16; ds.BitsStored = 12; ds.HighBit = 11; ds.PixelRepresentation = 0
    ds.RescaleIntercept = -1024; ds.RescaleSlope = 1; ds.WindowCenter = 40; ds.WindowWidth = 400
    if len(frames) > 1: ds.NumberOfFrames = len(frames)
    ds.PixelData = np.stack(frames).astype('<u2').tobytes()

def phantom(rows, cols, z, seed):
    y, x = np.mgrid[0:rows, 0:cols]
    r = np.hypot(x - cols / 2, y - rows / 2)
    body = np.where(r < cols * 0.45, 1000 + 40 * np.sin(x / 5.0 + z / 7.0), 0)
    organ = np.where(np.hypot(x - cols * (0.4 + 0.1 * np.sin(z / 20)), y - rows / 2) < cols * 0.12, 300, 0)
    noise = np.random.default_rng(seed).integers(0, 60, size=(rows, cols))
    return np.clip(body + organ + noise + z, 0, 4095).astype(np.uint16)

def save_jls(ds, name):
    raw = os.path.join(OUT, 'work', name + '.raw.dcm'); out = os.path.join(OUT, 'part10', name + '.dcm')
    ds.save_as(raw, write_like_original=False)
    subprocess.run(['dcmcjpls', raw, out], check=True)

def reference(sop, index, pixels):
    pixels.astype('<u2').tofile(os.path.join(OUT, 'reference', '%s_%d.raw' % (sop, index + 1)))

manifest = {'version': VERSION, 'patientId': PATIENT, 'issuer': 'COURBARIL', 'series': {}}
def add_series(key, study, series, date, instances, tsuid, rows, cols):
    manifest['series'][key] = {'studyInstanceUid': study, 'seriesInstanceUid': series, 'studyDate': date,
                               'transferSyntaxUid': tsuid, 'rows': rows, 'columns': cols, 'instances': instances}

# Current study: 120-slice CT (JPEG-LS lossless), instance numbers shuffled against positions.
study, series = uid(1), uid(1, 1)
instances = []
for z in range(120):
    sop = uid(1, 1, z + 1)
    ds = base(study, series, sop, 120 - z, '20250301', 'CT 120')
    ds.ImagePositionPatient = [0, 0, float(z * 2)]; ds.ImageOrientationPatient = [1, 0, 0, 0, 1, 0]
    ds.SliceThickness = 2
    pixels = phantom(128, 128, z, z)
    image(ds, [pixels], 128, 128); reference(sop, 0, pixels); save_jls(ds, 'ct120-%03d' % z)
    instances.append({'sopInstanceUid': sop, 'frames': 1, 'z': z * 2})
add_series('ct120', study, series, '20250301', instances, '1.2.840.10008.1.2.4.80', 128, 128)

# Same study: one multi-frame JPEG-LS instance (12 frames).
series_mf, sop = uid(1, 2), uid(1, 2, 1)
ds = base(study, series_mf, sop, 1, '20250301', 'CT multiframe')
frames = [phantom(64, 64, z, 100 + z) for z in range(12)]
image(ds, frames, 64, 64)
for i, f in enumerate(frames): reference(sop, i, f)
save_jls(ds, 'multiframe')
add_series('multiframe', study, series_mf, '20250301', [{'sopInstanceUid': sop, 'frames': 12}], '1.2.840.10008.1.2.4.80', 64, 64)

# Same study: one HTJ2K lossless frame (Orthanc 1.10 serves it labelled as uncompressed).
series_ht, sop = uid(1, 3), uid(1, 3, 1)
ds = base(study, series_ht, sop, 1, '20250301', 'CT HTJ2K')
pixels = phantom(64, 64, 5, 200)
pgm = os.path.join(OUT, 'work', 'ht.pgm'); j2c = os.path.join(OUT, 'work', 'ht.j2c')
with open(pgm, 'wb') as f:
    f.write(b'P5\n64 64\n4095\n'); f.write(pixels.astype('>u2').tobytes())
subprocess.run(['ojph_compress', '-i', pgm, '-o', j2c, '-reversible', 'true'], check=True, capture_output=True)
image(ds, [pixels], 64, 64)
ds.PixelData = encapsulate([open(j2c, 'rb').read()])
ds['PixelData'].VR = 'OB'
ds.file_meta.TransferSyntaxUID = '1.2.840.10008.1.2.4.201'
ds.is_implicit_VR = False; ds.is_little_endian = True
ds.save_as(os.path.join(OUT, 'part10', 'htj2k.dcm'), write_like_original=False)
reference(sop, 0, pixels)
add_series('htj2k', study, series_ht, '20250301', [{'sopInstanceUid': sop, 'frames': 1}], '1.2.840.10008.1.2.4.201', 64, 64)

# Same study: one large single frame in JPEG 2000 lossless (gdcmconv --j2k), for progressive display.
series_j2k, sop = uid(1, 4), uid(1, 4, 1)
ds = base(study, series_j2k, sop, 1, '20250301', 'Large J2K')
pixels = phantom(1024, 1024, 9, 400)
image(ds, [pixels], 1024, 1024); reference(sop, 0, pixels)
raw = os.path.join(OUT, 'work', 'j2k.raw.dcm'); ds.save_as(raw, write_like_original=False)
subprocess.run(['gdcmconv', '--j2k', raw, os.path.join(OUT, 'part10', 'large-j2k.dcm')], check=True)
add_series('largeJ2k', study, series_j2k, '20250301', [{'sopInstanceUid': sop, 'frames': 1}], '1.2.840.10008.1.2.4.90', 1024, 1024)

# Prior study of the same patient: 4 slices.
study_p, series_p = uid(2), uid(2, 1)
instances = []
for z in range(4):
    sop = uid(2, 1, z + 1)
    ds = base(study_p, series_p, sop, z + 1, '20240115', 'CT prior')
    ds.ImagePositionPatient = [0, 0, float(z * 5)]; ds.ImageOrientationPatient = [1, 0, 0, 0, 1, 0]
    pixels = phantom(64, 64, z, 300 + z)
    image(ds, [pixels], 64, 64); reference(sop, 0, pixels); save_jls(ds, 'prior-%d' % z)
    instances.append({'sopInstanceUid': sop, 'frames': 1})
add_series('prior', study_p, series_p, '20240115', instances, '1.2.840.10008.1.2.4.80', 64, 64)

shutil.rmtree(os.path.join(OUT, 'work'))
json.dump(manifest, open(os.path.join(OUT, 'manifest.json'), 'w'), indent=1)
print('dicomweb fixtures: %d files' % len(os.listdir(os.path.join(OUT, 'part10'))))
`;

const result = spawnSync('/usr/bin/python3', ['-c', python, OUT, String(VERSION)], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
