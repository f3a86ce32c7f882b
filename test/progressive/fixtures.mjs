// Test data for the progressive (reduced-resolution, partial codestream) tests, made at setup and
// never committed, under test/.tmp/progressive/:
//   source.raw            the synthetic 2048×2560 12-bit mammogram (uint16 little endian): lossless
//                         codecs must give it back exactly;
//   mammo.j2k, mammo.jph  its JPEG 2000 (opj_compress, lossless, 5 levels, LRCP, 1 layer) and HTJ2K
//                         (ojph_compress, reversible, 5 levels) codestreams;
//   small.j2k, small.raw  a 128×128 corner of it in JPEG 2000 (lossless) and its source samples;
//   mammo-j2k.dcm         a Part 10 Digital Mammography image carrying mammo.j2k (1.2.840.10008.1.2.4.90);
//   ref-*.raw             independent reduced-resolution references from Debian's native decoders:
//                         `opj_decompress -r L` and `ojph_expand -skip_res L` on the full codestreams
//                         (full-*), and `opj_decompress -allow-partial -r L` / `ojph_expand -resilient
//                         true -skip_res L` on the first bytes of them (prefix-*), which this script
//                         checks are equal to the full-file ones;
//   manifest.json         UIDs, sizes and the prefix lengths.
// Idempotent (a version stamp in the manifest). Usage: node test/progressive/fixtures.mjs [--force]
import { spawnSync } from 'node:child_process';
import { fixturesAreCurrent } from '../../scripts/test/fixture-manifest.mjs';

const VERSION = 2;
const OUT = 'test/.tmp/progressive';
const manifestPath = `${OUT}/manifest.json`;
if (fixturesAreCurrent(manifestPath, VERSION)) process.exit(0);

const python = String.raw`
import json, os, shutil, subprocess, sys
import numpy as np
import pydicom
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.encaps import encapsulate
OUT, VERSION = sys.argv[1], int(sys.argv[2])
shutil.rmtree(OUT, ignore_errors=True)
os.makedirs(os.path.join(OUT, 'work'))
W, H = 2048, 2560

# A breast-like half ellipse on a dark background, with texture and mild noise (seeded).
y, x = np.mgrid[0:H, 0:W].astype(np.float64)
rng = np.random.default_rng(20250301)
r = np.sqrt((x / (W * 0.9)) ** 2 + ((y - H / 2) / (H * 0.45)) ** 2)
tissue = 2100 + 1200 * np.sqrt(np.clip(1 - r, 0, 1)) + 160 * np.sin(x / 37.0) * np.cos(y / 53.0)
img = np.where(r < 1, tissue, 120 + 0 * x) + rng.normal(0, 6, (H, W))
img = np.clip(np.rint(img), 0, 4095).astype(np.uint16)
img.astype('<u2').tofile(os.path.join(OUT, 'source.raw'))
pgm = os.path.join(OUT, 'work', 'source.pgm')
with open(pgm, 'wb') as f:
    f.write(b'P5\n%d %d\n4095\n' % (W, H))
    f.write(img.astype('>u2').tobytes())

def run(*args):
    subprocess.run(list(args), check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

j2k = os.path.join(OUT, 'mammo.j2k')
jph = os.path.join(OUT, 'mammo.jph')
run('opj_compress', '-i', pgm, '-o', j2k, '-n', '6')
run('ojph_compress', '-i', pgm, '-o', jph, '-reversible', 'true', '-num_decomps', '5')

small = img[1216:1344, 0:128]
small.astype('<u2').tofile(os.path.join(OUT, 'small.raw'))
small_pgm = os.path.join(OUT, 'work', 'small.pgm')
with open(small_pgm, 'wb') as f:
    f.write(b'P5\n128 128\n4095\n')
    f.write(small.astype('>u2').tobytes())
run('opj_compress', '-i', small_pgm, '-o', os.path.join(OUT, 'small.j2k'))

def read_pgm(path):
    data = open(path, 'rb').read()
    fields, at = [], 0
    while len(fields) < 4:
        while data[at:at + 1].isspace(): at += 1
        if data[at:at + 1] == b'#':
            at = data.index(b'\n', at) + 1
            continue
        end = at
        while not data[end:end + 1].isspace(): end += 1
        fields.append(data[at:end]); at = end
    at += 1
    w, h = int(fields[1]), int(fields[2])
    return np.frombuffer(data[at:at + w * h * 2], dtype='>u2').reshape(h, w)

def reference(kind, codestream, level, name, prefix_bytes=None):
    src = codestream
    if prefix_bytes is not None:
        src = os.path.join(OUT, 'work', name + os.path.splitext(codestream)[1])
        open(src, 'wb').write(open(codestream, 'rb').read()[:prefix_bytes])
    out = os.path.join(OUT, 'work', name + '.pgm')
    if kind == 'j2k':
        run('opj_decompress', '-i', src, '-o', out, '-r', str(level), *(['-allow-partial'] if prefix_bytes else []))
    else:
        run('ojph_expand', '-i', src, '-o', out, '-skip_res', '%d,%d' % (level, level), *(['-resilient', 'true'] if prefix_bytes else []))
    pixels = read_pgm(out)
    pixels.astype('<u2').tofile(os.path.join(OUT, 'ref-' + name + '.raw'))
    return pixels

manifest = {'version': VERSION, 'columns': W, 'rows': H, 'bitsStored': 12, 'codestreams': {}}
# Prefix shares: a level-L decode needs about 4^-L of the coded bytes; these are comfortably above.
cases = {'j2k': (j2k, [(3, 0.05), (2, 0.15)]), 'htj2k': (jph, [(3, 0.05), (2, 0.15)])}
for kind, (path, levels) in cases.items():
    size = os.path.getsize(path)
    refs = []
    for level, share in levels:
        prefix = int(size * share)
        full = reference('j2k' if kind == 'j2k' else 'htj2k', path, level, '%s-full-r%d' % (kind, level))
        part = reference('j2k' if kind == 'j2k' else 'htj2k', path, level, '%s-prefix-r%d' % (kind, level), prefix)
        if full.shape != part.shape or not np.array_equal(full, part):
            sys.exit('%s: the native decode of the first %d bytes at level %d differs from the full file' % (kind, prefix, level))
        refs.append({'level': level, 'prefixBytes': prefix, 'columns': int(full.shape[1]), 'rows': int(full.shape[0]),
                     'full': 'ref-%s-full-r%d.raw' % (kind, level), 'prefix': 'ref-%s-prefix-r%d.raw' % (kind, level)})
    manifest['codestreams'][kind] = {'file': os.path.basename(path), 'bytes': size, 'references': refs}

ROOT = '1.2.826.0.1.3680043.10.1001.77.'
meta = FileMetaDataset()
meta.MediaStorageSOPClassUID = '1.2.840.10008.5.1.4.1.1.1.2'
meta.MediaStorageSOPInstanceUID = ROOT + '3.1'
meta.TransferSyntaxUID = '1.2.840.10008.1.2.4.90'
meta.ImplementationClassUID = ROOT + '9'
ds = Dataset(); ds.file_meta = meta
ds.is_little_endian = True; ds.is_implicit_VR = False
ds.SOPClassUID = meta.MediaStorageSOPClassUID; ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
ds.PatientName = 'Test^Progressive'; ds.PatientID = 'CB-PROG-1'
ds.StudyInstanceUID = ROOT + '1'; ds.SeriesInstanceUID = ROOT + '2'
ds.StudyDate = '20250301'; ds.StudyTime = '101010'; ds.AccessionNumber = 'PROG1'; ds.StudyID = '1'
ds.SeriesNumber = 1; ds.InstanceNumber = 1; ds.Modality = 'MG'; ds.SeriesDescription = 'Progressive J2K'
ds.Rows = H; ds.Columns = W; ds.SamplesPerPixel = 1; ds.PhotometricInterpretation = 'MONOCHROME2'
ds.BitsAllocated = 16; ds.BitsStored = 12; ds.HighBit = 11; ds.PixelRepresentation = 0
ds.WindowCenter = 2048; ds.WindowWidth = 4096
ds.PixelData = encapsulate([open(j2k, 'rb').read()])
ds['PixelData'].is_undefined_length = True
ds.save_as(os.path.join(OUT, 'mammo-j2k.dcm'), write_like_original=False)
manifest['instance'] = {'file': 'mammo-j2k.dcm', 'studyInstanceUid': ds.StudyInstanceUID,
                        'seriesInstanceUid': ds.SeriesInstanceUID, 'sopInstanceUid': ds.SOPInstanceUID}
shutil.rmtree(os.path.join(OUT, 'work'))
json.dump(manifest, open(os.path.join(OUT, 'manifest.json'), 'w'), indent=1)
`;

const made = spawnSync('/usr/bin/python3', ['-c', python, OUT, String(VERSION)], {
  stdio: 'inherit',
});
if (made.status !== 0) process.exit(made.status ?? 1);
