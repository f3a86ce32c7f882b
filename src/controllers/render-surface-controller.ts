import { declaresLossyCompression } from '../dicom/lossy-compression.js';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { DecodedFrame } from '../dicom/decoded-frame.js';
import { ImageRenderedEvent } from '../events/image-rendered.js';
import { createRenderer, type RendererPreference } from '../render/create-renderer.js';
import type { DisplayPipeline } from '../render/display-pipeline.js';
import type { Interpolation, Renderer } from '../render/renderer.js';
import { imageToDevice, type Surface, type ViewGeometry } from '../render/view-transform.js';
import type { ShownImage } from './frame-stack-controller.js';
import { SOPInstanceUID, SeriesInstanceUID, StudyInstanceUID } from '../dicom/tags.generated.js';

export interface RenderSurfaceHost extends ReactiveControllerHost, HTMLElement {
  readonly renderer: RendererPreference;
  readonly maxTextureSize: number | undefined;
  readonly interpolation: Interpolation;
  readonly hasUpdated: boolean;
  readonly currentImage: ShownImage | undefined;
  displayPipeline(shown: ShownImage): DisplayPipeline;
  geometry(): ViewGeometry;
  /** Where the canvas goes (inside the shadow root). */
  stage(): Element | null;
}

/**
 * Owns the canvas and its renderer: picks WebGL2 or Canvas2D, swaps to Canvas2D when the
 * WebGL context is lost, follows element resizes at device-pixel resolution (HiDPI), draws
 * once per animation frame and announces each new image with `cb-image-rendered`.
 */
export class RenderSurfaceController implements ReactiveController {
  renderer: Renderer | undefined;
  surface: Surface = { width: 0, height: 0, devicePixelRatio: 1 };
  private uploadedFrame: DecodedFrame | undefined;
  private announced: ShownImage | undefined;
  private drawRequest = 0;
  private pendingStart: ReturnType<typeof setTimeout> | undefined;
  private resizeObserver: ResizeObserver | undefined;
  private stopWatchingRatio: (() => void) | undefined;

  constructor(private readonly host: RenderSurfaceHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.resizeObserver = new ResizeObserver(() => {
      this.measure();
    });
    this.resizeObserver.observe(this.host);
    this.watchDevicePixelRatio();
    if (this.host.hasUpdated) this.replaceRenderer();
  }

  /** ResizeObserver misses a window moving to a screen of another density: watch it too. */
  private watchDevicePixelRatio(): void {
    this.stopWatchingRatio?.();
    const query = matchMedia(`(resolution: ${window.devicePixelRatio || 1}dppx)`);
    const onChange = (): void => {
      this.measure();
      this.watchDevicePixelRatio();
    };
    query.addEventListener('change', onChange, { once: true });
    this.stopWatchingRatio = () => {
      query.removeEventListener('change', onChange);
    };
  }

  hostDisconnected(): void {
    this.resizeObserver?.disconnect();
    this.resizeObserver = undefined;
    this.stopWatchingRatio?.();
    this.stopWatchingRatio = undefined;
    cancelAnimationFrame(this.drawRequest);
    this.drawRequest = 0;
    clearTimeout(this.pendingStart);
    this.pendingStart = undefined;
    this.renderer?.canvas.remove();
    this.renderer?.destroy();
    this.renderer = undefined;
    this.uploadedFrame = undefined;
  }

  /** Reads the element's CSS size and the device pixel ratio; redraws when either changed. */
  measure(): void {
    const box = this.host.getBoundingClientRect();
    const next = {
      width: box.width,
      height: box.height,
      devicePixelRatio: window.devicePixelRatio || 1,
    };
    const s = this.surface;
    if (
      s.width === next.width &&
      s.height === next.height &&
      s.devicePixelRatio === next.devicePixelRatio
    )
      return;
    this.surface = next;
    this.host.requestUpdate();
  }

  /**
   * Makes the first renderer in a task of its own. Creating a WebGL context and compiling its
   * shaders blocks the main thread for tens of milliseconds (far more on a software GPU); the
   * first frame's request, made in the same update, is sent before it instead of after.
   * `now`: nothing was asked for yet (an empty stack, as in a viewer cell waiting for its series):
   * the renderer is made at once, so it is ready when the first frame comes.
   */
  start(now = false): void {
    if (this.renderer) return;
    if (now) {
      this.replaceRenderer();
      return;
    }
    if (this.pendingStart !== undefined) return;
    this.pendingStart = setTimeout(() => {
      this.pendingStart = undefined;
      if (!this.renderer && this.host.isConnected) this.replaceRenderer();
    }, 0);
  }

  replaceRenderer(preference: RendererPreference = this.host.renderer): void {
    clearTimeout(this.pendingStart);
    this.pendingStart = undefined;
    this.renderer?.canvas.remove();
    this.renderer?.destroy();
    const creating = performance.now();
    const cap = this.host.maxTextureSize;
    this.renderer = createRenderer(preference, {
      ...(cap ? { maxTextureSize: cap } : {}),
      onContextLost: () => {
        // GPU reset or too many live contexts: carry on with the same pipeline on the CPU.
        this.replaceRenderer('canvas2d');
      },
      onContextRestored: () => {
        // The GPU is back: leave the CPU fallback for the preferred path.
        const fallback = this.renderer?.kind === 'canvas2d' && this.host.renderer !== 'canvas2d';
        if (fallback && this.host.isConnected) this.replaceRenderer();
      },
    });
    // Benches place the rendering context's creation against the network (bench/thin).
    performance.measure('courbaril:render-context', { start: creating });
    this.renderer.canvas.setAttribute('aria-hidden', 'true');
    this.host.stage()?.append(this.renderer.canvas);
    this.uploadedFrame = undefined;
    this.announced = undefined;
    this.scheduleDraw();
  }

  scheduleDraw(): void {
    if (this.drawRequest || !this.host.isConnected) return;
    this.drawRequest = requestAnimationFrame(() => {
      this.drawRequest = 0;
      this.draw();
    });
  }

  private draw(): void {
    const renderer = this.renderer;
    const shown = this.host.currentImage;
    if (!renderer || !shown) return;
    const { width, height, devicePixelRatio } = this.surface;
    renderer.resize(Math.round(width * devicePixelRatio), Math.round(height * devicePixelRatio));
    if (this.uploadedFrame !== shown.frame) {
      renderer.setFrame(shown.frame);
      this.uploadedFrame = shown.frame;
    }
    const { columns, rows } = shown.frame;
    renderer.draw(
      this.host.displayPipeline(shown),
      imageToDevice(this.host.geometry(), this.surface, columns, rows),
      this.host.interpolation,
    );
    if (this.announced === shown) return;
    this.announced = shown;
    const dataset = shown.image.dataset;
    this.host.dispatchEvent(
      new ImageRenderedEvent({
        studyInstanceUid: dataset.string(StudyInstanceUID),
        seriesInstanceUid: dataset.string(SeriesInstanceUID),
        sopInstanceUid: dataset.string(SOPInstanceUID),
        frame: shown.image.frame,
        quality: shown.quality,
        lossy: shown.frame.lossy === true || declaresLossyCompression(dataset),
        msSinceLoadStart: performance.now() - shown.loadStart,
      }),
    );
  }
}
