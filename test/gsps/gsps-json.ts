/** Hand-built GSPS data sets (DICOM JSON) for the tests, written without our GSPS writer. */
import type { DicomDataset } from '../../src/dicom/dataset.js';
import * as tags from '../../src/dicom/tags.generated.js';

type Attribute = { vr: string; Value?: unknown[] };
export type Json = Record<string, Attribute>;

const key = (tag: number): string => tag.toString(16).toUpperCase().padStart(8, '0');
const v = (vr: string, ...values: unknown[]): Attribute =>
  values.length > 0 ? { vr, Value: values } : { vr };

export interface GspsOptions {
  readonly rotation?: 0 | 90 | 180 | 270;
  readonly flip?: boolean;
  readonly shape?: 'IDENTITY' | 'INVERSE';
  readonly window?: readonly [number, number];
  readonly shutter?: { left: number; right: number; upper: number; lower: number; value: number };
  readonly area?: {
    readonly topLeft: readonly [number, number];
    readonly bottomRight: readonly [number, number];
    readonly mode: 'SCALE TO FIT' | 'TRUE SIZE' | 'MAGNIFY';
    readonly spacing?: number;
    readonly magnification?: number;
  };
  /** Graphic Annotation Sequence and Graphic Layer Sequence items, as JSON. */
  readonly annotations?: readonly Json[];
  readonly layers?: readonly Json[];
}

export function gspsJson(image: DicomDataset, options: GspsOptions = {}): Json {
  const reference = {
    [key(tags.ReferencedSOPClassUID)]: v('UI', image.string(tags.SOPClassUID)),
    [key(tags.ReferencedSOPInstanceUID)]: v('UI', image.string(tags.SOPInstanceUID)),
  };
  const columns = image.number(tags.Columns) ?? 0;
  const rows = image.number(tags.Rows) ?? 0;
  const area = options.area ?? {
    topLeft: [1, 1],
    bottomRight: [columns, rows],
    mode: 'SCALE TO FIT',
  };
  const json: Json = {
    [key(tags.SOPClassUID)]: v('UI', '1.2.840.10008.5.1.4.1.1.11.1'),
    [key(tags.SOPInstanceUID)]: v('UI', '2.25.4242100'),
    [key(tags.StudyInstanceUID)]: v('UI', image.string(tags.StudyInstanceUID)),
    [key(tags.SeriesInstanceUID)]: v('UI', '2.25.4242101'),
    [key(tags.Modality)]: v('CS', 'PR'),
    [key(tags.PatientName)]: v('PN', { Alphabetic: 'GSPS^Test' }),
    [key(tags.PatientID)]: v('LO', 'GSPS-TEST'),
    [key(tags.InstanceNumber)]: v('IS', 1),
    [key(tags.ContentLabel)]: v('CS', 'TEST'),
    [key(tags.PresentationCreationDate)]: v('DA', '20261203'),
    [key(tags.PresentationCreationTime)]: v('TM', '120000'),
    [key(tags.ReferencedSeriesSequence)]: v('SQ', {
      [key(tags.SeriesInstanceUID)]: v('UI', image.string(tags.SeriesInstanceUID)),
      [key(tags.ReferencedImageSequence)]: v('SQ', reference),
    }),
    [key(tags.DisplayedAreaSelectionSequence)]: v('SQ', {
      [key(tags.DisplayedAreaTopLeftHandCorner)]: v('SL', ...area.topLeft),
      [key(tags.DisplayedAreaBottomRightHandCorner)]: v('SL', ...area.bottomRight),
      [key(tags.PresentationSizeMode)]: v('CS', area.mode),
      ...(area.spacing !== undefined
        ? { [key(tags.PresentationPixelSpacing)]: v('DS', area.spacing, area.spacing) }
        : { [key(tags.PresentationPixelAspectRatio)]: v('IS', 1, 1) }),
      ...(area.magnification !== undefined
        ? { [key(tags.PresentationPixelMagnificationRatio)]: v('FL', area.magnification) }
        : {}),
    }),
    [key(tags.PresentationLUTShape)]: v('CS', options.shape ?? 'IDENTITY'),
    [key(tags.ImageRotation)]: v('US', options.rotation ?? 0),
    [key(tags.ImageHorizontalFlip)]: v('CS', options.flip ? 'Y' : 'N'),
  };
  if (options.window)
    json[key(tags.SoftcopyVOILUTSequence)] = v('SQ', {
      [key(tags.WindowCenter)]: v('DS', options.window[0]),
      [key(tags.WindowWidth)]: v('DS', options.window[1]),
    });
  const shutter = options.shutter;
  if (shutter) {
    json[key(tags.ShutterShape)] = v('CS', 'RECTANGULAR');
    json[key(tags.ShutterLeftVerticalEdge)] = v('IS', shutter.left);
    json[key(tags.ShutterRightVerticalEdge)] = v('IS', shutter.right);
    json[key(tags.ShutterUpperHorizontalEdge)] = v('IS', shutter.upper);
    json[key(tags.ShutterLowerHorizontalEdge)] = v('IS', shutter.lower);
    json[key(tags.ShutterPresentationValue)] = v('US', shutter.value);
  }
  if (options.annotations)
    json[key(tags.GraphicAnnotationSequence)] = v('SQ', ...options.annotations);
  if (options.layers) json[key(tags.GraphicLayerSequence)] = v('SQ', ...options.layers);
  return json;
}

export function layer(name: string, order: number, grayscale?: number): Json {
  return {
    [key(tags.GraphicLayer)]: v('CS', name),
    [key(tags.GraphicLayerOrder)]: v('IS', order),
    ...(grayscale !== undefined
      ? { [key(tags.GraphicLayerRecommendedDisplayGrayscaleValue)]: v('US', grayscale) }
      : {}),
  };
}

export function annotation(
  layerName: string,
  graphics: readonly Json[],
  texts: readonly Json[] = [],
): Json {
  return {
    [key(tags.GraphicLayer)]: v('CS', layerName),
    ...(graphics.length > 0 ? { [key(tags.GraphicObjectSequence)]: v('SQ', ...graphics) } : {}),
    ...(texts.length > 0 ? { [key(tags.TextObjectSequence)]: v('SQ', ...texts) } : {}),
  };
}

export function graphic(type: string, units: 'PIXEL' | 'DISPLAY', data: readonly number[]): Json {
  return {
    [key(tags.GraphicAnnotationUnits)]: v('CS', units),
    [key(tags.GraphicDimensions)]: v('US', 2),
    [key(tags.NumberOfGraphicPoints)]: v('US', data.length / 2),
    [key(tags.GraphicData)]: v('FL', ...data),
    [key(tags.GraphicType)]: v('CS', type),
    [key(tags.GraphicFilled)]: v('CS', 'N'),
  };
}

export function anchoredText(text: string, x: number, y: number): Json {
  return {
    [key(tags.UnformattedTextValue)]: v('ST', text),
    [key(tags.AnchorPointAnnotationUnits)]: v('CS', 'PIXEL'),
    [key(tags.AnchorPoint)]: v('FL', x, y),
    [key(tags.AnchorPointVisibility)]: v('CS', 'N'),
  };
}
