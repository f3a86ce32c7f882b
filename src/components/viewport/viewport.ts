import { consume } from '@lit/context';
import { LitElement, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import {
  defaultFrameLoader,
  frameLoaderContext,
  type FrameLoader,
} from '../../context/frame-loader.js';
import { CineController } from '../../controllers/cine-controller.js';
import { FrameStackController, type ShownImage } from '../../controllers/frame-stack-controller.js';
import { KeyboardToolsController } from '../../controllers/keyboard-tools-controller.js';
import { MeasurementListController } from '../../controllers/measurement-list-controller.js';
import { PointerToolsController } from '../../controllers/pointer-tools-controller.js';
import { RenderSurfaceController } from '../../controllers/render-surface-controller.js';
import type { ToolName } from '../../controllers/tools/tools.js';
import type { DicomDataset } from '../../dicom/dataset.js';
import { LanguageController } from '../../controllers/language-controller.js';
import { stringsFor } from '../../i18n/strings.js';
import type { RendererPreference } from '../../render/create-renderer.js';
import { displayDefaultsOf, type DisplayPipeline } from '../../render/display-pipeline.js';
import type { Measurement } from '../../render/measurement.js';
import type { Interpolation, RendererKind } from '../../render/renderer.js';
import {
  apply,
  invert,
  type Affine,
  type Rotation,
  type ViewGeometry,
} from '../../render/view-transform.js';
import type { VoiPreset, VoiWindow } from '../../render/voi-lut.js';
import { StandIn, type NearestLoaded } from './stand-in.js';
import { renderViewportContent } from './viewport-content.js';
import { scaleConverter } from './scale-converter.js';
import { geometryOf, imageToCss, oneToOneGeometry } from './view-mapping.js';
import { OneToOneChangeEvent } from '../../events/one-to-one-change.js';
import { viewportStyles } from './viewport.styles.js';
import { PipelineMemo, VoiController, voiInForce, windowInForce } from './voi-state.js';
import type { PresentationState } from '../../dicom/presentation-state-model.js';
import { PresentationController } from './presentation-controller.js';

/**
 * Shows a stack of DICOM images through the standard display pipeline (PS3.4 grayscale
 * chain: Modality LUT → VOI LUT → Presentation LUT) on WebGL2, or Canvas2D when WebGL2 is
 * unavailable or its context is lost, with window/zoom/pan/scroll tools, measurements and
 * text overlays. Pixels come from a `FrameLoader` (context `frameLoaderContext`, or the
 * `frameLoader` property); the viewport never fetches or decodes by itself.
 *
 * @summary One DICOM image viewport with tools, measurements and overlays.
 *
 * @attr lang - `en` or `fr`; default: the closest `[lang]` ancestor, then `<html lang>`, then English. A change re-renders.
 *
 * @fires cb-image-rendered - A frame is on screen: `{ studyInstanceUid, seriesInstanceUid, sopInstanceUid, frame, quality, lossy, msSinceLoadStart }`.
 * @fires cb-voi-change - The window (VOI) changed, by a tool, a key or the `voi` property.
 * @fires cb-one-to-one-change - The reader turned 1:1 mode on or off (X key, toolbar button, or a zoom leaving it): `{ oneToOne }`.
 * @fires cb-measurement - A measurement was completed or deleted: kind (the tool's id), value, unit, points (image coordinates), calibration; statistics for regions, storedValue for the point probe.
 *
 * @csspart stage - The drawing surface (holds the canvas).
 * @csspart overlay - The four-corner text, orientation markers and scale bar.
 * @csspart stand-in - The mark over a loaded neighbour shown while the slice asked for loads.
 * @csspart lossy - "Lossy image: not for diagnosis" over a frame that went through lossy compression (shown even with `overlay="off"`).
 * @csspart partial - "Incomplete image: not for diagnosis" over a frame decoded from a codestream cut short (shown even with `overlay="off"`).
 * @csspart preview - "Preview: not for diagnosis" over a preview (reduced JPEG 2000 decode, server-rendered image) until the diagnostic frame replaces it (shown even with `overlay="off"`).
 *
 * @cssproperty --cb-viewport-background - Colour around the image.
 * @cssproperty --cb-viewport-overlay-color - Overlay text colour.
 * @cssproperty --cb-viewport-overlay-font - Overlay font.
 * @cssproperty --cb-viewport-annotation-color - Measurement colour.
 * @cssproperty --cb-viewport-progress-color - Loading bar colour.
 * @cssproperty --cb-viewport-focus-color - Focus ring colour.
 */
export class CbViewport extends LitElement {
  static override styles = viewportStyles;

  /** Instances to show; multi-frame instances are expanded, one stack image per frame. */
  @property({ attribute: false }) stack: DicomDataset[] = [];
  /** Position in the expanded stack. */
  @property({ type: Number }) index = 0;
  /** Window applied to modality values; undefined = the header's first preset, else the data range. */
  @property({ attribute: false }) voi: VoiWindow | undefined = undefined;
  /** 'fit' (default) or CSS pixels per image pixel (1 = one image pixel per CSS pixel). */
  @property({ converter: scaleConverter }) scale: 'fit' | number = 'fit';
  /**
   * 1:1 mode: one stored pixel on one device pixel (`scale` is then 1 / devicePixelRatio,
   * followed when the ratio changes), the pan kept so the image covers the viewport. `scale`
   * is kept underneath: leaving the mode goes back to it. The X key and the toolbar toggle it.
   */
  @property({ type: Boolean, reflect: true, attribute: 'one-to-one' }) oneToOne = false;
  /**
   * Console QC lock (ANSM decision of 15 January 2020, §8.7.5): no window, preset, invert, zoom,
   * rotation or flip by the reader; the primary button is the loupe. The host may set them all.
   */
  @property({ type: Boolean, reflect: true }) locked = false;
  /** Offset of the image centre from the viewport centre, CSS pixels. */
  @property({ attribute: false }) pan: { x: number; y: number } = { x: 0, y: 0 };
  /** Clockwise rotation in degrees. */
  @property({ type: Number }) rotation: Rotation = 0;
  @property({ type: Boolean, attribute: 'flip-horizontal' }) flipHorizontal = false;
  @property({ type: Boolean, attribute: 'flip-vertical' }) flipVertical = false;
  /** Inverts the display on top of what MONOCHROME1 / Presentation LUT Shape require. */
  @property({ type: Boolean }) invert = false;
  /** 'off' hides every text overlay, marker and annotation (clean captures). */
  @property({ reflect: true }) overlay: 'on' | 'off' = 'on';
  /** 'auto' (WebGL2, Canvas2D fallback), or force 'webgl2' / 'canvas2d'. */
  @property() renderer: RendererPreference = 'auto';
  /** Caps GPU texture tiles below MAX_TEXTURE_SIZE (weak GPUs; tests force tiling with it). */
  @property({ type: Number, attribute: 'max-texture-size' }) maxTextureSize: number | undefined =
    undefined;
  /** 'linear' (default) smooths magnified images; 'nearest' shows stored pixels as squares. */
  @property() interpolation: Interpolation = 'linear';
  /**
   * Primary-button tool, an id of the tool table (controllers/tools/tools.ts): 'windowLevel',
   * 'pan', 'zoom', 'scroll', 'magnifier', 'length', 'angle', 'rectangle', 'ellipse', 'probe'.
   */
  @property() tool: ToolName = 'windowLevel';
  /** Cine speed in frames per second. */
  @property({ type: Number, attribute: 'cine-fps' }) cineFps = 15;
  /** Stack loading progress, set by whoever fills the stack; shows a bar until loaded = total. */
  @property({ attribute: false }) loadProgress: { loaded: number; total: number } | undefined =
    undefined;
  /**
   * Which slice is loaded nearest to an index (e.g. `SeriesLoader.nearestLoaded`): while the slice
   * asked for is on its way, that neighbour is shown, marked as a stand-in.
   */
  @property({ attribute: false }) nearestLoaded: NearestLoaded | undefined = undefined;
  /**
   * A Grayscale Softcopy Presentation State (`readPresentationState`) applied to the images it
   * references: its VOI, Presentation LUT shape, rotation/flip, displayed area, shutters and
   * annotations. Setting one resets the view to it; undefined goes back to the headers.
   */
  @property({ attribute: false }) presentationState: PresentationState | undefined = undefined;
  /** Overrides the context-provided loader. */
  @property({ attribute: false }) frameLoader: FrameLoader | undefined = undefined;

  @consume({ context: frameLoaderContext, subscribe: true })
  @state()
  private contextFrameLoader: FrameLoader | undefined = undefined;

  @state() private shown: ShownImage | undefined = undefined;
  @state() private failed = false;

  private readonly pipelines = new PipelineMemo();
  private readonly voiState = new VoiController(this);
  private readonly presentation = new PresentationController(this);

  private readonly frames = new FrameStackController(this, {
    loader: () => this.frameLoader ?? this.contextFrameLoader ?? defaultFrameLoader,
    onFrame: (image, frame, quality, loadStart) => {
      this.failed = false;
      this.shown = {
        image,
        frame,
        quality,
        defaults: displayDefaultsOf(image.dataset, frame),
        loadStart,
      };
    },
    onError: () => {
      this.failed = true;
    },
  });

  private readonly standIn = new StandIn({
    index: () => this.index,
    nearestLoaded: () => this.nearestLoaded,
    imageAt: (index) => this.frames.image(index),
    shownImage: () => this.shown?.image,
    loader: () => this.frameLoader ?? this.contextFrameLoader ?? defaultFrameLoader,
    showStandIn: (image, frame) => {
      const defaults = displayDefaultsOf(image.dataset, frame);
      this.shown = { image, frame, quality: 'full', defaults, loadStart: performance.now() };
    },
  });

  /** @internal */
  readonly surface = new RenderSurfaceController(this);
  private readonly pointerTools = new PointerToolsController(this);
  private readonly keyboardTools = new KeyboardToolsController(this);
  private readonly measurementList = new MeasurementListController(this);
  private readonly cine = new CineController(this, () => this.frames.length);
  private readonly language = new LanguageController(this);

  /** Which path draws: 'webgl2' or 'canvas2d' (after a fallback or when forced). */
  get renderPath(): RendererKind | undefined {
    return this.surface.renderer?.kind;
  }

  /** Times pixel data was sent to the renderer (window changes must not add to it). @internal */
  get pixelUploads(): number {
    return this.surface.renderer?.pixelUploads ?? 0;
  }

  /** The canvas currently drawn into. */
  get canvas(): HTMLCanvasElement | undefined {
    return this.surface.renderer?.canvas;
  }

  /** Every measurement made in this stack, as data (`kind` is the tool's id). */
  get measurements(): readonly Measurement[] {
    return this.measurementList.measurements;
  }

  /** The header's window / VOI LUT presets for the image on screen. */
  get presets(): readonly VoiPreset[] {
    return this.shown?.defaults.presets ?? [];
  }

  /** Images in the stack, multi-frame instances expanded (one per frame). */
  get imageCount(): number {
    return this.frames.length;
  }

  /** The image on screen: stack image, decoded frame, quality, display defaults. */
  get currentImage(): ShownImage | undefined {
    return this.shown;
  }

  /** Whether cine is playing. */
  get isPlaying(): boolean {
    return this.cine.playing;
  }

  /** The window in force as numbers (a VOI LUT table is approximated by the data range). */
  get effectiveWindow(): Required<VoiWindow> | undefined {
    const d = this.shown?.defaults;
    const applied = this.presentation.applied(this.shown);
    return windowInForce(d, voiInForce(d, this.voi, this.voiState.presetIndex, applied));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.hasAttribute('tabindex')) this.tabIndex = 0;
    // A group, not an img: an img's children are presentational, which would hide the toolbar.
    this.setAttribute('role', 'group');
    if (this.hasUpdated) this.frames.show(this.index);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.standIn.cancel();
  }

  /** The image on screen stands in for the slice at `index`, which is still loading. */
  get showsStandIn(): boolean {
    const shown = this.shown;
    return shown !== undefined && shown.image !== this.frames.image(this.index);
  }

  /**
   * Asks again for the image in view and its neighbours (after a failed load, once the server is
   * back); what is on screen stays until the new frame arrives.
   */
  reload(): void {
    this.failed = false;
    this.frames.setStack(this.stack);
    this.frames.show(this.index);
    this.standIn.request(this.index);
  }

  /** Back to the header's window, fit to the viewport, no pan/rotation/flip/invert. */
  reset(): void {
    this.voi = undefined;
    this.voiState.clearPreset();
    this.scale = 'fit';
    this.pan = { x: 0, y: 0 };
    this.rotation = 0;
    this.flipHorizontal = false;
    this.flipVertical = false;
    this.invert = false;
  }

  /** Applies the n-th header preset (0-based); keys 1–9 call it. */
  selectPreset(index: number): void {
    this.voiState.selectPreset(index);
  }

  /** Applies the header preset after the one in force, wrapping (the toolbar's preset button). */
  cyclePreset(): void {
    this.voiState.cyclePreset();
  }

  /**
   * Sets the window from a tool or key and tells listeners (`source: 'user'`); hosts set `voi`.
   * @internal
   */
  setWindowFromUser(window: VoiWindow): void {
    if (!this.locked) this.voiState.setWindowFromUser(window);
  }

  /**
   * Turns 1:1 mode on or off for the reader and tells listeners (`cb-one-to-one-change`).
   * @internal
   */
  setOneToOneFromUser(on: boolean): void {
    if (this.locked || on === this.oneToOne) return;
    this.oneToOne = on;
    this.dispatchEvent(new OneToOneChangeEvent({ oneToOne: on }));
  }

  /** Starts cine at `cineFps`, wrapping at the end of the stack. */
  play(): void {
    this.cine.play();
  }

  /** Stops cine. */
  stop(): void {
    this.cine.stop();
  }

  /** Adds a measurement a tool made and announces it (`cb-measurement`, 'created'). @internal */
  addMeasurement(measurement: Measurement): void {
    this.measurementList.add(measurement);
  }

  /** Removes a measurement and announces it (`cb-measurement`, change 'deleted'). */
  deleteMeasurement(id: string): void {
    this.measurementList.delete(id);
  }

  /** Image pixel coordinates under a client (viewport CSS) point, for tools. @internal */
  imagePointAt(clientX: number, clientY: number): { x: number; y: number } | undefined {
    const m = this.imageToCss();
    if (!m) return undefined;
    const box = this.getBoundingClientRect();
    return apply(invert(m), clientX - box.left, clientY - box.top);
  }

  /** Image pixel coordinates → CSS pixels inside the viewport. @internal */
  imageToCss(): Affine | undefined {
    return imageToCss(this.shown, this.geometry(), this.surface.surface);
  }

  /** @internal */
  geometry(): ViewGeometry {
    const geometry = this.presentation.geometry(geometryOf(this), this.surface.surface, this.shown);
    return this.oneToOne
      ? oneToOneGeometry(geometry, this.surface.surface, this.shown?.frame)
      : geometry;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('stack')) {
      this.frames.setStack(this.stack);
      this.voiState.clearPreset();
      this.shown = undefined;
    }
    if (changed.has('index') || changed.has('stack')) {
      const last = Math.max(0, this.frames.length - 1);
      const clamped = Math.min(Math.max(Math.round(this.index) || 0, 0), last);
      if (clamped !== this.index) this.index = clamped;
      this.frames.show(this.index);
      this.standIn.request(this.index);
    }
    if (changed.has('renderer') || changed.has('maxTextureSize')) {
      if (this.hasUpdated) this.surface.replaceRenderer();
    }
    // In 1:1 the pan held is the one in force, so a pan tool moves on from what is on screen.
    const pan = this.oneToOne && this.shown ? this.geometry().pan : undefined;
    if (pan && (pan.x !== this.pan.x || pan.y !== this.pan.y)) this.pan = pan;
  }

  protected override firstUpdated(): void {
    this.surface.start(this.frames.length === 0);
    this.surface.measure();
  }

  protected override updated(): void {
    this.surface.scheduleDraw();
    const shutter = this.renderRoot.querySelector<HTMLCanvasElement>('canvas.shutter');
    this.presentation.drawShutters(shutter, this.imageToCss(), this.surface.surface);
  }

  protected override render(): unknown {
    const locale = this.language.locale;
    const strings = stringsFor(locale).viewport;
    this.setAttribute('aria-label', strings.viewportLabel);
    return renderViewportContent({
      viewport: this,
      shown: this.shown,
      strings,
      locale,
      window: this.effectiveWindow,
      measurements: this.measurementList.measurements,
      draft: this.pointerTools.draft ?? this.keyboardTools.draft,
      stack: this.frames,
      failed: this.failed,
      presentation: this.presentation.applied(this.shown),
    });
  }

  /** @internal */
  displayPipeline(shown: ShownImage): DisplayPipeline {
    const applied = this.presentation.applied(shown);
    return this.pipelines.get(shown, this.voi, this.voiState.presetIndex, this.invert, applied);
  }

  /** @internal */
  stage(): Element | null {
    return this.renderRoot.querySelector('.stage');
  }
}
