/**
 * Opens a series for its first image on a thin link. The series metadata (DICOM JSON of every
 * instance: ~1 MB for 300 CT slices) used to travel before the first frame; here the slice to
 * show and its own metadata go first:
 *
 * 1. a QIDO-RS instance search in the series (PS3.18 10.6.1) asking only for what the stack
 *    order reads — Instance Number, Image Position and Orientation (Patient), Number of Frames —
 *    sorted by the SeriesLoader's own rule (instance-order.ts), so the slice chosen is the one
 *    the full series would put in view;
 * 2. that instance's WADO-RS metadata (PS3.18 10.4.1.1.2, instance level) and, as soon as it is
 *    in, its frame at the visible priority;
 * 3. the series metadata once that frame has arrived (or failed), so it never shares the link
 *    with the frame on screen; then a SeriesLoader that reuses the first slice's source (its
 *    frame is not fetched twice).
 *
 * When step 1 or 2 fails (a server without instance-level QIDO, an empty answer), the series
 * metadata is asked for at once and the opening is as before. The order chosen from QIDO can
 * differ from the full metadata's only when the QIDO answer lacks positions the metadata has:
 * `viewIndex` is always the full order's choice, and a caller shows that slice once the loader
 * is made (same slice in the usual case, an honest switch otherwise).
 */
import type { SeriesStore } from '../cache/series-store.js';
import type { DicomDataset } from '../dicom/dataset.js';
import { datasetFromDicomJson } from '../dicom/json-dataset.js';
import type { DicomwebClient } from './dicomweb-client.js';
import { Tag, jsonNumber, jsonString, type DicomJsonObject } from './dicom-json-values.js';
import { DicomwebPixelDataSource } from './dicomweb-pixel-data-source.js';
import { sortInstances } from './instance-order.js';
import type { RetrievalScheduler } from './retrieval-scheduler.js';
import { RetrievalPriority } from './retrieval-request.js';
import { SeriesLoader, type SeriesLoaderOptions } from './series-loader.js';

/** Which slice shows first: the first or middle of the stack, or a named instance (and frame). */
export type OpeningView =
  'first' | 'middle' | { readonly sopInstanceUid: string; readonly frame?: number };

export interface SeriesOpeningOptions {
  readonly client: DicomwebClient;
  readonly scheduler: RetrievalScheduler;
  /** Names the server in cache keys (default: the client's DICOMweb root URL). */
  readonly server?: string;
  readonly studyInstanceUid: string;
  readonly seriesInstanceUid: string;
  readonly store?: SeriesStore | undefined;
  /** Default 'middle'. */
  readonly view?: OpeningView;
  readonly signal?: AbortSignal | undefined;
  /**
   * Reads the series metadata (default: WADO-RS series metadata); a viewer passes its own,
   * cache-first read. Called once, after the first slice's frame.
   */
  readonly seriesMetadata?: (signal: AbortSignal | undefined) => Promise<DicomJsonObject[]>;
  /**
   * Awaited before the opening asks for the first slice's frame: a viewer shows the slice first,
   * so the display's own request (with what it adds: a rendered preview while the frame is on
   * the network) goes first and the opening's joins it. A rejection (the slice refused, e.g. another
   * patient's) means the frame is not fetched; the series metadata still follows.
   */
  readonly beforeFrame?: (first: FirstSlice) => Promise<void>;
}

export interface FirstSlice {
  /** Its place in the stack as the QIDO answer orders it (`total` slices). */
  readonly index: number;
  readonly total: number;
  /** 0-based frame inside the instance. */
  readonly frameIndex: number;
  readonly source: DicomwebPixelDataSource;
  /** The instance's metadata as a data set whose `pixelData` is `source`. */
  readonly dataset: DicomDataset;
}

/** PS3.18 10.6.1.2.3: includefield by tag; what instance-order.ts reads, and the frame count. */
const ORDER_FIELDS = ['00200013', '00200032', '00200037', '00280008'];

export class SeriesOpening {
  /** The slice to show and its own metadata; rejects when the server could not say (then the loader still comes). */
  readonly firstSlice: Promise<FirstSlice>;
  /**
   * The first slice once its frame was asked for (after `beforeFrame`); undefined when it was
   * refused or could not be found. Only this slice is reused by a loader: a refused one never is.
   */
  readonly askedSlice: Promise<FirstSlice | undefined>;
  /** Settles once the first slice's frame is asked for (after `beforeFrame`), or the slice was refused or not found. */
  readonly frameAsked: Promise<void>;
  /** The series metadata, read behind the first slice's frame. */
  readonly instances: Promise<DicomJsonObject[]>;
  readonly #options: SeriesOpeningOptions;
  #loader: Promise<SeriesLoader> | undefined;

  constructor(options: SeriesOpeningOptions) {
    this.#options = options;
    this.firstSlice = this.#firstSlice();
    let frameSettled: Promise<void> = Promise.resolve();
    const ask = (first: FirstSlice): FirstSlice => {
      frameSettled = first.source
        .load(first.frameIndex, {
          priority: RetrievalPriority.visible,
          ...(options.signal ? { signal: options.signal } : {}),
        })
        .then(
          () => undefined,
          () => undefined,
        );
      return first;
    };
    // Without `beforeFrame` the frame is asked for in the same turn as the slice is known: nothing
    // goes before it. A rejection (another patient, a contradicted identity): never fetched.
    this.askedSlice = this.firstSlice.then(
      (first) =>
        options.beforeFrame
          ? options.beforeFrame(first).then(
              () => ask(first),
              () => undefined,
            )
          : ask(first),
      () => undefined,
    );
    this.frameAsked = this.askedSlice.then(() => undefined);
    // The first slice's frame (or its failure, or its refusal) opens the way for the series metadata.
    this.instances = this.askedSlice.then(async () => {
      await frameSettled;
      options.signal?.throwIfAborted();
      return options.seriesMetadata
        ? options.seriesMetadata(options.signal)
        : options.client.retrieveSeriesMetadata(
            options.studyInstanceUid,
            options.seriesInstanceUid,
            { signal: options.signal },
          );
    });
    // Whoever reads only one of the two must not meet an unhandled rejection for the other.
    this.firstSlice.catch(() => undefined);
    this.instances.catch(() => undefined);
  }

  /**
   * The series' loader over the full metadata (made once), reusing the first slice's source.
   * `extra`: the loader options that are not the opening's own.
   */
  loader(
    extra: Pick<SeriesLoaderOptions, 'eventTarget' | 'priorityBase' | 'warm'> & {
      readonly filter?: (instance: DicomJsonObject) => boolean;
    } = {},
  ): Promise<SeriesLoader> {
    this.#loader ??= (async () => {
      const o = this.#options;
      const all = await this.instances;
      const first = await this.askedSlice;
      const instances = extra.filter ? all.filter(extra.filter) : all;
      return new SeriesLoader({
        client: o.client,
        scheduler: o.scheduler,
        ...(o.server === undefined ? {} : { server: o.server }),
        studyInstanceUid: o.studyInstanceUid,
        seriesInstanceUid: o.seriesInstanceUid,
        instances,
        store: o.store,
        ...(extra.eventTarget ? { eventTarget: extra.eventTarget } : {}),
        ...(extra.priorityBase === undefined ? {} : { priorityBase: extra.priorityBase }),
        ...(extra.warm ? { warm: extra.warm } : {}),
        ...(first ? { reuse: [first.source] } : {}),
      });
    })();
    return this.#loader;
  }

  /** The slice the loader's own order puts in view for this opening's `view` (the final choice). */
  viewIndex(loader: SeriesLoader): number {
    return viewIndexOf(
      loader.slices.map((slice) => ({
        sopInstanceUid: slice.source.sopInstanceUid,
        frameIndex: slice.frameIndex,
      })),
      this.#options.view ?? 'middle',
    );
  }

  async #firstSlice(): Promise<FirstSlice> {
    const o = this.#options;
    const found = await o.client.searchForInstances(
      { studyInstanceUid: o.studyInstanceUid, seriesInstanceUid: o.seriesInstanceUid },
      { includeFields: ORDER_FIELDS },
      { signal: o.signal, fetchPriority: 'high' },
    );
    const sorted = sortInstances(found);
    const slices = sorted.flatMap((json) => {
      const sopInstanceUid = jsonString(json, Tag.SOPInstanceUID) ?? '';
      const frames = Math.max(1, Math.floor(jsonNumber(json, Tag.NumberOfFrames) ?? 1));
      return Array.from({ length: frames }, (_, frameIndex) => ({ sopInstanceUid, frameIndex }));
    });
    const index = viewIndexOf(slices, o.view ?? 'middle');
    const chosen = slices[index];
    if (!chosen?.sopInstanceUid) throw new RangeError('The series search named no instance');
    const [instance] = await o.client.retrieveInstanceMetadata(
      o.studyInstanceUid,
      o.seriesInstanceUid,
      chosen.sopInstanceUid,
      { signal: o.signal, fetchPriority: 'high' },
    );
    if (!instance || jsonString(instance, Tag.SOPInstanceUID) !== chosen.sopInstanceUid)
      throw new RangeError('The instance metadata is not the instance asked for');
    const source = new DicomwebPixelDataSource({
      scheduler: o.scheduler,
      server: o.server ?? o.client.url,
      instance,
      studyInstanceUid: o.studyInstanceUid,
      store: o.store,
    });
    if (chosen.frameIndex >= source.frameCount)
      throw new RangeError('The instance has fewer frames than the search said');
    const dataset = datasetFromDicomJson(instance, {
      frames: source,
      bulkData: (uri, options) => o.client.retrieveBulkData(uri, options),
    });
    return { index, total: slices.length, frameIndex: chosen.frameIndex, source, dataset };
  }
}

/** The index `view` names in a stack of slices (0 when a named instance is not in it). */
function viewIndexOf(
  slices: readonly { readonly sopInstanceUid: string; readonly frameIndex: number }[],
  view: OpeningView,
): number {
  if (view === 'first') return 0;
  if (view === 'middle') return Math.floor(slices.length / 2);
  const found = slices.findIndex(
    (slice) =>
      slice.sopInstanceUid === view.sopInstanceUid && slice.frameIndex === (view.frame ?? 0),
  );
  return Math.max(0, found);
}
