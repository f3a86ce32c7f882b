// Writes an obliquely acquired CT phantom as Part 10 slices and the reformats numpy computes from
// the same voxels: an implementation of the volume geometry (PS3.3 C.7.6.2.1.1) and of trilinear
// sampling independent of src/volume. Output: test/.tmp/volume/{slice-NN.dcm, *.f32, *.u8,
// manifest.json}. Run by the test driver (scripts/test/fixtures-volume.mjs) or by hand:
// node test/volume/make-fixtures.mjs [--force]
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { fixturesAreCurrent } from '../../scripts/test/fixture-manifest.mjs';

const VERSION = 1;
const out = fileURLToPath(new URL('../.tmp/volume/', import.meta.url));

const python = String.raw`
import json, math, os, sys
import numpy as np
import pydicom
from pydicom.dataset import Dataset, FileDataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian, generate_uid

out, version = sys.argv[1], int(sys.argv[2])
os.makedirs(out, exist_ok=True)

# Acquisition: rows turned 20 deg about z, columns tilted 30 deg out of the axial plane.
a, b = math.radians(20), math.radians(30)
row = np.array([math.cos(a), math.sin(a), 0.0])
col = np.array([-math.sin(a) * math.cos(b), math.cos(a) * math.cos(b), math.sin(b)])
normal = np.cross(row, col)
NX, NY, NZ = 40, 36, 30
dcol, drow, step = 0.9, 0.6, 1.25  # mm along i (a row), j (a column), k (the normal)
origin = np.array([-15.0, 8.0, 30.0])

# Spheres at known millimetre positions (centre, radius mm, HU) over a smooth background.
centre = origin + row * dcol * (NX - 1) / 2 + col * drow * (NY - 1) / 2 + normal * step * (NZ - 1) / 2
spheres = [
    (centre + np.array([6.0, 0.0, 0.0]), 4.0, 900.0),
    (centre + np.array([-5.0, 4.0, 3.0]), 3.0, -700.0),
    (centre + np.array([0.0, -6.0, -4.0]), 5.0, 400.0),
]

ii, jj = np.meshgrid(np.arange(NX), np.arange(NY))  # [j, i]
volume = np.zeros((NZ, NY, NX), dtype=np.int16)
for k in range(NZ):
    p = origin[None, None, :] + ii[..., None] * dcol * row + jj[..., None] * drow * col + k * step * normal
    v = 40.0 * np.sin(p[..., 0] / 7.0) * np.cos(p[..., 1] / 5.0) + 2.0 * p[..., 2]
    for c, r, hu in spheres:
        v = np.where(np.linalg.norm(p - c, axis=-1) <= r, hu, v)
    volume[k] = np.round(v).astype(np.int16)

study, series, frame = generate_uid(), generate_uid(), generate_uid()
order = list(range(NZ))[::-1]  # stored head-first: the reader must sort
for n, k in enumerate(order):
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = '1.2.840.10008.5.1.4.1.1.2'
    meta.MediaStorageSOPInstanceUID = generate_uid()
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds = FileDataset(None, {}, file_meta=meta, preamble=b'\0' * 128)
    ds.SOPClassUID, ds.SOPInstanceUID = meta.MediaStorageSOPClassUID, meta.MediaStorageSOPInstanceUID
    ds.StudyInstanceUID, ds.SeriesInstanceUID, ds.FrameOfReferenceUID = study, series, frame
    ds.Modality, ds.PatientName, ds.PatientID = 'CT', 'Phantom^Volume', 'PHANTOM-1'
    ds.InstanceNumber = n + 1
    ds.ImagePositionPatient = [float(x) for x in origin + k * step * normal]
    ds.ImageOrientationPatient = [float(x) for x in np.concatenate([row, col])]
    ds.PixelSpacing = [drow, dcol]
    ds.SliceThickness = 5  # not the step: a reader that uses it is wrong
    ds.Rows, ds.Columns = NY, NX
    ds.SamplesPerPixel, ds.PhotometricInterpretation = 1, 'MONOCHROME2'
    ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 16, 16, 15, 1
    ds.RescaleSlope, ds.RescaleIntercept = 1, 0
    ds.PixelData = volume[k].tobytes()
    ds.is_little_endian, ds.is_implicit_VR = True, False
    ds.save_as(os.path.join(out, 'slice-%02d.dcm' % n), write_like_original=False)

# The reference sampler: patient point -> continuous index by numpy's own inverse, trilinear.
M = np.stack([row * dcol, col * drow, normal * step], axis=1)
Minv = np.linalg.inv(M)
vol = volume.astype(np.float64)
EDGE = 1e-4

def sample(points):
    idx = (points - origin) @ Minv.T  # [..., (i, j, k)]
    i, j, k = idx[..., 0], idx[..., 1], idx[..., 2]
    inside = (i >= -EDGE) & (i <= NX - 1 + EDGE) & (j >= -EDGE) & (j <= NY - 1 + EDGE) & (k >= -EDGE) & (k <= NZ - 1 + EDGE)
    def corner(x, n):
        x = np.clip(x, 0, n - 1)
        lo = np.minimum(np.floor(x), n - 2).astype(int)
        return lo, x - lo
    i0, fi = corner(i, NX); j0, fj = corner(j, NY); k0, fk = corner(k, NZ)
    def at(di, dj, dk):
        return vol[k0 + dk, j0 + dj, i0 + di]
    c00 = at(0, 0, 0) * (1 - fi) + at(1, 0, 0) * fi
    c10 = at(0, 1, 0) * (1 - fi) + at(1, 1, 0) * fi
    c01 = at(0, 0, 1) * (1 - fi) + at(1, 0, 1) * fi
    c11 = at(0, 1, 1) * (1 - fi) + at(1, 1, 1) * fi
    lower = c00 * (1 - fj) + c10 * fj
    upper = c01 * (1 - fj) + c11 * fj
    return lower * (1 - fk) + upper * fk, inside

def rotated(v, axis, degrees):
    axis = np.asarray(axis, dtype=float) / np.linalg.norm(axis)
    t = math.radians(degrees)
    return v * math.cos(t) + np.cross(axis, v) * math.sin(t) + axis * np.dot(axis, v) * (1 - math.cos(t))

def plane(name, r, c, spacing, size):
    r, c = np.asarray(r, float), np.asarray(c, float)
    w, h = size
    o = centre - r * spacing * (w // 2) - c * spacing * (h // 2)
    return {'name': name, 'origin': o.tolist(), 'rowDirection': r.tolist(), 'columnDirection': c.tolist(),
            'rowSpacing': spacing, 'columnSpacing': spacing, 'width': w, 'height': h}

X, Y, Z = np.eye(3)
oblique_r, oblique_c = rotated(X, [1, 1, 0], 35), rotated(-Z, [1, 1, 0], 35)
cases = [
    (plane('coronal', X, -Z, 0.5, (70, 60)), None),
    (plane('sagittal', Y, -Z, 0.5, (70, 60)), None),
    (plane('axial', X, Y, 0.6, (64, 64)), None),
    (plane('oblique', oblique_r, oblique_c, 0.45, (72, 72)), None),
    (plane('coronal-mip-8mm', X, -Z, 0.5, (70, 60)), {'thickness': 8.0, 'mode': 'mip'}),
    (plane('sagittal-minip-6mm', Y, -Z, 0.5, (70, 60)), {'thickness': 6.0, 'mode': 'minip'}),
    (plane('oblique-average-5mm', oblique_r, oblique_c, 0.45, (72, 72)), {'thickness': 5.0, 'mode': 'average'}),
]

entries = []
for p, slab in cases:
    w, h = p['width'], p['height']
    r, c = np.array(p['rowDirection']), np.array(p['columnDirection'])
    xs, ys = np.meshgrid(np.arange(w), np.arange(h))
    base = np.array(p['origin'])[None, None, :] + xs[..., None] * p['columnSpacing'] * r + ys[..., None] * p['rowSpacing'] * c
    if slab is None:
        offsets = [0.0]
    else:
        t = slab['thickness']
        s = min(dcol, drow, step)  # src/volume/reformat.ts slabOffsets: the documented rule
        n = max(2, math.ceil(t / s - 1e-9) + 1)
        offsets = [-t / 2 + q * t / (n - 1) for q in range(n)]
    n_vec = np.cross(r, c)
    values, insides = zip(*[sample(base + o * n_vec) for o in offsets])
    values, insides = np.stack(values), np.stack(insides)
    mode = slab['mode'] if slab else 'average'
    count = insides.sum(axis=0)
    if mode == 'mip':
        result = np.where(insides, values, -np.inf).max(axis=0)
    elif mode == 'minip':
        result = np.where(insides, values, np.inf).min(axis=0)
    else:
        result = np.where(insides, values, 0).sum(axis=0) / np.maximum(count, 1)
    status = np.where(count > 0, 0, 1).astype(np.uint8)
    result = np.where(count > 0, result, 0).astype(np.float32)
    result.tofile(os.path.join(out, p['name'] + '.f32'))
    status.tofile(os.path.join(out, p['name'] + '.u8'))
    entries.append({'plane': p, 'slab': slab, 'sampled': int((count > 0).sum())})

json.dump({'slices': NZ, 'planes': entries, 'sphereCentres': [s[0].tolist() for s in spheres],
           'version': version}, open(os.path.join(out, 'manifest.json'), 'w'), indent=1)
`;

if (!fixturesAreCurrent(`${out}manifest.json`, VERSION)) {
  const result = spawnSync('/usr/bin/python3', ['-c', python, out, String(VERSION)], {
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error(`volume fixtures: python exited ${result.status}`);
}
