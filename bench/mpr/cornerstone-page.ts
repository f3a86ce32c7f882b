// Cornerstone3D side of the MPR bench: @cornerstonejs/core's volume viewports (ORTHOGRAPHIC, vtk.js
// on WebGL2 — SwiftShader here) on a local volume holding the same voxels, in a page that is not
// cross-origin isolated. Times run from the camera or slab change to IMAGE_RENDERED.
import {
  Enums,
  init,
  RenderingEngine,
  setVolumesForViewports,
  volumeLoader,
  type Types,
} from '@cornerstonejs/core';
import { ctSlice, SERIES } from './phantom.js';

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

const rendered = (element: HTMLElement): Promise<void> =>
  new Promise((resolve) => {
    element.addEventListener(
      Enums.Events.IMAGE_RENDERED,
      () => {
        resolve();
      },
      { once: true },
    );
  });

/** `v` turned by `radians` about the unit `axis` (Rodrigues). */
function rotate(v: Types.Point3, axis: Types.Point3, radians: number): Types.Point3 {
  const [x, y, z] = axis;
  const c = Math.cos(radians);
  const s = Math.sin(radians);
  const d = v[0] * x + v[1] * y + v[2] * z;
  return [
    v[0] * c + (y * v[2] - z * v[1]) * s + x * d * (1 - c),
    v[1] * c + (z * v[0] - x * v[2]) * s + y * d * (1 - c),
    v[2] * c + (x * v[1] - y * v[0]) * s + z * d * (1 - c),
  ];
}

interface Result {
  readonly loadMs: number;
  readonly threePlanesMs: number;
  readonly rows: Record<string, { readonly median: number; readonly size: string }>;
  readonly note: string;
}

async function run(steps: number): Promise<Result> {
  init();
  const ids = ['axial', 'coronal', 'sagittal'] as const;
  const elements = ids.map(() => {
    const element = document.createElement('div');
    element.style.cssText = 'width:512px;height:512px;display:inline-block';
    document.body.append(element);
    return element;
  });
  const engine = new RenderingEngine('mpr-bench');
  const orientation = [
    Enums.OrientationAxis.AXIAL,
    Enums.OrientationAxis.CORONAL,
    Enums.OrientationAxis.SAGITTAL,
  ];
  engine.setViewports(
    ids.map((viewportId, n) => ({
      viewportId,
      type: Enums.ViewportType.ORTHOGRAPHIC,
      element: elements[n]!,
      defaultOptions: { orientation: orientation[n] ?? Enums.OrientationAxis.AXIAL },
    })),
  );
  const n = SERIES.size;
  const loadStart = performance.now();
  const scalarData = new Int16Array(n * n * SERIES.slices);
  for (let k = 0; k < SERIES.slices; k++) {
    const stored = ctSlice(k);
    const target = scalarData.subarray(k * n * n, (k + 1) * n * n);
    for (let p = 0; p < stored.length; p++) target[p] = (stored[p] ?? 0) - 1024;
  }
  const volumeId = 'mpr-bench-ct';
  volumeLoader.createLocalVolume(volumeId, {
    scalarData,
    dimensions: [n, n, SERIES.slices],
    spacing: [SERIES.pixelSpacing, SERIES.pixelSpacing, SERIES.step],
    origin: [0, 0, 0],
    direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
    metadata: {
      BitsAllocated: 16,
      BitsStored: 16,
      SamplesPerPixel: 1,
      HighBit: 15,
      PhotometricInterpretation: 'MONOCHROME2',
      PixelRepresentation: 1,
      Modality: 'CT',
      ImageOrientationPatient: [1, 0, 0, 0, 1, 0],
      PixelSpacing: [SERIES.pixelSpacing, SERIES.pixelSpacing],
      FrameOfReferenceUID: '1.2.826.0.1.3680043.10.1002.9',
      Columns: n,
      Rows: n,
      voiLut: [{ windowCenter: 40, windowWidth: 400 }],
      VOILUTFunction: 'LINEAR',
    } as unknown as Types.Metadata,
  });
  const loadMs = performance.now() - loadStart;
  const threeStart = performance.now();
  const all = Promise.all(elements.map(rendered));
  await setVolumesForViewports(engine, [{ volumeId }], [...ids]);
  engine.render();
  await all;
  const threePlanesMs = performance.now() - threeStart;

  const viewport = engine.getViewport<Types.IVolumeViewport>('coronal');
  const element = elements[1]!;
  const initial = viewport.getCamera();
  const axis: Types.Point3 = [Math.SQRT1_2, Math.SQRT1_2, 0];
  const cameraAt = (degrees: number, shift = 0): Types.ICamera => {
    const normal = rotate(initial.viewPlaneNormal!, axis, (degrees * Math.PI) / 180);
    const viewUp = rotate(initial.viewUp!, axis, (degrees * Math.PI) / 180);
    const f = initial.focalPoint!;
    const focalPoint: Types.Point3 = [f[0], f[1], f[2] + shift];
    const distance = 500;
    return {
      viewPlaneNormal: normal,
      viewUp,
      focalPoint,
      position: [
        focalPoint[0] + normal[0] * distance,
        focalPoint[1] + normal[1] * distance,
        focalPoint[2] + normal[2] * distance,
      ],
    };
  };
  const rows: Result['rows'] = {};
  const measure = async (label: string, camera: (step: number) => Types.ICamera): Promise<void> => {
    const times: number[] = [];
    for (let step = 0; step <= steps; step++) {
      const next = rendered(element);
      const start = performance.now();
      viewport.setCamera(camera(step));
      viewport.render();
      await next;
      if (step > 0) times.push(performance.now() - start); // step 0: warm-up
    }
    rows[label] = {
      median: median(times),
      size: `${element.clientWidth}×${element.clientHeight} canvas`,
    };
  };
  await measure('oblique rotation (full)', (step) => cameraAt(20 + 2 * step));
  viewport.setBlendMode(Enums.BlendModes.MAXIMUM_INTENSITY_BLEND);
  viewport.setSlabThickness(20);
  await measure('20 mm oblique MIP, rotated (full)', (step) => cameraAt(20 + 2 * step));
  // The axial view, its slab scrolled 1 mm a step.
  const axial = engine.getViewport<Types.IVolumeViewport>('axial');
  axial.setBlendMode(Enums.BlendModes.MAXIMUM_INTENSITY_BLEND);
  axial.setSlabThickness(20);
  const axialCamera = axial.getCamera();
  const times: number[] = [];
  for (let step = 0; step <= steps; step++) {
    const next = rendered(elements[0]!);
    const start = performance.now();
    const f = axialCamera.focalPoint!;
    const p = axialCamera.position!;
    axial.setCamera({ focalPoint: [f[0], f[1], f[2] + step], position: [p[0], p[1], p[2] + step] });
    axial.render();
    await next;
    if (step > 0) times.push(performance.now() - start);
  }
  rows['20 mm axial MIP, scrolled (full)'] = { median: median(times), size: '512×512 canvas' };
  const gl = document.createElement('canvas').getContext('webgl2');
  const info = gl?.getExtension('WEBGL_debug_renderer_info');
  const renderer = (info && gl?.getParameter(info.UNMASKED_RENDERER_WEBGL)) as string | undefined;
  engine.destroy();
  return {
    loadMs,
    threePlanesMs,
    rows,
    note: `ran without cross-origin isolation (crossOriginIsolated: ${String(crossOriginIsolated)}), WebGL2 renderer ${renderer ?? 'unknown'}.`,
  };
}

(window as unknown as { runCornerstoneMprBench: typeof run }).runCornerstoneMprBench = run;
