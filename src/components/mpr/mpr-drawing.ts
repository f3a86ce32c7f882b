/**
 * Keeps `<cb-mpr>`'s three planes drawn: a plane marked dirty (the crosshair, a rotation, the
 * slab or a new slice changed it) is reformatted in the volume worker and painted. One batch at
 * a time: changes made meanwhile coalesce into the next batch, so a drag or a burst of slices
 * never queues stale reformats.
 */
import type { MprPlaneName } from '../../events/mpr-rendered.js';
import type { MprVolume } from '../../session/mpr-volume.js';
import type { ReformatImage, ReformatOptions, ReformatPlane } from '../../volume/reformat-plane.js';
import { PLANE_NAMES } from './mpr-geometry.js';

export interface DrawnPlane {
  readonly plane: ReformatPlane;
  readonly image: ReformatImage;
  readonly loadedSlices: number;
}

export interface PlaneDrawingHost {
  /** Read when a batch starts: the volume, the plane to show now and how to sample it. */
  volume(): MprVolume | undefined;
  planeOf(name: MprPlaneName): ReformatPlane;
  reformatOptions(): ReformatOptions;
  /** A plane's new image is in (paint it, announce it). */
  drawn(name: MprPlaneName, drawn: DrawnPlane): void;
  failed(error: unknown): void;
}

export class PlaneDrawing {
  readonly #dirty = new Set<MprPlaneName>();
  readonly #drawn = new Map<MprPlaneName, DrawnPlane>();
  #pumping: Promise<void> | undefined;
  #generation = 0;

  constructor(private readonly host: PlaneDrawingHost) {}

  get(name: MprPlaneName): DrawnPlane | undefined {
    return this.#drawn.get(name);
  }

  /** A new volume (or none): forget what was drawn from the old one. */
  reset(): void {
    this.#generation++;
    this.#drawn.clear();
    this.#dirty.clear();
  }

  invalidate(planes: readonly MprPlaneName[] = PLANE_NAMES): void {
    for (const name of planes) this.#dirty.add(name);
    this.#pumping ??= this.#pump().finally(() => {
      this.#pumping = undefined;
    });
  }

  /** Resolves once every plane asked for so far is drawn. */
  async settled(): Promise<void> {
    while (this.#pumping) await this.#pumping;
  }

  async #pump(): Promise<void> {
    // Let the change that marked a plane finish (a drag's other moves coalesce).
    await Promise.resolve();
    // The first batch is drawn at full quality (a click, a preset). A change that arrives while a
    // batch is being drawn means an interaction is going on (a drag, a held key, the wheel): the
    // batches that follow sample coarsely (`quality: 'interactive'`, ~¼ of the work) and, once
    // the changes stop, the planes they drew are drawn again at full quality.
    let interactive = false;
    const refine = new Set<MprPlaneName>();
    for (;;) {
      if (this.#dirty.size === 0) {
        if (refine.size === 0) return;
        for (const name of refine) this.#dirty.add(name);
        refine.clear();
        interactive = false;
      }
      const volume = this.host.volume();
      if (!volume) {
        this.#dirty.clear();
        return;
      }
      const generation = this.#generation;
      const names = [...this.#dirty];
      this.#dirty.clear();
      const loadedSlices = volume.loadedSlices;
      const base = this.host.reformatOptions();
      const options: ReformatOptions = interactive ? { ...base, quality: 'interactive' } : base;
      try {
        await Promise.all(
          names.map(async (name) => {
            const plane = this.host.planeOf(name);
            const image = await volume.reformat(plane, options);
            if (generation !== this.#generation) return;
            const drawn = { plane, image, loadedSlices };
            this.#drawn.set(name, drawn);
            this.host.drawn(name, drawn);
          }),
        );
      } catch (error) {
        if (generation === this.#generation) this.host.failed(error);
        return;
      }
      if (interactive) for (const name of names) refine.add(name);
      interactive = true;
    }
  }
}
