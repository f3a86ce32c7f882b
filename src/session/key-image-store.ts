/**
 * Saving a reader's key images: a KOS titled (113000, DCM, "Of Interest") (IHE KIN, TID 2010)
 * in the study of the first marked image, stored on the viewer's server with STOW-RS. A series
 * read from another source (a manifest's) is referenced with its Retrieve URL, so the document
 * says where its images are.
 */
import type { ViewerServices } from '../context/viewer-services.js';
import type { DicomDataset } from '../dicom/dataset.js';
import type { JsonDataset } from '../dicom/json-dataset.js';
import {
  createKeyObjectSelection,
  type KeyObjectSelectionItem,
} from '../dicom/key-object-writer.js';
import { writePart10 } from '../dicom/part10-writer.js';
import * as tags from '../dicom/tags.js';
import { storeInstances } from '../dicomweb/stow-rs.js';
import type { ImageSelection } from './image-selection.js';

/** One marked image: an instance, or one frame of a multi-frame instance. */
export interface KeyImageMark {
  readonly studyInstanceUid: string;
  readonly seriesInstanceUid: string;
  readonly sopClassUid: string;
  readonly sopInstanceUid: string;
  /** 0-based frame, as the viewport counts. */
  readonly frame: number;
  /** The instance's data set (its Patient and Study modules go into the KOS). */
  readonly dataset: DicomDataset;
}

export interface SaveKeyImagesOptions {
  /** Key Object Description (TEXT). */
  readonly description?: string;
  /** The reader, `FAMILY^Given` (Person Observer Name): from the host's session. */
  readonly observerName?: string;
}

export interface SavedKeyImages {
  readonly document: JsonDataset;
  readonly studyInstanceUid: string;
  readonly seriesInstanceUid: string;
  readonly sopInstanceUid: string;
}

export async function storeKeyImages(
  services: ViewerServices,
  selection: ImageSelection | undefined,
  marks: readonly KeyImageMark[],
  options: SaveKeyImagesOptions,
): Promise<SavedKeyImages> {
  const [first] = marks;
  if (first === undefined) throw new RangeError('No key image is marked');
  const items = marks.map((mark): KeyObjectSelectionItem => {
    const frames = mark.dataset.number(tags.NumberOfFrames) ?? 1;
    const root = selection?.series.find(
      (series) => series.seriesInstanceUid === mark.seriesInstanceUid,
    )?.root;
    return {
      studyInstanceUid: mark.studyInstanceUid,
      seriesInstanceUid: mark.seriesInstanceUid,
      sopClassUid: mark.sopClassUid,
      sopInstanceUid: mark.sopInstanceUid,
      // PS3.3 C.17.3.2.4: Referenced Frame Number only for a multi-frame instance.
      ...(frames > 1 ? { frames: [mark.frame + 1] } : {}),
      ...(root !== undefined
        ? {
            retrieveUrl: `${root}/studies/${mark.studyInstanceUid}/series/${mark.seriesInstanceUid}`,
          }
        : {}),
    };
  });
  const document = createKeyObjectSelection({
    patientStudy: first.dataset,
    items: mergeFrames(items),
    seriesDescription: 'Key images',
    ...(options.description !== undefined ? { description: options.description } : {}),
    ...(options.observerName !== undefined ? { observerName: options.observerName } : {}),
  });
  const sopInstanceUid = document.string(tags.SOPInstanceUID) ?? '';
  const studyInstanceUid = document.string(tags.StudyInstanceUID) ?? '';
  await storeInstances(services.client, [{ part10: writePart10(document), sopInstanceUid }], {
    studyInstanceUid,
    signal: services.signal,
  });
  return {
    document,
    studyInstanceUid,
    seriesInstanceUid: document.string(tags.SeriesInstanceUID) ?? '',
    sopInstanceUid,
  };
}

/** Frames of one instance marked one by one: one reference naming them all. */
function mergeFrames(items: readonly KeyObjectSelectionItem[]): KeyObjectSelectionItem[] {
  const merged = new Map<string, KeyObjectSelectionItem>();
  for (const item of items) {
    const known = merged.get(item.sopInstanceUid);
    merged.set(
      item.sopInstanceUid,
      known === undefined
        ? item
        : { ...known, frames: [...(known.frames ?? []), ...(item.frames ?? [])] },
    );
  }
  return [...merged.values()];
}
