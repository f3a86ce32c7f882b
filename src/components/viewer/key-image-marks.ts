/**
 * The reader's key images in `<cb-viewer>`: which shown images are marked (the K key, the Mark
 * button, `markKeyImage()`), and saving them as a KOS (`saveKeyImages()`) through the session.
 * A reactive controller of the viewer: a change of marks renders it again; a new session (another
 * patient) forgets them.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { DicomDataset } from '../../dicom/dataset.js';
import { KeyImagesSavedEvent } from '../../events/key-images-saved.js';
import { ViewerErrorEvent } from '../../events/viewer-error.js';
import type {
  KeyImageMark,
  SaveKeyImagesOptions,
  SavedKeyImages,
} from '../../session/key-image-store.js';
import {
  SOPClassUID,
  SOPInstanceUID,
  SeriesInstanceUID,
  StudyInstanceUID,
} from '../../dicom/tags.generated.js';

export type KeyImage = Omit<KeyImageMark, 'dataset'>;

export interface KeyImageMarksOptions {
  /** The active cell's image as a mark, if it shows one. */
  shownImage(): KeyImageMark | undefined;
  /** Stores the marks as a KOS (the session, STOW-RS). */
  store(marks: readonly KeyImageMark[], options: SaveKeyImagesOptions): Promise<SavedKeyImages>;
}

/** The mark for an image a viewport shows (its instance's UIDs, 0-based frame). */
export function markOf(
  image: { readonly dataset: DicomDataset; readonly frame: number },
  cell: {
    readonly studyInstanceUid: string | undefined;
    readonly seriesInstanceUid: string | undefined;
  },
): KeyImageMark | undefined {
  const sopInstanceUid = image.dataset.string(SOPInstanceUID);
  const sopClassUid = image.dataset.string(SOPClassUID);
  const studyInstanceUid = image.dataset.string(StudyInstanceUID) ?? cell.studyInstanceUid;
  const seriesInstanceUid = image.dataset.string(SeriesInstanceUID) ?? cell.seriesInstanceUid;
  if (!sopInstanceUid || !sopClassUid || !studyInstanceUid || !seriesInstanceUid) return undefined;
  return {
    studyInstanceUid,
    seriesInstanceUid,
    sopClassUid,
    sopInstanceUid,
    frame: image.frame,
    dataset: image.dataset,
  };
}

export class KeyImageMarks implements ReactiveController {
  readonly #host: ReactiveControllerHost & EventTarget;
  readonly #options: KeyImageMarksOptions;
  #marks: readonly KeyImageMark[] = [];
  saving = false;

  constructor(host: ReactiveControllerHost & EventTarget, options: KeyImageMarksOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostConnected(): void {
    this.#host.addEventListener('keydown', this.#onKeyDown as EventListener);
  }

  hostDisconnected(): void {
    this.#host.removeEventListener('keydown', this.#onKeyDown as EventListener);
  }

  get count(): number {
    return this.#marks.length;
  }

  list(): KeyImage[] {
    return this.#marks.map(({ dataset: _dataset, ...mark }) => mark);
  }

  clear(): void {
    this.#marks = [];
    this.#host.requestUpdate();
  }

  /** The active cell's image is marked. */
  activeMarked(): boolean {
    const shown = this.#options.shownImage();
    return shown !== undefined && this.#marks.some((mark) => sameImage(mark, shown));
  }

  /** Marks the active cell's image, or unmarks it: true when it is marked now. */
  toggle(): boolean {
    const mark = this.#options.shownImage();
    if (!mark) return false;
    const marked = this.#marks.some((other) => sameImage(other, mark));
    this.#marks = marked
      ? this.#marks.filter((other) => !sameImage(other, mark))
      : [...this.#marks, mark];
    this.#host.requestUpdate();
    return !marked;
  }

  async save(options: SaveKeyImagesOptions): Promise<DicomDataset> {
    this.saving = true;
    this.#host.requestUpdate();
    try {
      const marks = this.#marks;
      const saved = await this.#options.store(marks, options);
      this.#marks = this.#marks.filter((mark) => !marks.includes(mark));
      this.#host.dispatchEvent(
        new KeyImagesSavedEvent({
          studyInstanceUid: saved.studyInstanceUid,
          seriesInstanceUid: saved.seriesInstanceUid,
          sopInstanceUid: saved.sopInstanceUid,
          count: marks.length,
        }),
      );
      return saved.document;
    } catch (error) {
      this.#host.dispatchEvent(new ViewerErrorEvent('key-images', error));
      throw error;
    } finally {
      this.saving = false;
      this.#host.requestUpdate();
    }
  }

  readonly #onKeyDown = (event: KeyboardEvent): void => {
    if (event.key !== 'k' && event.key !== 'K') return;
    if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
    event.preventDefault();
    this.toggle();
  };
}

function sameImage(left: KeyImage, right: KeyImage): boolean {
  return left.sopInstanceUid === right.sopInstanceUid && left.frame === right.frame;
}
