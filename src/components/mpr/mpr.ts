import { consume } from '@lit/context';
import { html, LitElement, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { frameLoaderContext, type FrameLoader } from '../../context/frame-loader.js';
import { viewerServicesContext, type ViewerServices } from '../../context/viewer-services.js';
import { LanguageController } from '../../controllers/language-controller.js';
import type { DicomDataset } from '../../dicom/dataset.js';
import { MeasurementEvent } from '../../events/measurement.js';
import { MprRenderedEvent, type MprPlaneName } from '../../events/mpr-rendered.js';
import { VolumeErrorEvent } from '../../events/volume-error.js';
import { stringsFor } from '../../i18n/strings.js';
import { volumeFailureMessage, volumeFailureReason } from '../../session/mpr-volume.js';
import type { ReformatImage, ReformatOptions, ReformatPlane } from '../../volume/reformat-plane.js';
import { SLAB_PRESETS } from '../../volume/slab-presets.js';
import { planeNormal, planeThrough } from '../../volume/standard-planes.js';
import { add, dot, norm, scale, sub, type Vec3 } from '../../volume/vec3.js';
import type { VolumeGeometry } from '../../volume/volume-geometry.js';
import { PlaneDrawing, type DrawnPlane } from './mpr-drawing.js';
import {
  DEFAULT_VIEWS,
  PaneMapping,
  PLANE_NAMES,
  rotatePlanes,
  scrollStep,
  STANDARD_AXES,
  volumeCentre,
  type PaneView,
  type PlaneAxesSet,
} from './mpr-geometry.js';
import { MprInput, type MprTool } from './mpr-input.js';
import type { MprLength } from './mpr-overlay.js';
import { lengthMeasurement, measurePanes, renderNotice, renderPane } from './mpr-pane.js';
import { headerWindow, paintReformat, windowOfImage, type MprWindow } from './mpr-paint.js';
import { MprSource } from './mpr-source.js';
import { renderMprToolbar, type MprSlabMode } from './mpr-toolbar.js';
import { mprStyles } from './mpr.styles.js';

/**
 * Three linked planes of one series (axial, coronal, sagittal) reformatted from its volume in a
 * volume worker, with reference lines and a crosshair that moves all three, plane rotation for
 * obliques, thick slabs (MIP, MinIP, average) and their presets, orientation markers, a scale
 * bar and distances in millimetres. The planes fill in as slices stream in (parts that need a
 * slice not loaded yet are hatched). A series whose geometry does not make a regular volume
 * (gap, tilt, mixed orientations …) is refused with its reason, never shown distorted. Give it
 * the series' data sets (`stack`, as `<cb-viewer>` does) or name it (`server`, `study`, `series`).
 *
 * @summary Multiplanar reconstruction: three linked planes, obliques and slabs of one series.
 *
 * @attr lang - `en` or `fr`; default: the closest `[lang]` ancestor, then `<html lang>`, then English.
 *
 * @fires cb-mpr-rendered - A plane was drawn: `{ plane, loadedSlices, totalSlices }`.
 * @fires cb-volume-error - The series cannot be shown as a volume: `{ seriesInstanceUid, reason, message }`.
 * @fires cb-measurement - A distance was drawn: kind 'length', value in mm, points in the plane's image coordinates.
 *
 * @csspart toolbar - The tools, slab and preset controls.
 * @csspart pane - One plane's viewport.
 * @csspart notice - Loading progress, or why the series cannot be shown.
 *
 * @cssproperty --cb-mpr-background - Colour around the images.
 * @cssproperty --cb-mpr-axial-color - The axial plane's reference line.
 * @cssproperty --cb-mpr-coronal-color - The coronal plane's reference line.
 * @cssproperty --cb-mpr-sagittal-color - The sagittal plane's reference line.
 */
export class CbMpr extends LitElement {
  // Not `implements MprInputHost`: that interface names @internal members, which the published
  // declarations strip, and a consumer type-checking them would find the class not implementing it.
  static override styles = mprStyles;

  /** The series' data sets (one per instance); their frames come from the frame loader. */
  @property({ attribute: false }) stack: readonly DicomDataset[] = [];
  /** DICOMweb root, with `study` and `series`: the element fetches the series itself. */
  @property() server = '';
  @property() study = '';
  @property() series = '';
  /** Overrides the context-provided frame loader. */
  @property({ attribute: false }) frameLoader: FrameLoader | undefined = undefined;
  /** Largest volume (bytes) the worker may allocate; default 1 GiB. */
  @property({ type: Number, attribute: 'max-volume-bytes' }) maxVolumeBytes: number | undefined =
    undefined;
  /** Primary-button tool: 'crosshair', 'windowLevel', 'pan', 'zoom', 'length', 'rotate'. */
  @property() tool: MprTool = 'crosshair';
  /** 'thin' (one sample a pixel), or a slab of `slabThickness` mm: 'mip', 'minip', 'average'. */
  @property({ attribute: 'slab-mode' }) slabMode: MprSlabMode = 'thin';
  @property({ type: Number, attribute: 'slab-thickness' }) slabThickness = 0;
  /** Window in modality units; undefined = the header's, else the sampled range. */
  @property({ attribute: false }) voi: MprWindow | undefined = undefined;
  /** mm per reformat pixel; default the volume's finest spacing. */
  @property({ type: Number, attribute: 'pixel-spacing' }) pixelSpacing: number | undefined =
    undefined;

  @consume({ context: frameLoaderContext, subscribe: true })
  @state()
  private contextFrameLoader: FrameLoader | undefined = undefined;
  @consume({ context: viewerServicesContext, subscribe: true })
  @state()
  private services: ViewerServices | undefined = undefined;

  @state() private centre: Vec3 = [0, 0, 0];
  @state() private axes: PlaneAxesSet = STANDARD_AXES;
  @state() private views: Readonly<Record<MprPlaneName, PaneView>> = DEFAULT_VIEWS;
  @state() private lengths: readonly MprLength[] = [];
  @state() private draft: readonly Vec3[] | undefined = undefined;
  @state() private boxes = new Map<MprPlaneName, { width: number; height: number }>();

  #imageWindow: MprWindow | undefined;
  #nextLength = 1;
  readonly #language = new LanguageController(this);
  readonly #input = new MprInput(this);
  readonly #resize = new ResizeObserver(() => {
    this.#measure();
  });
  readonly #source = new MprSource({
    changed: () => {
      this.#volumeChanged();
    },
    slice: () => {
      this.#drawing.invalidate();
      this.requestUpdate();
    },
    failed: (reason, message) => {
      this.#fail(reason, message);
    },
  });
  readonly #drawing = new PlaneDrawing({
    volume: () => this.#source.volume,
    reformatOptions: () => this.reformatOptions,
    planeOf: (name) => this.plane(name),
    drawn: (name, drawn) => {
      this.#drawn(name, drawn);
    },
    failed: (error) => {
      this.#fail(volumeFailureReason(error), volumeFailureMessage(error));
    },
  });
  #opened = false;

  /** The volume's geometry once open (dimensions, spacing, directions), else undefined. */
  get volumeGeometry(): VolumeGeometry | undefined {
    return this.#source.volume?.geometry;
  }

  get loadedSlices(): number {
    return this.#source.volume?.loadedSlices ?? 0;
  }

  get totalSlices(): number {
    return this.#source.volume?.totalSlices ?? 0;
  }

  /** The crosshair: where the three planes meet, patient coordinates (LPS, mm). */
  get crosshair(): Vec3 {
    return this.centre;
  }

  set crosshair(point: Vec3) {
    const moved = sub(point, this.centre);
    this.centre = point;
    // A plane the crosshair moved within keeps its image: only the others are sampled again.
    this.#drawing.invalidate(
      PLANE_NAMES.filter((name) => Math.abs(dot(moved, planeNormal(this.axes[name]))) > 1e-9),
    );
  }

  /** Each plane's row and column directions in the patient (rotated for obliques). */
  get planeAxes(): PlaneAxesSet {
    return this.axes;
  }

  /** The window in force. */
  get effectiveWindow(): MprWindow | undefined {
    return this.voi ?? headerWindow(this.stack[0]) ?? this.#imageWindow;
  }

  /** Distances drawn so far (patient points, mm). */
  get measurements(): readonly MprLength[] {
    return this.lengths;
  }

  /** How reformats are sampled now (the slab in force). */
  get reformatOptions(): ReformatOptions {
    return this.slabMode === 'thin' || !(this.slabThickness > 0)
      ? {}
      : { slab: { mode: this.slabMode, thickness: this.slabThickness } };
  }

  /** The plane `name` shows now: through the crosshair, square pixels of `pixelSpacing` mm. */
  plane(name: MprPlaneName): ReformatPlane {
    const geometry = this.volumeGeometry;
    if (!geometry) throw new Error('No volume is open');
    return planeThrough(geometry, this.axes[name], this.centre, this.#spacing(geometry));
  }

  /** The last image drawn in a plane (modality values and per-pixel status). */
  planeImage(name: MprPlaneName): { plane: ReformatPlane; image: ReformatImage } | undefined {
    return this.#drawing.get(name);
  }

  /** Resolves once every plane reflects the current state. */
  async whenDrawn(): Promise<void> {
    await this.updateComplete;
    await this.#drawing.settled();
    await this.updateComplete;
  }

  /** Moves the crosshair `steps` voxel steps along plane `name`'s normal (its slice moves). */
  scrollPlane(name: MprPlaneName, steps: number): void {
    const geometry = this.volumeGeometry;
    if (!geometry) return;
    const normal = planeNormal(this.axes[name]);
    this.crosshair = add(this.centre, scale(normal, steps * scrollStep(geometry)));
  }

  /** Rotates `planes` (default all three) by `degrees` about `axis` through the crosshair. */
  rotate(axis: Vec3, degrees: number, planes: readonly MprPlaneName[] = PLANE_NAMES): void {
    if (!(norm(axis) > 0) || !Number.isFinite(degrees)) return;
    this.axes = rotatePlanes(this.axes, axis, (degrees * Math.PI) / 180, planes);
    this.#drawing.invalidate(planes);
  }

  /** A slab preset of src/volume/slab-presets.ts by id: its mode, thickness and window. */
  applySlabPreset(id: string): void {
    const preset = SLAB_PRESETS.find((candidate) => candidate.id === id);
    if (!preset) return;
    this.slabMode = preset.mode;
    this.slabThickness = preset.thickness;
    this.voi = { center: preset.windowCenter, width: preset.windowWidth };
  }

  /** Standard planes through the volume's centre, fitted, thin, the header's window. */
  reset(): void {
    const geometry = this.volumeGeometry;
    this.axes = STANDARD_AXES;
    this.views = DEFAULT_VIEWS;
    this.slabMode = 'thin';
    this.voi = undefined;
    if (geometry) this.centre = volumeCentre(geometry);
    this.#drawing.invalidate();
  }

  /** @internal */
  mappingOf(name: MprPlaneName): PaneMapping | undefined {
    const geometry = this.volumeGeometry;
    const box = this.boxes.get(name);
    if (!geometry || !box) return undefined;
    return new PaneMapping(geometry, this.axes[name], box, this.views[name]);
  }

  /** @internal */
  viewOf(name: MprPlaneName): PaneView {
    return this.views[name];
  }

  /** @internal */
  setView(name: MprPlaneName, view: PaneView): void {
    this.views = { ...this.views, [name]: view };
  }

  /** @internal */
  setWindowFromUser(window: MprWindow): void {
    this.voi = window;
  }

  /** @internal */
  setDraft(points: readonly Vec3[] | undefined): void {
    this.draft = points;
  }

  /** Adds a distance between two patient points drawn in `plane`, and announces it. */
  addLength(plane: MprPlaneName, a: Vec3, b: Vec3): void {
    const item: MprLength = {
      id: `mpr-length-${String(this.#nextLength++)}`,
      plane,
      points: [a, b],
      value: norm(sub(b, a)),
    };
    this.lengths = [...this.lengths, item];
    this.dispatchEvent(new MeasurementEvent(lengthMeasurement(item, this.plane(plane))));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.#openSource();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#resize.disconnect();
    this.#source.close();
    this.#drawing.reset();
    this.#opened = false;
  }

  protected override updated(changed: PropertyValues<this>): void {
    const inputs = ['stack', 'server', 'study', 'series', 'maxVolumeBytes'] as const;
    if (!this.#opened || inputs.some((key) => changed.has(key))) this.#openSource();
    if (changed.has('slabMode') || changed.has('slabThickness') || changed.has('pixelSpacing'))
      this.#drawing.invalidate();
    if (changed.has('voi')) this.#paint();
    for (const pane of this.renderRoot.querySelectorAll('.pane')) this.#resize.observe(pane);
    this.#measure();
  }

  protected override render(): unknown {
    const strings = stringsFor(this.#language.locale).mpr;
    const state = this.#source.state;
    this.setAttribute('aria-label', strings.label);
    if (state.kind === 'failed') return renderNotice(state, strings);
    return html`${renderMprToolbar(this, strings)}
      <div class="planes">${PLANE_NAMES.map((name) => this.#renderPane(name))}</div>
      ${renderNotice(state, strings)}`;
  }

  #renderPane(name: MprPlaneName): unknown {
    const geometry = this.volumeGeometry;
    return renderPane({
      name,
      locale: this.#language.locale,
      mapping: this.mappingOf(name),
      drawn: this.#drawing.get(name),
      axes: this.axes,
      crosshair: this.centre,
      slab: this.reformatOptions.slab,
      tolerance: geometry ? this.#spacing(geometry) / 2 : 0,
      lengths: this.lengths,
      draft: this.draft,
      input: this.#input,
    });
  }

  #openSource(): void {
    this.#opened = true;
    this.#drawing.reset();
    this.#imageWindow = undefined;
    this.lengths = [];
    this.#source.open({
      stack: this.stack,
      server: this.server,
      study: this.study,
      series: this.series,
      frameLoader: this.frameLoader ?? this.contextFrameLoader,
      services: this.services,
      maxVolumeBytes: this.maxVolumeBytes,
    });
  }

  #volumeChanged(): void {
    const geometry = this.volumeGeometry;
    if (geometry) {
      this.axes = STANDARD_AXES;
      this.centre = volumeCentre(geometry);
      this.#drawing.invalidate();
    }
    this.requestUpdate();
  }

  #drawn(name: MprPlaneName, drawn: DrawnPlane): void {
    this.#imageWindow ??= windowOfImage(drawn.image);
    this.#paint([name]);
    this.requestUpdate();
    this.dispatchEvent(
      new MprRenderedEvent({
        plane: name,
        loadedSlices: drawn.loadedSlices,
        totalSlices: this.totalSlices,
      }),
    );
  }

  #paint(names: readonly MprPlaneName[] = PLANE_NAMES): void {
    const window = this.effectiveWindow;
    for (const name of names) {
      const drawn = this.#drawing.get(name);
      const canvas = this.renderRoot.querySelector<HTMLCanvasElement>(`canvas[data-plane=${name}]`);
      if (canvas && window && drawn) paintReformat(canvas, drawn.image, window);
    }
  }

  #measure(): void {
    const boxes = measurePanes(this.renderRoot, this.boxes);
    if (boxes) this.boxes = boxes;
  }

  #spacing(geometry: VolumeGeometry): number {
    return this.pixelSpacing !== undefined && this.pixelSpacing > 0
      ? this.pixelSpacing
      : scrollStep(geometry);
  }

  #fail(reason: string, message: string): void {
    this.dispatchEvent(
      new VolumeErrorEvent({ seriesInstanceUid: this.series || undefined, reason, message }),
    );
  }
}
