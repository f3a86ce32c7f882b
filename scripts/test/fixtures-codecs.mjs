// Builds the codec test corpus and its references under test/.tmp/codecs/ (git-ignored):
//  - every image among pydicom's test files, with expected values from independent decoders
//    (gdcmconv --raw, falling back to dcmdjpeg/dcmdjpls/dcmdrle, then pydicom's numpy handler);
//  - generated files for each transfer syntax × (8, 12, 16-bit unsigned/signed, RGB, multi-frame,
//    odd sizes), encoded with dcmtk, gdcm and OpenJPH tools from synthetic numpy sources.
// Lossless expectations are the synthetic sources themselves; lossy ones an independent decode.
// Idempotent: returns at once when the manifest of this version exists. Usage: node scripts/test/fixtures-codecs.mjs [--force]
// (`--encode-htj2k IN OUT COLUMNS ROWS BITS SIGNED REVERSIBLE RPCL` is the script calling itself, see below.)
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fixturesAreCurrent } from './fixture-manifest.mjs';

const VERSION = 6;

// Signed HTJ2K is encoded with the current OpenJPH (its WASM build, in Node): Debian's
// ojph_compress 0.9.0 codes negative samples in a way only OpenJPH 0.9 reads back
// (aous72/OpenJPH#102); OpenJPEG 2.5 and current OpenJPH both decode its signed files wrong.
// Every stream made here is checked against the source with OpenJPEG (opj_decompress) below.
if (process.argv[2] === '--encode-htj2k') {
  const [input, output, columns, rows, bits, signed, reversible, rpcl] = process.argv.slice(3);
  const factory = createRequire(import.meta.url)('@cornerstonejs/codec-openjph/wasmjs');
  const openjph = await factory({ print: () => undefined, printErr: () => undefined });
  const encoder = new openjph.HTJ2KEncoder();
  const frameInfo = {
    width: Number(columns),
    height: Number(rows),
    bitsPerSample: Number(bits),
    componentCount: 1,
    isSigned: signed === 'true',
    isUsingColorTransform: false,
  };
  encoder.getDecodedBuffer(frameInfo).set(readFileSync(input));
  encoder.setQuality(reversible === 'true', reversible === 'true' ? 0 : 0.005);
  if (rpcl === 'true') encoder.setProgressionOrder(2);
  encoder.encode();
  writeFileSync(output, encoder.getEncodedBuffer());
  encoder.delete();
  process.exit(0);
}
const OUT = 'test/.tmp/codecs';
const manifest = `${OUT}/manifest.json`;
if (fixturesAreCurrent(manifest, VERSION)) process.exit(0);

const python = String.raw`
import json, os, shutil, subprocess, sys, glob, warnings
import numpy as np
import pydicom
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import generate_uid, ExplicitVRLittleEndian
from pydicom.pixel_data_handlers.util import convert_color_space, apply_color_lut
from pydicom.encaps import encapsulate
warnings.filterwarnings('ignore')
import pydicom._uid_dict as _uids
for _uid, _name in (('1.2.840.10008.1.2.4.201', 'HTJ2KLossless'), ('1.2.840.10008.1.2.4.202', 'HTJ2KLosslessRPCL'), ('1.2.840.10008.1.2.4.203', 'HTJ2K')):
    _uids.UID_dictionary.setdefault(_uid, (_name, 'Transfer Syntax', '', '', _name))  # pydicom 2.3 predates HTJ2K
OUT, VERSION = sys.argv[1], int(sys.argv[2])
shutil.rmtree(OUT, ignore_errors=True)
for d in ('files', 'expected', 'work'): os.makedirs(os.path.join(OUT, d))
TOL = {  # max abs difference allowed per transfer syntax (lossy only), see README in manifest
  '1.2.840.10008.1.2.4.50': 2, '1.2.840.10008.1.2.4.51': 2, '1.2.840.10008.1.2.4.81': 0,
  '1.2.840.10008.1.2.4.91': 1, '1.2.840.10008.1.2.4.203': 1}
entries, skipped = [], []

class MissingProgram(BaseException):
    # Not an Exception: the per-file skips below must not swallow a program missing from
    # TEST_PACKAGES (a bare machine silently lost the signed HTJ2K references that way).
    pass

def run(cmd):
    try:
        r = subprocess.run(cmd, capture_output=True, timeout=120)
    except FileNotFoundError as e:
        raise MissingProgram(str(e))
    return r.returncode == 0

def stored(arr, ds):
    bits, ba = int(ds.BitsStored), int(ds.BitsAllocated)
    signed = int(getattr(ds, 'PixelRepresentation', 0)) == 1
    if ba == 1: return arr.astype(np.uint8), False
    dt = {8: np.int8 if signed else np.uint8, 16: np.int16 if signed else np.uint16, 32: np.int32 if signed else np.uint32}[ba]
    a = arr.astype(np.int64) & ((1 << bits) - 1)
    if signed: a = np.where(a >= (1 << (bits - 1)), a - (1 << bits), a)
    return a.astype(dt), signed

def expected_from(ds, frames):
    """Expected output of decodeFrame from an uncompressed data set read by pydicom."""
    arr = ds.pixel_array
    spp = int(getattr(ds, 'SamplesPerPixel', 1))
    if frames == 1: arr = arr[np.newaxis]
    pi = str(ds.PhotometricInterpretation).strip()
    if spp == 3:
        if pi.startswith('YBR_FULL'):
            arr = convert_color_space(arr, 'YBR_FULL', 'RGB')  # 422 is already upsampled by pydicom
        if int(ds.BitsStored) > 8: arr = arr >> (min(int(ds.BitsStored), 16) - 8)
        return [f.astype(np.uint8) for f in arr], 'RGB', False, 8
    if pi == 'PALETTE COLOR':
        out = []
        for f in arr:
            rgb = apply_color_lut(f, ds)
            bits = int(ds.RedPaletteColorLookupTableDescriptor[2])
            out.append((rgb >> (8 if bits == 16 and rgb.max() > 255 else 0)).astype(np.uint8))
        return out, 'RGB', False, 8
    out, signed = [], False
    for f in arr:
        s, signed = stored(f, ds)
        out.append(s)
    return out, pi, signed, int(ds.BitsStored)

def add(name, path, ts, ref_ds, frames, tolerance, source):
    exp, pi, signed, bits = expected_from(ref_ds, frames)
    files = []
    for i, f in enumerate(exp):
        p = os.path.join('expected', f'{name}.{i}.raw')
        f.astype(f.dtype.newbyteorder('<')).tofile(os.path.join(OUT, p))
        files.append(p)
    dst = os.path.join('files', name + '.dcm')
    shutil.copyfile(path, os.path.join(OUT, dst))
    entries.append(dict(name=name, file=dst, transferSyntaxUid=ts, frames=len(files), rows=int(ref_ds.Rows),
        columns=int(ref_ds.Columns), samplesPerPixel=3 if pi == 'RGB' else 1, photometricInterpretation=pi,
        signed=bool(signed), bitsStored=bits, dtype=str(exp[0].dtype), tolerance=tolerance, source=source, expected=files))

UNCOMPRESSED = {'1.2.840.10008.1.2', '1.2.840.10008.1.2.1', '1.2.840.10008.1.2.2', '1.2.840.10008.1.2.1.99'}
TOOLS = {'1.2.840.10008.1.2.5': ['dcmdrle'], '1.2.840.10008.1.2.4.80': ['dcmdjpls'], '1.2.840.10008.1.2.4.81': ['dcmdjpls']}
for ts in ('50', '51', '57', '70'): TOOLS['1.2.840.10008.1.2.4.' + ts] = ['dcmdjpeg']

# Files whose data set lies about the codestream, with the reference decoder that reads what was coded.
MISLABELLED = {
    # Photometric Interpretation RGB, but old GDCM coded YCbCr 4:2:0 (component IDs 1,2,3, subsampled
    # chroma, as libjpeg does by default). gdcmconv --raw trusts the PI and returns YCbCr bytes as RGB
    # (off by up to 255 from the picture, which pydicom's SC_rgb_rle.dcm holds losslessly); dcmdjpeg +cg
    # converts because IJG guesses YCbCr, and lands within JPEG loss of SC_rgb_rle.dcm.
    'SC_rgb_jpeg_lossy_gdcm': ['dcmdjpeg', '+cg'],
}

def reference(path, ts, work):
    """Uncompressed twin of path from an independent decoder: (data set, which tool)."""
    if ts in UNCOMPRESSED: return pydicom.dcmread(path), 'pydicom'
    special = MISLABELLED.get(os.path.basename(path)[:-4])
    if special and run(special + [path, work]): return pydicom.dcmread(work), ' '.join(special)
    # GDCM writes wrong values for single-frame 16/32-bit RGB RLE: dcmtk first for RLE.
    tools = TOOLS.get(ts, []) + ['gdcmconv --raw'] if ts == '1.2.840.10008.1.2.5' else ['gdcmconv --raw'] + TOOLS.get(ts, [])
    for tool in tools:
        cmd = tool.split() + [path, work]
        if run(cmd):
            try:
                ds = pydicom.dcmread(work)
                if ds.file_meta.TransferSyntaxUID in UNCOMPRESSED:
                    ds.pixel_array
                    return ds, tool
            except Exception:
                pass
    raise RuntimeError('no independent decoder could decode it')

# 1. pydicom's own test files
src = '/usr/lib/python3/dist-packages/pydicom/data/test_files'
for path in sorted(glob.glob(src + '/*.dcm')):
    name = 'pydicom-' + os.path.basename(path)[:-4].replace('+', '_')
    try:
        ds = pydicom.dcmread(path, force=True)
        if 'PixelData' not in ds: continue
        ts = str(getattr(ds.file_meta, 'TransferSyntaxUID', '1.2.840.10008.1.2')) if hasattr(ds, 'file_meta') else '1.2.840.10008.1.2'
        ref, tool = reference(path, ts, os.path.join(OUT, 'work', 'ref.dcm'))
        frames = int(getattr(ref, 'NumberOfFrames', 1) or 1)
        add(name, path, ts, ref, frames, TOL.get(ts, 0), tool)
    except Exception as e:
        skipped.append(dict(name=name, reason=str(e)[:160]))

# 2. generated sources
rng = np.random.default_rng(7)
def source(kind, rows, cols, frames=1):
    ds = Dataset()
    ds.file_meta = FileMetaDataset()
    ds.file_meta.MediaStorageSOPClassUID = '1.2.840.10008.5.1.4.1.1.7'
    ds.file_meta.MediaStorageSOPInstanceUID = generate_uid()
    ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds.is_little_endian, ds.is_implicit_VR = True, False
    ds.SOPClassUID, ds.SOPInstanceUID = ds.file_meta.MediaStorageSOPClassUID, ds.file_meta.MediaStorageSOPInstanceUID
    ds.StudyInstanceUID, ds.SeriesInstanceUID, ds.Modality = generate_uid(), generate_uid(), 'OT'
    ds.Rows, ds.Columns = rows, cols
    bits, signed, spp = {'u8': (8, 0, 1), 'u12': (12, 0, 1), 's12': (12, 1, 1), 'u16': (16, 0, 1), 's16': (16, 1, 1), 'rgb': (8, 0, 3)}[kind]
    ds.SamplesPerPixel, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = spp, bits, bits - 1, signed
    ds.BitsAllocated = 8 if bits == 8 else 16
    ds.PhotometricInterpretation = 'RGB' if spp == 3 else 'MONOCHROME2'
    if spp == 3: ds.PlanarConfiguration = 0
    if frames > 1: ds.NumberOfFrames = frames
    y, x = np.mgrid[0:rows, 0:cols]
    lo, hi = (-(1 << (bits - 1)), (1 << (bits - 1)) - 1) if signed else (0, (1 << bits) - 1)
    shape = (frames, rows, cols) + ((3,) if spp == 3 else ())
    smooth = (x[..., None] * 3 + y[..., None] * 5) if spp == 3 else (x * 3 + y * 5)
    base = lo + (smooth[None] * (hi - lo) / (smooth.max() + 1)).astype(np.int64)
    noise = rng.integers(-(hi - lo) // 16, (hi - lo) // 16 + 1, size=shape)
    arr = np.clip(base + noise, lo, hi)
    arr[:, 0, 0], arr[:, -1, -1] = lo, hi
    dt = {8: np.uint8, 16: np.int16 if signed else np.uint16}[ds.BitsAllocated]
    arr = arr.astype(dt)
    ds.PixelData = (arr[0] if frames == 1 else arr).tobytes()
    return ds, arr

SOURCES = {'u8': (51, 67, 1), 'u12': (48, 33, 1), 's12': (31, 40, 1), 'u16': (40, 37, 1), 's16': (33, 29, 1),
           'rgb': (37, 41, 1), 'u16x3': (24, 20, 3)}
ENCODE = [  # (ts, name, command taking (in, out); None = ojph)
    ('1.2.840.10008.1.2', 'implicit', ['dcmconv', '+ti']), ('1.2.840.10008.1.2.1', 'explicit', ['dcmconv', '+te']),
    ('1.2.840.10008.1.2.2', 'bigendian', ['dcmconv', '+tb']), ('1.2.840.10008.1.2.1.99', 'deflated', ['dcmconv', '+td']),
    ('1.2.840.10008.1.2.5', 'rle', ['dcmcrle']), ('1.2.840.10008.1.2.4.50', 'jpeg-baseline', ['dcmcjpeg', '+eb']),
    ('1.2.840.10008.1.2.4.51', 'jpeg-extended', ['dcmcjpeg', '+ee']), ('1.2.840.10008.1.2.4.57', 'jpeg-lossless', ['dcmcjpeg', '+el']),
    ('1.2.840.10008.1.2.4.70', 'jpeg-lossless-sv1', ['dcmcjpeg', '+e1']), ('1.2.840.10008.1.2.4.80', 'jpeg-ls', ['dcmcjpls', '+el']),
    ('1.2.840.10008.1.2.4.81', 'jpeg-ls-near', ['dcmcjpls', '+en']), ('1.2.840.10008.1.2.4.90', 'j2k', ['gdcmconv', '--j2k']),
    ('1.2.840.10008.1.2.4.91', 'j2k-lossy', ['gdcmconv', '--j2k', '--lossy', '-q', '40']),
    ('1.2.840.10008.1.2.4.201', 'htj2k', None), ('1.2.840.10008.1.2.4.202', 'htj2k-rpcl', None), ('1.2.840.10008.1.2.4.203', 'htj2k-lossy', None)]

def ojph(ds, arr, ts, out):
    rows, cols = int(ds.Rows), int(ds.Columns)
    spp, frames = int(ds.SamplesPerPixel), arr.shape[0]
    codestreams = []
    for f in range(frames):
        work = os.path.join(OUT, 'work')
        if spp == 3:
            inp = os.path.join(work, 'in.ppm')
            with open(inp, 'wb') as fh:
                fh.write(b'P6\n%d %d\n255\n' % (cols, rows)); fh.write(arr[f].astype(np.uint8).tobytes())
            args = []
        else:
            inp = os.path.join(work, 'in.yuv')
            a = arr[f]
            a.astype(a.dtype.newbyteorder('<')).tofile(inp)
            args = ['-dims', '{%d,%d}' % (cols, rows), '-num_comps', '1', '-signed', 'true' if ds.PixelRepresentation else 'false',
                    '-bit_depth', str(int(ds.BitsStored)), '-downsamp', '{1,1}']
        j2c = os.path.join(work, 'out.j2c')
        lossless = ts != '1.2.840.10008.1.2.4.203'
        rpcl = ts == '1.2.840.10008.1.2.4.202'
        if spp == 1 and ds.PixelRepresentation:
            cmd = ['node', sys.argv[3], '--encode-htj2k', inp, j2c, str(cols), str(rows), str(int(ds.BitsStored)), 'true',
                   'true' if lossless else 'false', 'true' if rpcl else 'false']
            if not run(cmd): raise RuntimeError('OpenJPH (WASM) encoder failed')
            if lossless and not np.array_equal(opj_decode(j2c, ds), arr[f]): raise RuntimeError('OpenJPEG does not read back the source')
        else:
            args += ['-reversible', 'true'] if lossless else ['-qstep', '0.005']
            if rpcl: args += ['-prog_order', 'RPCL']
            if not run(['ojph_compress', '-i', inp, '-o', j2c] + args): raise RuntimeError('ojph_compress failed')
        codestreams.append(open(j2c, 'rb').read())
    import copy
    enc = copy.deepcopy(ds)
    enc.file_meta.TransferSyntaxUID = ts
    enc.PixelData = encapsulate(codestreams)
    enc['PixelData'].is_undefined_length, enc['PixelData'].VR = True, 'OB'
    enc.is_little_endian, enc.is_implicit_VR = True, False
    if spp == 3: enc.PhotometricInterpretation = 'YBR_RCT' if lossless else 'YBR_ICT'
    enc.save_as(out, write_like_original=False)

def opj_decode(j2c, ds):
    """One grayscale HTJ2K codestream decoded by OpenJPEG 2.5, as stored values."""
    outp = os.path.join(OUT, 'work', 'opj.rawl')
    if not run(['opj_decompress', '-i', j2c, '-o', outp]): raise RuntimeError('opj_decompress failed')
    bits = int(ds.BitsStored)
    a = np.fromfile(outp, dtype='<u2' if int(ds.BitsAllocated) == 16 else np.uint8).astype(np.int64) & ((1 << bits) - 1)
    if ds.PixelRepresentation: a = np.where(a >= (1 << (bits - 1)), a - (1 << bits), a)
    return a.reshape(int(ds.Rows), int(ds.Columns))

def ojph_reference(path, ds):
    """Independent decode of our lossy HTJ2K files: OpenJPEG for signed grayscale (ojph_expand 0.9
    clamps negative samples when it writes .yuv), ojph_expand otherwise."""
    enc = pydicom.dcmread(path)
    from pydicom.encaps import generate_pixel_data_frame
    frames = []
    for cs in generate_pixel_data_frame(enc.PixelData, int(getattr(enc, 'NumberOfFrames', 1) or 1)):
        j2c = os.path.join(OUT, 'work', 'ref.j2c')
        open(j2c, 'wb').write(cs)
        spp = int(ds.SamplesPerPixel)
        if spp == 1 and ds.PixelRepresentation:
            frames.append(opj_decode(j2c, ds).astype(np.int16))
            continue
        outp = os.path.join(OUT, 'work', 'ref.ppm' if spp == 3 else 'ref.yuv')
        if not run(['ojph_expand', '-i', j2c, '-o', outp]): raise RuntimeError('ojph_expand failed')
        if spp == 3:
            data = open(outp, 'rb').read(); body = data[-(int(ds.Rows) * int(ds.Columns) * 3):]
            frames.append(np.frombuffer(body, np.uint8).reshape(int(ds.Rows), int(ds.Columns), 3))
        else:
            dt = np.dtype(np.int16 if ds.PixelRepresentation else np.uint16) if ds.BitsAllocated == 16 else np.dtype(np.uint8)
            frames.append(np.fromfile(outp, dtype=dt.newbyteorder('<')).reshape(int(ds.Rows), int(ds.Columns)))
    import copy
    ref = copy.deepcopy(ds)
    arr = np.stack(frames)
    ref.PixelData = (arr[0] if len(frames) == 1 else arr).astype(arr.dtype.newbyteorder('<')).tobytes()
    return ref

for kind, (rows, cols, frames) in SOURCES.items():
    ds, arr = source(kind.replace('x3', ''), rows, cols, frames)
    srcpath = os.path.join(OUT, 'work', f'src-{kind}.dcm')
    ds.save_as(srcpath, write_like_original=False)
    for ts, tsname, cmd in ENCODE:
        name = f'gen-{kind}-{tsname}'
        out = os.path.join(OUT, 'work', name + '.dcm')
        try:
            if cmd is None: ojph(ds, arr, ts, out)
            elif not run(cmd + [srcpath, out]): raise RuntimeError(' '.join(cmd) + ' refused it')
            enc = pydicom.dcmread(out)
            if str(enc.file_meta.TransferSyntaxUID) != ts: raise RuntimeError('encoder wrote ' + str(enc.file_meta.TransferSyntaxUID))
            tol = TOL.get(ts, 0)
            if tol or ts == '1.2.840.10008.1.2.4.81':
                ref = ojph_reference(out, ds) if cmd is None else reference(out, ts, os.path.join(OUT, 'work', 'ref.dcm'))[0]
                if ts == '1.2.840.10008.1.2.4.81': tol = 0
                srcname = ('opj_decompress' if kind in ('s12', 's16') else 'ojph_expand') if cmd is None else 'independent decoder'
            else:
                ref, srcname = ds, 'synthetic source'
            if 'PhotometricInterpretation' in enc and str(enc.PhotometricInterpretation).startswith('YBR') and ref is ds:
                pass  # lossless colour: expected stays the RGB source
            add(name, out, ts, ref, frames, tol, srcname)
        except Exception as e:
            skipped.append(dict(name=name, reason=str(e)[:160]))

json.dump(dict(version=VERSION, tolerancePerTransferSyntax=TOL, entries=entries, skipped=skipped),
          open(os.path.join(OUT, 'manifest.json'), 'w'), indent=1)
print(f'codec fixtures: {len(entries)} files, {len(skipped)} skipped')
`;

const self = new URL(import.meta.url).pathname;
const result = spawnSync('/usr/bin/python3', ['-c', python, OUT, String(VERSION), self], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
