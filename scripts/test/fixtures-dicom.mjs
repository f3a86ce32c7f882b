#!/usr/bin/env node
// Test fixtures for src/dicom: copies pydicom's test and charset files into test/.tmp/dicom/files/,
// generates files pydicom lacks (encapsulated with/without offset tables, Extended Offset Table,
// 1-bit, float pixel data, ISO 2022 names), and writes test/.tmp/dicom/expected.json with what
// pydicom (an independent reader) finds in each: selected values, DICOM JSON, frame SHA-256s.
// Idempotent: does nothing when the stamp matches this script and pydicom's version.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const PYTHON = '/usr/bin/python3';
const PYDICOM_SCRIPT = pydicomScript();
const root = fileURLToPath(new URL('../..', import.meta.url));
const outDir = `${root}test/.tmp/dicom`;

const probe = spawnSync(PYTHON, ['-c', 'import pydicom, numpy; print(pydicom.__version__)'], {
  encoding: 'utf8',
});
if (probe.status !== 0) {
  console.error(
    `fixtures-dicom: ${PYTHON} cannot import pydicom and numpy (apt-get install python3-pydicom python3-numpy).`,
  );
  console.error(probe.stderr || probe.error?.message || '');
  process.exit(1);
}
const stamp = createHash('sha256')
  .update(readFileSync(fileURLToPath(import.meta.url)))
  .update(probe.stdout)
  .digest('hex');
if (
  existsSync(`${outDir}/stamp`) &&
  readFileSync(`${outDir}/stamp`, 'utf8') === stamp &&
  existsSync(`${outDir}/expected.json`)
) {
  console.log('fixtures-dicom: up to date');
  process.exit(0);
}
mkdirSync(`${outDir}/files`, { recursive: true });
const run = spawnSync(PYTHON, ['-c', PYDICOM_SCRIPT, outDir], {
  encoding: 'utf8',
  stdio: ['ignore', 'inherit', 'inherit'],
});
if (run.status !== 0) {
  console.error('fixtures-dicom: the pydicom step failed');
  process.exit(1);
}
writeFileSync(`${outDir}/stamp`, stamp);
console.log(`fixtures-dicom: wrote ${outDir}`);

// The pydicom half: argv[1] is the output folder.
function pydicomScript() {
  return String.raw`import ast, glob, hashlib, json, os, shutil, struct, sys, warnings
import numpy as np
import pydicom
from pydicom import dcmread
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.encaps import encapsulate, encapsulate_extended, generate_pixel_data_frame
from pydicom.multival import MultiValue
from pydicom.valuerep import PersonName
from pydicom.uid import ExplicitVRLittleEndian, JPEGBaseline8Bit, JPEG2000Lossless, generate_uid

warnings.simplefilter('ignore')
out = sys.argv[1]
files_dir = os.path.join(out, 'files')
import pydicom.data
import pydicom.errors
data = os.path.dirname(pydicom.data.__file__)
TEXT_VRS = {'PN', 'LO', 'SH', 'ST', 'LT', 'UT', 'UC'}
SELECTED = ['PatientName', 'PatientID', 'PatientBirthDate', 'PatientSex', 'StudyInstanceUID', 'StudyDate',
            'StudyDescription', 'SeriesInstanceUID', 'SeriesNumber', 'SOPClassUID', 'SOPInstanceUID', 'Modality',
            'InstanceNumber', 'Rows', 'Columns', 'BitsAllocated', 'BitsStored', 'HighBit', 'PixelRepresentation',
            'SamplesPerPixel', 'PhotometricInterpretation', 'PlanarConfiguration', 'NumberOfFrames',
            'WindowCenter', 'WindowWidth', 'RescaleSlope', 'RescaleIntercept', 'PixelSpacing',
            'ImagePositionPatient', 'ImageOrientationPatient', 'SliceThickness', 'SpecificCharacterSet',
            'ImageType', 'FrameIncrementPointer', 'LargestImagePixelValue', 'SmallestImagePixelValue']


def plain(value):
    if isinstance(value, PersonName):
        return str(value)
    if isinstance(value, (MultiValue, list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, (bytes, bytearray)):
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    return str(value)


def sha(b):
    return hashlib.sha256(bytes(b)).hexdigest()


def frame_hashes(ds):
    if 'PixelData' not in ds and 'FloatPixelData' not in ds and 'DoubleFloatPixelData' not in ds:
        return None, None
    n = int(ds.get('NumberOfFrames', 1) or 1)
    ts = ds.file_meta.TransferSyntaxUID if 'TransferSyntaxUID' in getattr(ds, 'file_meta', {}) else None
    if ts is not None and ts.is_compressed:
        return [sha(f) for f in generate_pixel_data_frame(ds.PixelData, n)], None
    if 'FloatPixelData' in ds or 'DoubleFloatPixelData' in ds:
        raw = ds.get('FloatPixelData') or ds.get('DoubleFloatPixelData')
        size = len(raw) // n
        return [sha(raw[i * size:(i + 1) * size]) for i in range(n)], None
    ba = int(ds.BitsAllocated)
    if ba == 1:
        bits = ds.Rows * ds.Columns * ds.SamplesPerPixel
        unpacked = np.unpackbits(np.frombuffer(ds.PixelData, np.uint8), bitorder='little')
        return [sha(np.packbits(unpacked[i * bits:(i + 1) * bits], bitorder='little').tobytes()) for i in range(n)], None
    if ds.PhotometricInterpretation == 'YBR_FULL_422':
        return None, 'YBR_FULL_422 native'
    size = ds.Rows * ds.Columns * ds.SamplesPerPixel * ba // 8
    raw = ds.PixelData
    if not ds.is_little_endian and ba > 8:
        raw = np.frombuffer(raw[:size * n], '>u%d' % (ba // 8)).astype('<u%d' % (ba // 8)).tobytes()
    if len(raw) < size * n:
        return None, 'pixel data shorter than declared'
    return [sha(raw[i * size:(i + 1) * size]) for i in range(n)], None


def text_values(ds, prefix=''):
    found = {}
    for elem in ds:
        key = prefix + '%08X' % elem.tag
        if elem.VR == 'SQ':
            for i, item in enumerate(elem.value):
                found.update(text_values(item, key + '/%d/' % i))
        elif elem.VR in TEXT_VRS and elem.value is not None and not isinstance(elem.value, bytes):
            v = plain(elem.value)
            found[key] = v if isinstance(v, list) else [v]
    return found


def describe(path, name, group):
    entry = {'name': name, 'group': group, 'url': '/test/.tmp/dicom/files/' + name}
    try:
        ds = dcmread(path)
    except pydicom.errors.InvalidDicomError:
        # No preamble/meta header: pydicom reads raw data sets only when forced.
        ds = dcmread(path, force=True)
        entry['forced'] = True
    except Exception as e:  # noqa
        entry['pydicom'] = 'error'
        entry['pydicomError'] = type(e).__name__
        return entry
    try:
        ds.decode()
        for elem in ds.iterall():
            elem.value  # noqa: force conversion; errors mean a broken file
    except Exception as e:  # noqa
        entry['pydicom'] = 'error'
        entry['pydicomError'] = type(e).__name__
        return entry
    entry['pydicom'] = 'ok'
    meta = getattr(ds, 'file_meta', None)
    entry['transferSyntaxUid'] = str(meta.TransferSyntaxUID) if meta is not None and 'TransferSyntaxUID' in meta else None
    selected = {}
    for keyword in SELECTED:
        if keyword in ds and ds[keyword].value is not None and ds[keyword].VM > 0:
            elem = ds[keyword]
            v = plain(elem.value)
            selected['%08X' % elem.tag] = {'keyword': keyword, 'vr': elem.VR, 'values': v if isinstance(v, list) else [v]}
    entry['selected'] = selected
    entry['text'] = text_values(ds)
    try:
        j = meta.to_json_dict() if meta is not None else {}
        j.update(ds.to_json_dict(bulk_data_threshold=4096, bulk_data_element_handler=lambda elem: 'bulk:%08X' % elem.tag))
        entry['json'] = j
    except Exception as e:  # noqa
        entry['jsonError'] = type(e).__name__
    try:
        entry['frames'], reason = frame_hashes(ds)
        if reason:
            entry['framesSkipped'] = reason
    except Exception as e:  # noqa
        entry['frames'] = None
        entry['framesSkipped'] = type(e).__name__
    return entry


def literal(name):
    source = open(os.path.join(os.path.dirname(pydicom.__file__), 'tests', 'test_charset.py'), encoding='utf-8').read()
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], 'id', None) == name:
            return ast.literal_eval(node.value)
    raise SystemExit('missing ' + name)


def save(ds, name, ts):
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = '1.2.840.10008.5.1.4.1.1.7'
    meta.MediaStorageSOPInstanceUID = generate_uid()
    meta.TransferSyntaxUID = ts
    ds.file_meta = meta
    ds.is_little_endian = True
    ds.is_implicit_VR = False
    ds.SOPClassUID = meta.MediaStorageSOPClassUID
    ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    ds.preamble = b'\0' * 128
    ds.save_as(os.path.join(files_dir, name), write_like_original=False)


def image(rows, cols, frames, bits=8, spp=1):
    ds = Dataset()
    ds.PatientName = 'Generated^Fixture'
    ds.Rows, ds.Columns, ds.SamplesPerPixel = rows, cols, spp
    ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = bits, bits, bits - 1, 0
    ds.PhotometricInterpretation = 'MONOCHROME2' if spp == 1 else 'RGB'
    ds.NumberOfFrames = frames
    return ds


def generate():
    rng = np.random.default_rng(3)
    generated = {}

    def codestream(marker, size):
        body = rng.integers(0, 256, size, dtype=np.uint8).tobytes().replace(b'\xff', b'\x00')
        return marker + body + b'\xff\xd9'

    jpeg = [codestream(b'\xff\xd8\xff\xe0', 60 + 10 * i) for i in range(3)]
    for name, per, bot in [('gen_bot_2frag.dcm', 2, True), ('gen_nobot_2frag.dcm', 2, False), ('gen_bot_1frag.dcm', 1, True)]:
        ds = image(8, 8, 3)
        ds.PixelData = encapsulate(jpeg, fragments_per_frame=per, has_bot=bot)
        ds['PixelData'].VR = 'OB'
        ds['PixelData'].is_undefined_length = True
        save(ds, name, JPEGBaseline8Bit)
        generated[name] = [sha(f) for f in jpeg]
    ds = image(8, 8, 1)
    ds.PixelData = encapsulate([jpeg[0]], fragments_per_frame=3, has_bot=False)
    ds['PixelData'].VR = 'OB'
    ds['PixelData'].is_undefined_length = True
    save(ds, 'gen_1frame_3frag.dcm', JPEGBaseline8Bit)
    generated['gen_1frame_3frag.dcm'] = [sha(jpeg[0])]
    j2k = [codestream(b'\xff\x4f\xff\x51', 80 + 6 * i) for i in range(2)]
    ds = image(8, 8, 2)
    ds.PixelData = encapsulate(j2k, fragments_per_frame=3, has_bot=False)
    ds['PixelData'].VR = 'OB'
    ds['PixelData'].is_undefined_length = True
    save(ds, 'gen_j2k_nobot_3frag.dcm', JPEG2000Lossless)
    generated['gen_j2k_nobot_3frag.dcm'] = [sha(f) for f in j2k]
    ds = image(8, 8, 3)
    pixel_data, offsets, lengths = encapsulate_extended(jpeg)
    ds.PixelData, ds.ExtendedOffsetTable, ds.ExtendedOffsetTableLengths = pixel_data, offsets, lengths
    ds['PixelData'].VR = 'OB'
    ds['PixelData'].is_undefined_length = True
    save(ds, 'gen_extended_offset_table.dcm', JPEGBaseline8Bit)
    generated['gen_extended_offset_table.dcm'] = [sha(f) for f in jpeg]
    ds = image(3, 5, 3, bits=1)
    bits = rng.integers(0, 2, 45, dtype=np.uint8)
    ds.PixelData = np.packbits(bits, bitorder='little').tobytes() + b'\0'
    save(ds, 'gen_1bit_3frames.dcm', ExplicitVRLittleEndian)
    generated['gen_1bit_3frames.dcm'] = [sha(np.packbits(bits[i * 15:(i + 1) * 15], bitorder='little')) for i in range(3)]
    ds = image(3, 4, 2, bits=32)
    floats = rng.random(24, dtype=np.float32)
    ds.FloatPixelData = floats.astype('<f4').tobytes()
    save(ds, 'gen_float_2frames.dcm', ExplicitVRLittleEndian)
    generated['gen_float_2frames.dcm'] = [sha(floats[i * 12:(i + 1) * 12].astype('<f4').tobytes()) for i in range(2)]
    ds = image(3, 4, 1, bits=64)
    doubles = rng.random(12)
    ds.DoubleFloatPixelData = doubles.astype('<f8').tobytes()
    save(ds, 'gen_double_1frame.dcm', ExplicitVRLittleEndian)
    generated['gen_double_1frame.dcm'] = [sha(doubles.astype('<f8').tobytes())]
    return generated


def raw_implicit(elements):
    body = b''
    for tag, value in elements:
        if len(value) % 2:
            value += b' '
        body += struct.pack('<HHI', tag >> 16, tag & 0xFFFF, len(value)) + value
    return body


def main():
    entries = []
    for group, folder in [('test_files', 'test_files'), ('charset', 'charset_files')]:
        for path in sorted(glob.glob(os.path.join(data, folder, '*.dcm'))):
            name = os.path.basename(path)
            shutil.copyfile(path, os.path.join(files_dir, name))
            entries.append(describe(path, name, group))
    generated = generate()
    for name, hashes in generated.items():
        entry = describe(os.path.join(files_dir, name), name, 'generated')
        entry['expectedFrames'] = hashes
        entries.append(entry)
    names = []
    for i, (encoding, decoded, raw) in enumerate(literal('ENCODED_NAMES')):
        name = 'gen_charset_%d.raw' % i
        with open(os.path.join(files_dir, name), 'wb') as f:
            f.write(raw_implicit([(0x00080005, ('\\' + encoding).encode()), (0x00100010, b'ASCII+' + raw)]))
        names.append({'url': '/test/.tmp/dicom/files/' + name, 'charset': encoding, 'patientName': 'ASCII+' + decoded})
    result = {
        'pydicomVersion': pydicom.__version__,
        'files': entries,
        'patientNames': [{'file': n + '.dcm', 'patientName': p} for n, p in literal('FILE_PATIENT_NAMES')],
        'encodedNames': names,
    }
    with open(os.path.join(out, 'expected.json'), 'w', encoding='utf-8') as f:
        json.dump(result, f, ensure_ascii=False)


main()
`;
}
