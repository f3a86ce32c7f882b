import { expect } from '@open-wc/testing';
import type { MprPlaneName } from '../../events/mpr-rendered.js';
import type { MprVolume } from '../../session/mpr-volume.js';
import type { ReformatImage, ReformatOptions, ReformatPlane } from '../../volume/reformat-plane.js';
import type { VolumeGeometry } from '../../volume/volume-geometry.js';
import { PlaneDrawing } from './mpr-drawing.js';

/** A volume whose reformats wait until the test releases them, recording how each was asked. */
function heldVolume() {
  const calls: { quality: string | undefined; release: () => void }[] = [];
  const volume: MprVolume = {
    geometry: {} as VolumeGeometry,
    bytes: 0,
    totalSlices: 1,
    loadedSlices: 1,
    complete: Promise.resolve(),
    reformat: (_plane: ReformatPlane, options: ReformatOptions) =>
      new Promise<ReformatImage>((resolve) => {
        calls.push({
          quality: options.quality,
          release: () => {
            resolve({} as ReformatImage);
          },
        });
      }),
    dispose: () => undefined,
  };
  return { volume, calls };
}

async function until(test: () => boolean): Promise<void> {
  while (!test()) await new Promise((resolve) => setTimeout(resolve, 0));
}

describe('PlaneDrawing', () => {
  it('draws coarsely while changes keep coming, then once more at full quality when they stop', async () => {
    const { volume, calls } = heldVolume();
    const drawn: MprPlaneName[] = [];
    const drawing = new PlaneDrawing({
      volume: () => volume,
      planeOf: () => ({}) as ReformatPlane,
      reformatOptions: () => ({}),
      drawn: (name) => drawn.push(name),
      failed: (error) => {
        throw error;
      },
    });
    // A click: one batch, full quality.
    drawing.invalidate(['axial']);
    await until(() => calls.length === 1);
    // A drag begins while it is drawn: the moves coalesce into coarse batches.
    drawing.invalidate(['coronal']);
    drawing.invalidate(['coronal']);
    calls[0]?.release();
    await until(() => calls.length === 2);
    drawing.invalidate(['coronal']);
    calls[1]?.release();
    await until(() => calls.length === 3);
    calls[2]?.release();
    // The drag stopped: the plane it moved is drawn again, finely.
    await until(() => calls.length === 4);
    calls[3]?.release();
    await drawing.settled();
    expect(calls.map((call) => call.quality)).to.deep.equal([
      undefined,
      'interactive',
      'interactive',
      undefined,
    ]);
    expect(drawn).to.deep.equal(['axial', 'coronal', 'coronal', 'coronal']);
  });
});
