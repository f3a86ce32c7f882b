import type { DicomDataset } from '../dicom/dataset.js';
import type {
  InstanceSummary,
  Laterality,
  SeriesSummary,
  SpacingMm,
  StudySummary,
} from './summaries.js';
import { viewPositionOf } from './view-position.js';
import {
  BodyPartExamined,
  CodeMeaning,
  Columns,
  EstimatedRadiographicMagnificationFactor,
  FrameOfReferenceUID,
  ImageLaterality,
  ImageOrientationPatient,
  ImagePositionPatient,
  ImagerPixelSpacing,
  InstanceNumber,
  // The keyword Laterality is also the name of the summaries' type: the tag gets an alias.
  Laterality as LateralityTag,
  Modality,
  NumberOfFrames,
  PatientOrientation,
  PixelSpacing,
  PresentationIntentType,
  Rows,
  SOPClassUID,
  SOPInstanceUID,
  SeriesDescription,
  SeriesInstanceUID,
  SeriesNumber,
  StudyDate,
  StudyDescription,
  StudyInstanceUID,
  StudyTime,
  ViewModifierCodeSequence,
} from '../dicom/tags.generated.js';

/** What a hanging protocol needs to know about one instance. */
export function describeInstance(dataset: DicomDataset): InstanceSummary {
  const orientation = dataset
    .strings(PatientOrientation)
    .map((value) => value.trim().toUpperCase());
  const position = dataset.numbers(ImagePositionPatient);
  const direction = dataset.numbers(ImageOrientationPatient);
  const intent = dataset.string(PresentationIntentType)?.toUpperCase();
  const modifiers = dataset
    .sequence(ViewModifierCodeSequence)
    .map((item) => item.string(CodeMeaning) ?? '');
  return {
    sopInstanceUid: dataset.string(SOPInstanceUID) ?? '',
    sopClassUid: dataset.string(SOPClassUID),
    instanceNumber: dataset.number(InstanceNumber),
    frameCount: dataset.number(NumberOfFrames) ?? (dataset.has(Rows) ? 1 : 0),
    rows: dataset.number(Rows),
    columns: dataset.number(Columns),
    // Image Laterality is the MG IOD's per-image value (PS3.3 C.8.11.7); Laterality is the series'.
    laterality: lateralityOf(dataset.string(ImageLaterality) ?? dataset.string(LateralityTag)),
    viewPosition: viewPositionOf(dataset),
    viewModifiers: modifiers.length > 0 ? modifiers : undefined,
    patientOrientation:
      orientation.length === 2 ? [orientation[0] ?? '', orientation[1] ?? ''] : undefined,
    presentationIntent:
      intent === 'FOR PRESENTATION' || intent === 'FOR PROCESSING' ? intent : undefined,
    spacingMm: spacingOf(dataset),
    imagePositionPatient:
      position.length === 3 ? [position[0] ?? 0, position[1] ?? 0, position[2] ?? 0] : undefined,
    imageOrientationPatient:
      direction.length === 6
        ? [
            direction[0] ?? 0,
            direction[1] ?? 0,
            direction[2] ?? 0,
            direction[3] ?? 0,
            direction[4] ?? 0,
            direction[5] ?? 0,
          ]
        : undefined,
    frameOfReferenceUid: dataset.string(FrameOfReferenceUID),
  };
}

/** Groups data sets (one per instance) into studies and series, in first-seen order. */
export function summarizeStudies(datasets: Iterable<DicomDataset>): StudySummary[] {
  const studies = new Map<
    string,
    { study: Omit<StudySummary, 'series'>; series: Map<string, SeriesSummary> }
  >();
  for (const dataset of datasets) {
    const studyInstanceUid = dataset.string(StudyInstanceUID) ?? '';
    let study = studies.get(studyInstanceUid);
    if (study === undefined) {
      study = {
        study: {
          studyInstanceUid,
          studyDate: dataset.string(StudyDate),
          studyTime: dataset.string(StudyTime),
          studyDescription: dataset.string(StudyDescription),
        },
        series: new Map(),
      };
      studies.set(studyInstanceUid, study);
    }
    const seriesInstanceUid = dataset.string(SeriesInstanceUID) ?? '';
    const series = study.series.get(seriesInstanceUid) ?? {
      seriesInstanceUid,
      modality: dataset.string(Modality)?.toUpperCase() ?? '',
      bodyPartExamined: dataset.string(BodyPartExamined)?.toUpperCase(),
      seriesDescription: dataset.string(SeriesDescription),
      seriesNumber: dataset.number(SeriesNumber),
      instances: [],
    };
    study.series.set(seriesInstanceUid, {
      ...series,
      instances: [...series.instances, describeInstance(dataset)],
    });
  }
  return [...studies.values()].map(({ study, series }) => ({
    ...study,
    series: [...series.values()],
  }));
}

function lateralityOf(text: string | undefined): Laterality | undefined {
  const value = text?.trim().toUpperCase();
  return value === 'R' || value === 'L' || value === 'B' || value === 'U' ? value : undefined;
}

/**
 * mm per pixel in the patient. Projection images at the detector plane are magnified: PS3.3
 * C.8.11.7 defines Imager Pixel Spacing ÷ Estimated Radiographic Magnification Factor as the
 * spacing at the breast, which is what makes two mammograms the same physical size.
 */
function spacingOf(dataset: DicomDataset): SpacingMm | undefined {
  const [row, column] = dataset.numbers(PixelSpacing);
  if (row !== undefined && column !== undefined && row > 0 && column > 0) return { row, column };
  const [imagerRow, imagerColumn] = dataset.numbers(ImagerPixelSpacing);
  if (
    imagerRow === undefined ||
    imagerColumn === undefined ||
    !(imagerRow > 0) ||
    !(imagerColumn > 0)
  ) {
    return undefined;
  }
  const magnification = dataset.number(EstimatedRadiographicMagnificationFactor);
  const factor = magnification !== undefined && magnification > 0 ? magnification : 1;
  return { row: imagerRow / factor, column: imagerColumn / factor };
}
