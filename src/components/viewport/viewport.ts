import { consume } from '@lit/context';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import {
  defaultFrameLoader,
  frameLoaderContext,
  type FrameLoader,
} from '../../context/frame-loader.js';
import { FrameStackController, type ShownImage } from '../../controllers/frame-stack-controller.js';
import { KeyboardToolsController } from '../../controllers/keyboard-tools-controller.js';
import {
  PointerToolsController,
  type ToolName,
} from '../../controllers/pointer-tools-controller.js';
import type { DicomDataset } from '../../dicom/dataset.js';
import type { DecodedFrame } from '../../dicom/decoded-frame.js';
import { ImageRenderedEvent } from '../../events/image-rendered.js';
import { MeasurementEvent } from '../../events/measurement.js';
import { VoiChangeEvent } from '../../events/voi-change.js';
import { resolveLocale } from '../../i18n/locale.js';
import { stringsFor } from '../../i18n/strings.js';
import { calibrationOf } from '../../render/calibration.js';
import { createRenderer, type RendererPreference } from '../../render/create-renderer.js';
import { displayDefaultsOf, type DisplayPipeline } from '../../render/display-pipeline.js';
import type { Measurement } from '../../render/measurement.js';
import type { Renderer, RendererKind } from '../../render/renderer.js';
import {
  apply,
  imageToDevice,
  invert,
  type Affine,
  type Rotation,
  type ViewGeometry,
} from '../../render/view-transform.js';
import {
  normaliseWindow,
  windowFromRange,
  type VoiPreset,
  type VoiTransform,
  type VoiWindow,
} from '../../render/voi-lut.js';
import { renderOverlay } from './viewport-overlay.js';
import { viewportStyles } from './viewport.styles.js';

const scaleConverter = {
  fromAttribute: (value: string | null): 'fit' | number => {
    const number = Number(value);
    return value === null || value === 'fit' || !(number > 0) ? 'fit' : number;
  },
  toAttribute: (value: 'fit' | number): string => String(value),
};

/**
 * Shows a stack of DICOM images through the standard display pipeline (PS3.4 grayscale
 * chain: Modality LUT → VOI LUT → Presentation LUT) on WebGL2, or Canvas2D when WebGL2 is
 * unavailable or its context is lost, with window/zoom/pan/scroll tools, measurements and
 * text overlays. Pixels come from a `FrameLoader` (context `frameLoaderContext`, or the
 * `frameLoader` property); the viewport never fetches or decodes by itself.
 *
 * @summary One DICOM image viewport with tools, measurements and overlays.
 *
 * @fires cb-image-rendered - A frame is on screen: `{ studyInstanceUid, seriesInstanceUid, sopInstanceUid, frame, quality, msSinceLoadStart }`.
 * @fires cb-voi-change - The window (VOI) changed, by a tool, a key or the `voi` property.
 * @fires cb-measurement - A measurement was completed or deleted: kind, value, unit, points (image coordinates), calibration.
 *
 * @csspart stage - The drawing surface (holds the canvas).
 * @csspart overlay - The four-corner text, orientation markers and scale bar.
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
  /** Primary-button tool. */
  @property() tool: ToolName = 'windowLevel';
  /** Cine speed in frames per second. */
  @property({ type: Number, attribute: 'cine-fps' }) cineFps = 15;
  /** Stack loading progress, set by whoever fills the stack; shows a bar until loaded = total. */
  @property({ attribute: false }) loadProgress: { loaded: number; total: number } | undefined =
    undefined;
  /** Overrides the context-provided loader. */
  @property({ attribute: false }) frameLoader: FrameLoader | undefined = undefined;

  @consume({ context: frameLoaderContext, subscribe: true })
  @state()
  private contextFrameLoader: FrameLoader | undefined = undefined;

  @state() private shown: ShownImage | undefined = undefined;
  @state() private presetIndex: number | undefined = undefined;
  @state() private failed = false;
  @state() private surface = { width: 0, height: 0, devicePixelRatio: 1 };
  @state() private measurementList: Measurement[] = [];
  @state() private playing = false;

  private activeRenderer: Renderer | undefined;
  private uploadedFrame: DecodedFrame | undefined;
  private announced: ShownImage | undefined;
  private drawRequest = 0;
  private voiSetByUser = false;
  private cineTimer = 0;
  private resizeObserver: ResizeObserver | undefined;
  private pipelineMemo: { key: unknown[]; pipeline: DisplayPipeline } | undefined;

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

  /** @internal */
  readonly pointerTools = new PointerToolsController(this);
  /** @internal */
  readonly keyboardTools = new KeyboardToolsController(this);

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang') this.requestUpdate();
  }

  /** Which path draws: 'webgl2' or 'canvas2d' (after a fallback or when forced). */
  get renderPath(): RendererKind | undefined {
    return this.activeRenderer?.kind;
  }

  /** Times pixel data was sent to the renderer (window changes must not add to it). */
  get pixelUploads(): number {
    return this.activeRenderer?.pixelUploads ?? 0;
  }

  /** The canvas currently drawn into. */
  get canvas(): HTMLCanvasElement | undefined {
    return this.activeRenderer?.canvas;
  }

  /** Every measurement made in this stack, as data. */
  get measurements(): readonly Measurement[] {
    return this.measurementList;
  }

  /** The header's window / VOI LUT presets for the image on screen. */
  get presets(): readonly VoiPreset[] {
    return this.shown?.defaults.presets ?? [];
  }

  get imageCount(): number {
    return this.frames.length;
  }

  get currentImage(): ShownImage | undefined {
    return this.shown;
  }

  get isPlaying(): boolean {
    return this.playing;
  }

  /** The window in force as numbers (a VOI LUT table is approximated by the data range). */
  get effectiveWindow(): Required<VoiWindow> | undefined {
    const voi = this.currentVoi();
    if (!voi) return undefined;
    if (voi.kind === 'window') return voi.window;
    const range = this.shown?.defaults.modalityRange ?? [0, 255];
    return windowFromRange(range[0], range[1]);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.hasAttribute('tabindex')) this.tabIndex = 0;
    this.setAttribute('role', 'img');
    this.resizeObserver = new ResizeObserver(() => {
      this.measure();
    });
    this.resizeObserver.observe(this);
    if (this.hasUpdated) {
      this.replaceRenderer();
      this.announced = undefined;
      this.frames.show(this.index);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizeObserver?.disconnect();
    this.resizeObserver = undefined;
    cancelAnimationFrame(this.drawRequest);
    this.drawRequest = 0;
    this.stop();
    this.activeRenderer?.canvas.remove();
    this.activeRenderer?.destroy();
    this.activeRenderer = undefined;
    this.uploadedFrame = undefined;
  }

  /** Back to the header's window, fit to the viewport, no pan/rotation/flip/invert. */
  reset(): void {
    this.voi = undefined;
    this.presetIndex = undefined;
    this.scale = 'fit';
    this.pan = { x: 0, y: 0 };
    this.rotation = 0;
    this.flipHorizontal = false;
    this.flipVertical = false;
    this.invert = false;
  }

  /** Applies the n-th header preset (0-based); keys 1–9 call it. */
  selectPreset(index: number): void {
    const preset = this.presets[index];
    if (!preset) return;
    this.voi = undefined;
    this.voiSetByUser = true;
    this.presetIndex = index;
    this.dispatchEvent(
      new VoiChangeEvent({
        voi: preset.voi.kind === 'window' ? preset.voi.window : undefined,
        preset: preset.label,
        source: 'user',
      }),
    );
  }

  /** Sets the window from a tool or key and tells listeners. */
  setWindowFromUser(window: VoiWindow): void {
    this.voi = normaliseWindow(window);
    this.voiSetByUser = true;
    this.dispatchEvent(new VoiChangeEvent({ voi: this.voi, preset: undefined, source: 'user' }));
  }

  /** Starts cine at `cineFps`, wrapping at the end of the stack. */
  play(): void {
    if (this.playing || this.frames.length < 2) return;
    this.playing = true;
    const step = (): void => {
      if (!this.playing) return;
      this.index = (this.index + 1) % this.frames.length;
      this.cineTimer = window.setTimeout(step, 1000 / Math.max(this.cineFps, 0.1));
    };
    this.cineTimer = window.setTimeout(step, 1000 / Math.max(this.cineFps, 0.1));
  }

  stop(): void {
    this.playing = false;
    clearTimeout(this.cineTimer);
  }

  /** Adds a measurement (tools call this) and announces it. */
  addMeasurement(measurement: Measurement): void {
    this.measurementList = [...this.measurementList, measurement];
    this.dispatchEvent(new MeasurementEvent(measurement, 'created'));
  }

  deleteMeasurement(id: string): void {
    const removed = this.measurementList.find((m) => m.id === id);
    if (!removed) return;
    this.measurementList = this.measurementList.filter((m) => m.id !== id);
    this.dispatchEvent(new MeasurementEvent(removed, 'deleted'));
  }

  /** Image pixel coordinates under a client (viewport CSS) point, for tools. */
  imagePointAt(clientX: number, clientY: number): { x: number; y: number } | undefined {
    const m = this.imageToCss();
    if (!m) return undefined;
    const box = this.getBoundingClientRect();
    return apply(invert(m), clientX - box.left, clientY - box.top);
  }

  /** Image pixel coordinates → CSS pixels inside the viewport. */
  imageToCss(): Affine | undefined {
    const shown = this.shown;
    if (!shown) return undefined;
    const m = imageToDevice(this.geometry(), this.surface, shown.frame.columns, shown.frame.rows);
    const r = this.surface.devicePixelRatio;
    return { a: m.a / r, b: m.b / r, c: m.c / r, d: m.d / r, e: m.e / r, f: m.f / r };
  }

  geometry(): ViewGeometry {
    return {
      scale: this.scale,
      pan: this.pan,
      rotation: this.rotation,
      flipHorizontal: this.flipHorizontal,
      flipVertical: this.flipVertical,
    };
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('stack')) {
      this.frames.setStack(this.stack);
      this.presetIndex = undefined;
      this.shown = undefined;
    }
    if (changed.has('index') || changed.has('stack')) {
      const last = Math.max(0, this.frames.length - 1);
      const clamped = Math.min(Math.max(Math.round(this.index) || 0, 0), last);
      if (clamped !== this.index) this.index = clamped;
      this.frames.show(this.index);
    }
    if (changed.has('renderer') || changed.has('maxTextureSize')) {
      if (this.hasUpdated) this.replaceRenderer();
    }
  }

  protected override firstUpdated(): void {
    this.replaceRenderer();
    this.measure();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('voi') && !this.voiSetByUser) {
      this.dispatchEvent(new VoiChangeEvent({ voi: this.voi, preset: undefined, source: 'api' }));
    }
    this.voiSetByUser = false;
    this.scheduleDraw();
  }

  protected override render(): unknown {
    const strings = stringsFor(resolveLocale(this));
    this.setAttribute('aria-label', strings.viewportLabel);
    const progress = this.loadProgress;
    const shown = this.shown;
    const showProgress = progress && progress.total > 0 && progress.loaded < progress.total;
    return html`<div class="stage" part="stage"></div>
      ${
        this.overlay === 'off' || !shown
          ? nothing
          : renderOverlay({
              viewport: this,
              shown,
              strings,
              locale: resolveLocale(this),
              window: this.effectiveWindow,
              measurements: this.measurementList.filter(
                (m) =>
                  m.sopInstanceUid === shown.image.dataset.string(0x00080018) &&
                  m.frame === shown.image.frame,
              ),
              calibration: calibrationOf(shown.image.dataset, shown.image.frame),
              draft: this.pointerTools.draft,
              lens: this.pointerTools.lens,
            })
      }
      ${this.failed ? html`<div class="error" role="alert">${strings.loadFailed}</div>` : nothing}
      ${
        showProgress
          ? html`<div
              class="progress"
              role="progressbar"
              aria-label=${strings.loading}
              aria-valuemin="0"
              aria-valuemax=${progress.total}
              aria-valuenow=${progress.loaded}
              style="width: ${(100 * progress.loaded) / progress.total}%"
            ></div>`
          : nothing
      }`;
  }

  private currentVoi(): VoiTransform | undefined {
    const defaults = this.shown?.defaults;
    if (!defaults) return undefined;
    if (this.voi) return { kind: 'window', window: normaliseWindow(this.voi) };
    const preset = this.presetIndex === undefined ? undefined : defaults.presets[this.presetIndex];
    return preset?.voi ?? defaults.defaultVoi;
  }

  /** One pipeline object per distinct input, so the Canvas2D path can skip unchanged redraws. */
  private pipeline(shown: ShownImage): DisplayPipeline {
    const key = [shown.defaults, this.voi, this.presetIndex, this.invert];
    const memo = this.pipelineMemo;
    if (memo && memo.key.length === key.length && memo.key.every((v, i) => v === key[i]))
      return memo.pipeline;
    const voi = this.currentVoi() ?? shown.defaults.defaultVoi;
    const pipeline: DisplayPipeline = {
      color: shown.defaults.color,
      modality: shown.defaults.modality,
      voi,
      invert: shown.defaults.inverted !== this.invert,
    };
    this.pipelineMemo = { key, pipeline };
    return pipeline;
  }

  private measure(): void {
    const box = this.getBoundingClientRect();
    const next = {
      width: box.width,
      height: box.height,
      devicePixelRatio: window.devicePixelRatio || 1,
    };
    const s = this.surface;
    if (
      s.width !== next.width ||
      s.height !== next.height ||
      s.devicePixelRatio !== next.devicePixelRatio
    )
      this.surface = next;
  }

  private replaceRenderer(preference: RendererPreference = this.renderer): void {
    this.activeRenderer?.canvas.remove();
    this.activeRenderer?.destroy();
    const options = {
      ...(this.maxTextureSize ? { maxTextureSize: this.maxTextureSize } : {}),
      onContextLost: () => {
        // The WebGL context is gone (GPU reset, too many contexts): continue on the CPU.
        this.replaceRenderer('canvas2d');
      },
    };
    this.activeRenderer = createRenderer(preference, options);
    this.activeRenderer.canvas.setAttribute('aria-hidden', 'true');
    this.renderRoot.querySelector('.stage')?.append(this.activeRenderer.canvas);
    this.uploadedFrame = undefined;
    this.announced = undefined;
    this.scheduleDraw();
  }

  private scheduleDraw(): void {
    if (this.drawRequest || !this.isConnected) return;
    this.drawRequest = requestAnimationFrame(() => {
      this.drawRequest = 0;
      this.draw();
    });
  }

  private draw(): void {
    const renderer = this.activeRenderer;
    const shown = this.shown;
    if (!renderer || !shown) return;
    const { width, height, devicePixelRatio } = this.surface;
    renderer.resize(Math.round(width * devicePixelRatio), Math.round(height * devicePixelRatio));
    if (this.uploadedFrame !== shown.frame) {
      renderer.setFrame(shown.frame);
      this.uploadedFrame = shown.frame;
    }
    renderer.draw(
      this.pipeline(shown),
      imageToDevice(this.geometry(), this.surface, shown.frame.columns, shown.frame.rows),
    );
    if (this.announced !== shown) {
      this.announced = shown;
      const dataset = shown.image.dataset;
      this.dispatchEvent(
        new ImageRenderedEvent({
          studyInstanceUid: dataset.string(0x0020000d),
          seriesInstanceUid: dataset.string(0x0020000e),
          sopInstanceUid: dataset.string(0x00080018),
          frame: shown.image.frame,
          quality: shown.quality,
          msSinceLoadStart: performance.now() - shown.loadStart,
        }),
      );
    }
  }
}
