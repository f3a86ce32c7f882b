// Writes Part 10 test images and their expected display values, computed by pydicom's own
// display pipeline (apply_modality_lut, apply_voi_lut, convert_color_space): an implementation
// independent of src/render. Output: test/.tmp/viewport/{name}.dcm, {name}.rgb, manifest.json.
// Run by the test driver (scripts/test/fixtures-*.mjs) or by hand: node test/viewport/make-fixtures.mjs
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const out = fileURLToPath(new URL('../.tmp/viewport/', import.meta.url));

const python = String.raw`
import json, os, sys
import numpy as np
import pydicom
from pydicom.data import get_testdata_file
from pydicom.dataset import Dataset
from pydicom.pixel_data_handlers.util import apply_modality_lut, apply_voi_lut, convert_color_space

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
entries = []

def output_range(ds):
    # pydicom's apply_windowing scales y into this range (its own reading of PS3.3 C.11.2.1.2).
    if ds.get('ModalityLUTSequence'):
        return 0, 2 ** ds.ModalityLUTSequence[0].LUTDescriptor[2] - 1
    if ds.PixelRepresentation == 0:
        lo, hi = 0, 2 ** ds.BitsStored - 1
    else:
        lo, hi = -2 ** (ds.BitsStored - 1), 2 ** (ds.BitsStored - 1) - 1
    if ds.get('RescaleSlope') is not None and ds.get('RescaleIntercept') is not None:
        lo, hi = lo * float(ds.RescaleSlope) + float(ds.RescaleIntercept), hi * float(ds.RescaleSlope) + float(ds.RescaleIntercept)
    return lo, hi

def grey(ds, use_lut=False):
    arr = ds.pixel_array
    modality = apply_modality_lut(arr, ds)
    if use_lut:
        item = ds.VOILUTSequence[0]
        y = apply_voi_lut(modality, ds, prefer_lut=True).astype('float64') / (2 ** item.LUTDescriptor[2] - 1)
    else:
        lo, hi = output_range(ds)
        y = (apply_voi_lut(modality, ds, prefer_lut=False).astype('float64') - lo) / (hi - lo)
    y = np.clip(y, 0, 1)
    if ds.PhotometricInterpretation == 'MONOCHROME1':
        y = 1 - y
    g = np.round(y * 255).astype(np.uint8)
    return np.stack([g, g, g], axis=-1)

def save(name, ds, rgb):
    ds.save_as(os.path.join(out, name + '.dcm'), write_like_original=False)
    rgb.astype(np.uint8).tofile(os.path.join(out, name + '.rgb'))
    entries.append({'name': name, 'rows': int(ds.Rows), 'columns': int(ds.Columns)})

ds = pydicom.dcmread(get_testdata_file('CT_small.dcm'))
ds.WindowCenter = 40
ds.WindowWidth = 400
save('ct-signed-rescale-window', ds, grey(ds))

ds = pydicom.dcmread(get_testdata_file('MR_small.dcm'))
save('mr-header-window', ds, grey(ds))

ds = pydicom.dcmread(get_testdata_file('CT_small.dcm'))
ds.PhotometricInterpretation = 'MONOCHROME1'
ds.WindowCenter = 100
ds.WindowWidth = 1000
save('ct-monochrome1', ds, grey(ds))

ds = pydicom.dcmread(get_testdata_file('MR_small.dcm'))
ds.VOILUTFunction = 'SIGMOID'
save('mr-sigmoid', ds, grey(ds))

ds = pydicom.dcmread(get_testdata_file('MR_small.dcm'))
del ds.WindowCenter
del ds.WindowWidth
item = Dataset()
item.LUTDescriptor = [2048, 0, 12]
item.LUTData = [int(round(4095 * (i / 2047) ** 0.5)) for i in range(2048)]
item['LUTDescriptor'].VR = 'US'
item['LUTData'].VR = 'US'
ds.VOILUTSequence = [item]
save('mr-voi-lut-sequence', ds, grey(ds, use_lut=True))

ds = pydicom.dcmread(get_testdata_file('SC_ybr_full_422_uncompressed.dcm'))
rgb = convert_color_space(ds.pixel_array, 'YBR_FULL', 'RGB')
save('ybr-full-422', ds, rgb)

def inverse_shape(rgb):
    # PS3.3 C.11.6.1.2: Presentation LUT Shape INVERSE maps the VOI output to P-Values
    # reversed (pydicom has no presentation step, so this one line is ours).
    return 255 - rgb

ds = pydicom.dcmread(get_testdata_file('CT_small.dcm'))
# Unsigned 12-bit storage, HU = stored − 2048: the same picture as CT_small, other encoding.
stored = ds.pixel_array.astype(np.int32) + 1024
ds.PixelRepresentation = 0
ds.BitsStored = 12
ds.HighBit = 11
ds.PixelData = stored.astype(np.uint16).tobytes()
ds.RescaleIntercept = -2048
ds.WindowCenter = 40
ds.WindowWidth = 400
save('ct-unsigned-rescale-window', ds, grey(ds))

ds = pydicom.dcmread(get_testdata_file('CT_small.dcm'))
# Negative stored values and a non-unit slope: sign extension and rescale both matter.
stored = ds.pixel_array.astype(np.int32) - 1500
ds.PixelData = stored.astype(np.int16).tobytes()
ds.RescaleSlope = 0.5
ds.RescaleIntercept = -300
ds.WindowCenter = -400
ds.WindowWidth = 1200
save('ct-signed-negative-slope', ds, grey(ds))

ds = pydicom.dcmread(get_testdata_file('MR_small.dcm'))
ds.VOILUTFunction = 'LINEAR_EXACT'
ds.WindowCenter = 700
ds.WindowWidth = 900
save('mr-linear-exact', ds, grey(ds))

ds = pydicom.dcmread(get_testdata_file('MR_small.dcm'))
ds.PresentationLUTShape = 'INVERSE'
save('mr-presentation-inverse', ds, inverse_shape(grey(ds)))

ds = pydicom.dcmread(get_testdata_file('SC_rgb_rle.dcm'))
rgb = ds.pixel_array
ds.decompress()
ds.PlanarConfiguration = 0
ds.PixelData = rgb.astype(np.uint8).tobytes()
save('rgb', ds, rgb)

ds = pydicom.dcmread(get_testdata_file('SC_rgb_rle.dcm'))
# Still RLE encoded: decoded by the codec worker, planes reassembled to RGB.
save('rgb-rle', ds, ds.pixel_array)

ds = pydicom.dcmread(get_testdata_file('SC_ybr_full_422_uncompressed.dcm'))
ybr = ds.pixel_array
ds.PhotometricInterpretation = 'YBR_FULL'
ds.PlanarConfiguration = 0
ds.PixelData = ybr.astype(np.uint8).tobytes()
save('ybr-full', ds, convert_color_space(ybr, 'YBR_FULL', 'RGB'))

json.dump({'entries': entries}, open(os.path.join(out, 'manifest.json'), 'w'), indent=1)
`;

const result = spawnSync('/usr/bin/python3', ['-c', python, out], { stdio: 'inherit' });
process.exit(result.status ?? 1);
