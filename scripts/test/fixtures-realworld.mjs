// References for the real-world corpus (test/realworld/files, see its README): for each file, the
// values decodeFrame must return, computed here by independent decoders — GDCM (gdcmconv --raw,
// --apply-lut), DCMTK (dcmcjpeg for the one file made at fixture time) and pydicom with numpy —
// never by Courbaril. Written to test/.tmp/realworld/ (git-ignored): manifest.json and one .bin
// little-endian file per frame, after 8 NUL bytes: @web/dev-server turns any response whose first
// bytes hold no NUL into a UTF-8 string, which mangles references that happen to look like text. A reference two decoders disagree on fails the fixture rather
// than the test. Idempotent: returns at once when this version's manifest exists.
// Usage: node scripts/test/fixtures-realworld.mjs [--force]
import { spawnSync } from 'node:child_process';
import { fixturesAreCurrent } from './fixture-manifest.mjs';

const VERSION = 8;
const FILES = 'test/realworld/files';
const OUT = 'test/.tmp/realworld';
const manifest = `${OUT}/manifest.json`;
if (fixturesAreCurrent(manifest, VERSION)) process.exit(0);

const python = String.raw`
import json, os, shutil, subprocess, sys, zlib, warnings
import numpy as np
import pydicom
from pydicom.encaps import generate_pixel_data_frame
warnings.filterwarnings('ignore')
FILES, OUT, VERSION = sys.argv[1], sys.argv[2], int(sys.argv[3])
shutil.rmtree(OUT, ignore_errors=True)
for d in ('expected', 'work', 'files'): os.makedirs(os.path.join(OUT, d))
entries = []
HEADER = 8  # NUL bytes before each reference, see the note at the top

def run(cmd):
    r = subprocess.run(cmd, capture_output=True, timeout=120)
    if r.returncode != 0: raise RuntimeError(' '.join(cmd) + ' failed: ' + r.stderr.decode()[-300:])

def work(name): return os.path.join(OUT, 'work', name)

def add(name, file, frames, dtype, pi, spp, source, what, tolerance=0):
    paths = []
    for i, f in enumerate(frames):
        p = os.path.join('expected', f'{name}.{i}.bin')
        with open(os.path.join(OUT, p), 'wb') as fh:
            fh.write(bytes(HEADER))
            fh.write(np.ascontiguousarray(f, dtype=np.dtype(dtype).newbyteorder('<')).tobytes())
        paths.append(p)
    rows, cols = frames[0].shape[0], frames[0].shape[1]
    entries.append(dict(name=name, file=file, frames=len(paths), rows=int(rows), columns=int(cols),
        samplesPerPixel=spp, photometricInterpretation=pi, dtype=dtype, tolerance=tolerance,
        source=source, exercises=what, expected=paths))

def frames_of(arr, ds):
    return list(arr) if int(getattr(ds, 'NumberOfFrames', 1) or 1) > 1 else [arr]

def agree(a, b, what):
    a, b = np.asarray(a), np.asarray(b)
    if a.shape != b.shape or not np.array_equal(a, b): raise RuntimeError('independent decoders disagree: ' + what)

# 1. PALETTE COLOR, explicit VR big endian, segmented 16-bit LUTs with 65536 entries (descriptor 0).
#    GDCM applies the palette (gdcmconv --apply-lut); pydicom's apply_color_lut must agree exactly.
#    decodeFrame returns 8-bit RGB: the 16-bit entries' high bytes.
src = os.path.join(FILES, 'gdcm-US-ALOKA-16_big.dcm')
run(['gdcmconv', '--apply-lut', src, work('aloka-rgb.dcm')])
rgb16 = pydicom.dcmread(work('aloka-rgb.dcm')).pixel_array
ds = pydicom.dcmread(src)
from pydicom.pixel_data_handlers.util import apply_color_lut
agree(rgb16, apply_color_lut(ds.pixel_array, ds), 'ALOKA palette (GDCM vs pydicom)')
add('gdcm-US-ALOKA-16_big', 'gdcm-US-ALOKA-16_big.dcm', [(rgb16 >> 8).astype(np.uint8)], 'uint8', 'RGB', 3,
    'gdcmconv --apply-lut (= pydicom apply_color_lut), high byte',
    'big endian PALETTE COLOR, segmented 16-bit LUTs, descriptor 0 = 65536 entries, 16-bit indices')

# 1b. PALETTE COLOR, explicit VR big endian, 8-bit stored values in an OW value (PS3.5 A.3: swapped
#     as 16-bit words) and 16-bit LUT entries. GDCM applies the palette (8-bit out); DCMTK converts
#     to little endian (dcmconv +te) and pydicom's apply_color_lut must then agree on the high bytes.
src = os.path.join(FILES, 'OBXXXX1A_expb.dcm')
run(['gdcmconv', '--apply-lut', src, work('ob-rgb.dcm')])
gdcm_rgb = pydicom.dcmread(work('ob-rgb.dcm')).pixel_array
run(['dcmconv', '+te', src, work('ob-le.dcm')])
ds = pydicom.dcmread(work('ob-le.dcm'))
agree(gdcm_rgb, (apply_color_lut(ds.pixel_array, ds) >> 8).astype(np.uint8), 'OBXXXX1A palette (GDCM vs DCMTK + pydicom)')
add('OBXXXX1A_expb', 'OBXXXX1A_expb.dcm', [gdcm_rgb], 'uint8', 'RGB', 3, 'gdcmconv --apply-lut (= dcmconv +te, pydicom apply_color_lut)',
    'big endian PALETTE COLOR, 8-bit stored values in OW, 16-bit LUT entries')

# 2. One-bit segmentations. Reference: pydicom's unpacking of the native little-endian files
#    (liver.dcm: frames on byte boundaries; liver_nonbyte_aligned.dcm: 510×510, so frames 1 and 2
#    start mid-byte). The compressed twins must hold the same pixels: checked here with zlib
#    (Deflated Image Frame Compression: raw deflate of each frame's packed bits, PS3.5 8.2.16)
#    and GDCM (the JPEG 2000 one), so the reference is not just a guess at what the twin holds.
def liver(native):
    ds = pydicom.dcmread(os.path.join(FILES, native + '.dcm'))
    return ds, frames_of(ds.pixel_array.astype(np.uint8), ds)
for native, twins in (('liver', ('liver_deflate', 'liver_rle')),
                      ('liver_nonbyte_aligned', ('liver_nonbyte_aligned_deflate', 'liver_nonbyte_aligned_rle', 'liver_nonbyte_aligned_j2k'))):
    ds, ref = liver(native)
    pixels = int(ds.Rows) * int(ds.Columns)
    add(native, native + '.dcm', ref, 'uint8', 'MONOCHROME2', 1, 'pydicom (native bit unpacking)',
        'Bits Allocated 1, native' + (', frames starting mid-byte' if pixels % 8 else ''))
    for twin in twins:
        tds = pydicom.dcmread(os.path.join(FILES, twin + '.dcm'))
        fragments = list(generate_pixel_data_frame(tds.PixelData, len(ref)))
        if twin.endswith('_deflate'):
            inflated = [np.unpackbits(np.frombuffer(zlib.decompress(f, -15), np.uint8), bitorder='little')[:pixels] for f in fragments]
            agree(np.stack(inflated), np.stack(ref).reshape(len(ref), -1), twin + ' (zlib vs native twin)')
            what = 'Bits Allocated 1, Deflated Image Frame Compression (1.2.840.10008.1.2.8.1)'
        elif twin.endswith('_j2k'):
            run(['gdcmconv', '--raw', os.path.join(FILES, twin + '.dcm'), work('j2k.dcm')])
            raw = pydicom.dcmread(work('j2k.dcm'))
            agree(np.frombuffer(raw.PixelData, np.uint8)[:pixels * len(ref)].reshape(len(ref), -1), np.stack(ref).reshape(len(ref), -1), twin + ' (GDCM vs native twin)')
            what = 'Bits Allocated 1, JPEG 2000 lossless (1-bit codestream)'
        else:
            what = 'Bits Allocated 1, RLE Lossless (one segment of packed bits per frame)'
        add(twin, twin + '.dcm', ref, 'uint8', 'MONOCHROME2', 1, 'pydicom on the native twin ' + native + '.dcm', what)

# 3. Float and Double Float Pixel Data (parametric maps): the IEEE values themselves.
for name, dtype in (('parametric_map_float', 'float32'), ('parametric_map_double_float', 'float64')):
    ds = pydicom.dcmread(os.path.join(FILES, name + '.dcm'))
    add(name, name + '.dcm', frames_of(ds.pixel_array, ds), dtype, 'MONOCHROME2', 1, 'pydicom',
        ('Float' if dtype == 'float32' else 'Double Float') + ' Pixel Data')

# 4. JPEG 2000 lossless without its sequence delimiter (the last 8 bytes of the file missing):
#    GDCM decodes the complete twin; all ten frames are there and must match it exactly.
run(['gdcmconv', '--raw', os.path.join(FILES, 'emri_small_jpeg_2k_lossless.dcm'), work('emri.dcm')])
ds = pydicom.dcmread(work('emri.dcm'))
emri = [f.astype(np.uint16) & 0x0fff for f in frames_of(ds.pixel_array, ds)]
for name in ('emri_small_jpeg_2k_lossless', 'emri_small_jpeg_2k_lossless_too_short'):
    add(name, name + '.dcm', emri, 'uint16', 'MONOCHROME2', 1, 'gdcmconv --raw on emri_small_jpeg_2k_lossless.dcm',
        'JPEG 2000 lossless, 12-bit, 10 frames' + (', file ends without the sequence delimiter' if 'short' in name else ''))

# 5. 16-bit colour JPEG lossless (process 14, three components), encoded here by DCMTK from
#    pydicom's SC_rgb_16bit.dcm; GDCM must decode it back to the source. 8-bit RGB out: the high bytes.
src = os.path.join(FILES, 'SC_rgb_16bit.dcm')
for ts, flag, name in (('1.2.840.10008.1.2.4.57', '+el', 'SC_rgb_16bit_jpeg_lossless_p14'), ('1.2.840.10008.1.2.4.70', '+e1', 'SC_rgb_16bit_jpeg_lossless_sv1')):
    out = os.path.join(OUT, 'files', name + '.dcm')
    run(['dcmcjpeg', flag, src, out])
    if str(pydicom.dcmread(out).file_meta.TransferSyntaxUID) != ts: raise RuntimeError('dcmcjpeg wrote another syntax')
    run(['gdcmconv', '--raw', out, work('back.dcm')])
    back = pydicom.dcmread(work('back.dcm')).pixel_array
    source = pydicom.dcmread(src).pixel_array
    agree(back, source, name + ' (GDCM vs source)')
    add(name, '/test/.tmp/realworld/files/' + name + '.dcm', [(source >> 8).astype(np.uint8)], 'uint8', 'RGB', 3,
        'SC_rgb_16bit.dcm (= gdcmconv --raw of the DCMTK encoding), high byte', '16-bit RGB JPEG lossless ' + ts)

# 6. Bits Allocated 1 in a big endian OW value (PS3.5 A.3: OW is swapped as 16-bit words whatever
#    Bits Allocated says). Written here from liver_nonbyte_aligned.dcm's packed bits (frames 1 and 2
#    start mid-byte, so mid-word too); DCMTK converts it back to little endian (dcmconv +te) and
#    pydicom's unpacking of that must give the native twin's pixels.
from pydicom.uid import ExplicitVRBigEndian
ds = pydicom.dcmread(os.path.join(FILES, 'liver_nonbyte_aligned.dcm'))
ref = frames_of(ds.pixel_array.astype(np.uint8), ds)
packed = bytes(ds.PixelData) + (b'\0' if len(ds.PixelData) % 2 else b'')
be = pydicom.Dataset()
be.file_meta = pydicom.dataset.FileMetaDataset()
be.file_meta.TransferSyntaxUID = ExplicitVRBigEndian
be.file_meta.MediaStorageSOPClassUID = ds.SOPClassUID
be.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
be.is_little_endian, be.is_implicit_VR = False, False
for keyword in ('SOPClassUID', 'SOPInstanceUID', 'Rows', 'Columns', 'NumberOfFrames', 'SamplesPerPixel',
                'PhotometricInterpretation', 'BitsAllocated', 'BitsStored', 'HighBit', 'PixelRepresentation'):
    setattr(be, keyword, getattr(ds, keyword))
be.add_new(0x7FE00010, 'OW', bytes(b for i in range(0, len(packed), 2) for b in (packed[i + 1], packed[i])))
name = 'liver_nonbyte_aligned_ow_big_endian'
out = os.path.join(OUT, 'files', name + '.dcm')
be.save_as(out, write_like_original=False)
run(['dcmconv', '+te', out, work('be-le.dcm')])
le = pydicom.dcmread(work('be-le.dcm'))
agree(np.stack(frames_of(le.pixel_array.astype(np.uint8), le)), np.stack(ref), name + ' (DCMTK + pydicom vs native twin)')
add(name, '/test/.tmp/realworld/files/' + name + '.dcm', ref, 'uint8', 'MONOCHROME2', 1,
    'dcmconv +te then pydicom (= the native twin)', 'Bits Allocated 1 in big endian OW, frames starting mid-word')

# 7. Bits Allocated 1 in a real big endian file: pydicom-data's liver_expb.dcm (liver.dcm written as
#    Explicit VR Big Endian, OB: bytes are not swapped, PS3.5 A.3). pydicom reads it, and DCMTK's
#    little endian conversion of it (dcmconv +te) read by pydicom, must both give liver.dcm's pixels.
ds = pydicom.dcmread(os.path.join(FILES, 'liver.dcm'))
ref = frames_of(ds.pixel_array.astype(np.uint8), ds)
be = pydicom.dcmread(os.path.join(FILES, 'liver_expb.dcm'))
agree(np.stack(frames_of(be.pixel_array.astype(np.uint8), be)), np.stack(ref), 'liver_expb (pydicom vs native twin)')
run(['dcmconv', '+te', os.path.join(FILES, 'liver_expb.dcm'), work('expb-le.dcm')])
le = pydicom.dcmread(work('expb-le.dcm'))
agree(np.stack(frames_of(le.pixel_array.astype(np.uint8), le)), np.stack(ref), 'liver_expb (DCMTK + pydicom vs native twin)')
add('liver_expb', 'liver_expb.dcm', ref, 'uint8', 'MONOCHROME2', 1, 'pydicom and dcmconv +te (= the native twin liver.dcm)',
    'Bits Allocated 1, Explicit VR Big Endian (OB), 3 frames')

# 8. First Mapped Value other than 0 (PS3.3 C.7.6.3.1.5: stored values below it take the first
#    entry, above the table the last). No public file has one, so OBXXXX1A's little endian twin
#    (DCMTK's dcmconv +te above) gets 64 as its first mapped value and 128 entries here: its stored
#    values (0 to 255) run below and above the table. GDCM refuses such a table (an assertion in
#    gdcm::LookupTable), so DCMTK renders it (dcm2pnm, 8-bit RGB) and pydicom's apply_color_lut
#    must agree on the high bytes. DCMTK's rendering of the unmodified twin equals GDCM's.
def ppm(path):
    header, _, rest = open(path, 'rb').read().partition(b'\n255\n')
    width, height = map(int, header.split()[1:3])
    return np.frombuffer(rest, np.uint8).reshape(height, width, 3)
run(['dcm2pnm', '--write-raw-pnm', work('ob-le.dcm'), work('ob-le.ppm')])
agree(ppm(work('ob-le.ppm')), gdcm_rgb, 'OBXXXX1A palette (DCMTK dcm2pnm vs GDCM)')
ds = pydicom.dcmread(work('ob-le.dcm'))
for channel in ('Red', 'Green', 'Blue'):
    bits = ds[channel + 'PaletteColorLookupTableDescriptor'].value[2]
    ds[channel + 'PaletteColorLookupTableDescriptor'].value = [128, 64, bits]
    data = ds[channel + 'PaletteColorLookupTableData']
    data.value = bytes(data.value)[:256]
name = 'OBXXXX1A_first_mapped_64'
out = os.path.join(OUT, 'files', name + '.dcm')
ds.save_as(out, write_like_original=False)
run(['dcm2pnm', '--write-raw-pnm', out, work('fm.ppm')])
dcmtk_rgb = ppm(work('fm.ppm'))
check = pydicom.dcmread(out)
agree(dcmtk_rgb, (apply_color_lut(check.pixel_array, check) >> 8).astype(np.uint8), name + ' (DCMTK vs pydicom)')
if not (check.pixel_array.min() < 64 and check.pixel_array.max() > 191): raise RuntimeError(name + ': values do not run below and above the table')
add(name, '/test/.tmp/realworld/files/' + name + '.dcm', [dcmtk_rgb], 'uint8', 'RGB', 3, 'dcm2pnm (DCMTK) = pydicom apply_color_lut',
    'PALETTE COLOR with First Mapped Value 64 and 128 entries (stored values below and above the table)')

# 10. Indirect segments (PS3.3 C.7.9.2.3). No public file has one, so the real Aloka file gets new
#     segmented LUTs: a discrete segment, a linear one with an exact integer step, then an indirect
#     segment copying both from offset 0 (the one offset where a byte offset and pydicom's word
#     index agree), 65536 entries in all. Reference: pydicom's apply_color_lut, which must equal the
#     table built here straight from the standard's rules. GDCM cannot be the reference: its copy of
#     the linear segment is off by one (41102 for 41103 at stored value 45088).
import struct
src = os.path.join(FILES, 'gdcm-US-ALOKA-16_big.dcm')
ds = pydicom.dcmread(src)
tables = []
for i, (discrete, step) in enumerate((([0, 28784], 1), ([100, 200, 300], 1), ([65535], -2))):
    n = 32768 - len(discrete)
    words = [0, len(discrete), *discrete, 1, n, discrete[-1] + step * n, 2, 2, 0, 0]
    ds[0x00281221 + i].value = struct.pack('>%dH' % len(words), *words)
    half = np.array(discrete + [discrete[-1] + step * k for k in range(1, n + 1)], np.uint16)
    tables.append(np.concatenate([half, half]))
name = 'ALOKA_indirect_segments'
out = os.path.join(OUT, 'files', name + '.dcm')
ds.save_as(out, write_like_original=False)
check = pydicom.dcmread(out)
rgb16 = apply_color_lut(check.pixel_array, check)
agree(rgb16, np.stack(tables, axis=-1)[check.pixel_array], name + ' (pydicom vs the standard\'s rules)')
if not (check.pixel_array >= 32768).any(): raise RuntimeError(name + ': no stored value reaches the copied segments')
add(name, '/test/.tmp/realworld/files/' + name + '.dcm', [(rgb16 >> 8).astype(np.uint8)], 'uint8', 'RGB', 3,
    'pydicom apply_color_lut (= the table built from C.7.9.2), high byte',
    'PALETTE COLOR, segmented LUTs with an indirect segment, big endian')

# 9. A file cut inside its native Pixel Data, pydicom's own test file MR_truncated.dcm (8130 of the
#    8192 bytes declared). No decoder gives a reference: pydicom reads the 8130 bytes but refuses
#    the pixel array; Courbaril must refuse it with a typed error (test/realworld/unsupported-
#    features.test.ts). Copied from python3-pydicom (MIT).
from pydicom.data import get_testdata_file
truncated = get_testdata_file('MR_truncated.dcm')
if len(pydicom.dcmread(truncated).PixelData) != 8130: raise RuntimeError('MR_truncated.dcm is not the file the test expects')
shutil.copy(truncated, os.path.join(OUT, 'files', 'MR_truncated.dcm'))

json.dump(dict(version=VERSION, headerBytes=HEADER, entries=entries), open(os.path.join(OUT, 'manifest.json'), 'w'), indent=1)
print(f'real-world fixtures: {len(entries)} references')
`;

const result = spawnSync('/usr/bin/python3', ['-c', python, FILES, OUT, String(VERSION)], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
