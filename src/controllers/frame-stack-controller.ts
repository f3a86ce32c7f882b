import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { FrameLoader } from '../context/frame-loader.js';
import type { DicomDataset } from '../dicom/dataset.js';
import type { DecodedFrame } from '../dicom/decoded-frame.js';
import type { DisplayDefaults } from '../render/display-pipeline.js';
import { expandPreview, isPreviewFrame } from '../dicom/preview-frame.js';

/** One displayable image: a frame of an instance (multi-frame instances expand to many). */
export interface StackImage {
  readonly dataset: DicomDataset;
  /** 0-based frame number inside the instance. */
  readonly frame: number;
}

export function expandStack(stack: readonly DicomDataset[]): StackImage[] {
  return stack.flatMap((dataset) => {
    const count = dataset.pixelData?.frameCount ?? dataset.number(0x00280008) ?? 1;
    return Array.from({ length: Math.max(1, count) }, (_, frame) => ({ dataset, frame }));
  });
}

/** What is on screen: one frame of one stack image, with the header's display defaults. */
export interface ShownImage {
  readonly image: StackImage;
  readonly frame: DecodedFrame;
  readonly quality: 'preview' | 'full';
  readonly defaults: DisplayDefaults;
  readonly loadStart: number;
}

interface Entry {
  readonly controller: AbortController;
  frame: DecodedFrame | undefined;
  preview: DecodedFrame | undefined;
  failed: unknown;
  lastUsed: number;
}

export interface FrameStackOptions {
  loader(): FrameLoader;
  /** A frame for the current image is ready (preview first when the codec gives one). */
  onFrame(
    image: StackImage,
    frame: DecodedFrame,
    quality: 'preview' | 'full',
    loadStart: number,
  ): void;
  onError(image: StackImage, error: unknown): void;
  /** Neighbours fetched ahead on each side. */
  readonly prefetchRadius?: number;
  /** Decoded frames kept in memory, in bytes. */
  readonly cacheBytes?: number;
}

/**
 * Loads the image on screen at priority 0, neighbours at their distance, and aborts what
 * scrolled far away, so a fast scroll through 500 slices never queues 500 decodes.
 */
export class FrameStackController implements ReactiveController {
  private images: StackImage[] = [];
  private readonly entries = new Map<StackImage, Entry>();
  private current: { image: StackImage; loadStart: number } | undefined;
  private clock = 0;

  constructor(
    host: ReactiveControllerHost,
    private readonly options: FrameStackOptions,
  ) {
    host.addController(this);
  }

  get length(): number {
    return this.images.length;
  }

  image(index: number): StackImage | undefined {
    return this.images[index];
  }

  setStack(stack: readonly DicomDataset[]): void {
    this.abortAll();
    this.images = expandStack(stack);
    this.current = undefined;
  }

  show(index: number): void {
    const image = this.images[index];
    if (!image) return;
    if (this.current?.image === image) return;
    const loadStart = performance.now();
    this.current = { image, loadStart };
    const entry = this.ensure(image, 0);
    if (entry.frame) {
      this.options.onFrame(image, entry.frame, 'full', loadStart);
    } else if (entry.preview) {
      this.options.onFrame(image, entry.preview, 'preview', loadStart);
    }
    const radius = this.options.prefetchRadius ?? 4;
    for (let distance = 1; distance <= radius; distance++) {
      for (const neighbour of [this.images[index + distance], this.images[index - distance]]) {
        if (neighbour) this.ensure(neighbour, distance);
      }
    }
    this.trim(index, radius);
  }

  private ensure(image: StackImage, priority: number): Entry {
    const existing = this.entries.get(image);
    if (existing && existing.failed === undefined) {
      existing.lastUsed = ++this.clock;
      return existing;
    }
    const entry: Entry = {
      controller: new AbortController(),
      frame: undefined,
      preview: undefined,
      failed: undefined,
      lastUsed: ++this.clock,
    };
    this.entries.set(image, entry);
    const isCurrent = (): boolean =>
      this.current?.image === image && this.entries.get(image) === entry;
    this.options
      .loader()
      .load(image.dataset, image.frame, {
        signal: entry.controller.signal,
        priority,
        onPreview: (decoded) => {
          if (entry.frame) return;
          // A reduced-resolution preview is drawn at the image's own size, so geometry,
          // overlays and calibration stay those of the data set until the full frame lands.
          const preview = isPreviewFrame(decoded) ? expandPreview(decoded) : decoded;
          entry.preview = preview;
          if (isCurrent() && this.current)
            this.options.onFrame(image, preview, 'preview', this.current.loadStart);
        },
      })
      .then(
        (frame) => {
          entry.frame = frame;
          entry.preview = undefined;
          if (isCurrent() && this.current)
            this.options.onFrame(image, frame, 'full', this.current.loadStart);
        },
        (error: unknown) => {
          entry.failed = error;
          if (entry.controller.signal.aborted) this.entries.delete(image);
          else if (isCurrent()) this.options.onError(image, error);
        },
      );
    return entry;
  }

  /** Aborts pending loads far from `index`, then evicts least recently used frames over budget. */
  private trim(index: number, radius: number): void {
    const keep = new Set(
      this.images.slice(Math.max(0, index - 2 * radius), index + 2 * radius + 1),
    );
    // With a viewer's shared decoded memory, decoded frames out of the window go too: that
    // memory, bounded for the whole viewer, answers when the reader scrolls back.
    const shared = this.options.loader().holdsDecodedFrames === true;
    for (const [image, entry] of this.entries) {
      if ((shared || !entry.frame) && !keep.has(image)) {
        entry.controller.abort();
        this.entries.delete(image);
      }
    }
    const budget = this.options.cacheBytes ?? 256 * 1024 * 1024;
    let used = 0;
    const loaded = [...this.entries]
      .filter(([, e]) => e.frame)
      .sort(([, a], [, b]) => b.lastUsed - a.lastUsed);
    for (const [image, entry] of loaded) {
      used += entry.frame?.pixels.byteLength ?? 0;
      if (used > budget && image !== this.current?.image) this.entries.delete(image);
    }
  }

  private abortAll(): void {
    for (const entry of this.entries.values()) entry.controller.abort();
    this.entries.clear();
  }

  hostDisconnected(): void {
    this.abortAll();
    this.current = undefined;
  }
}
