/**
 * A launch context onto `<cb-viewer>`: which patient, which studies, which part of the history,
 * and who the launch says the patient is. Typed structurally so this layer does not import the
 * element (launch/ sits below components/).
 */
import type { DicomDataset } from '../dicom/dataset.js';
import { datasetFromDicomJson } from '../dicom/json-dataset.js';
import type { HistoryFilter, LaunchContext } from './launch-context.js';
import type { LaunchIdentity } from './launch-identity.js';
import { formatHd } from './patient-identifier.js';

/** The `<cb-viewer>` properties a launch sets. */
export interface LaunchTarget {
  patientId: string;
  issuer: string;
  study: string;
  accessionNumber: string;
  historyFilter: HistoryFilter | undefined;
  /** Set when the element supports it (key image display, issue 17 item 4). */
  keyImagesOnly?: boolean;
  identity: LaunchIdentity | undefined;
  /** A KOS manifest to open (the viewer's `manifest`). */
  manifest: DicomDataset | undefined;
}

/**
 * Sets every launch property at once (a property the context leaves out is reset, so nothing of
 * a previous launch survives). Set it before the element is connected, or in one task, so the
 * viewer opens the patient once.
 */
export function applyLaunchContext(viewer: LaunchTarget, context: LaunchContext): void {
  viewer.patientId = context.patient?.id ?? '';
  viewer.issuer = context.patient?.issuer ? formatHd(context.patient.issuer) : '';
  viewer.study = context.studyInstanceUids.join(' ');
  viewer.accessionNumber = context.accessionNumbers.join(' ');
  viewer.historyFilter = Object.keys(context.filter).length > 0 ? context.filter : undefined;
  viewer.keyImagesOnly = context.keyImagesOnly;
  viewer.identity = context.identity;
  viewer.manifest =
    context.manifest === undefined ? undefined : datasetFromDicomJson(context.manifest);
}
