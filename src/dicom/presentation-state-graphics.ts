/**
 * The Graphic Layer (PS3.3 C.10.7) and Graphic Annotation (C.10.5) modules of a presentation
 * state, read into plain data. Text stays text: it is drawn with text bindings, never as markup.
 */
import type { DicomDataset } from './dataset.js';
import {
  PresentationStateError,
  type AnnotationUnits,
  type GraphicAnnotation,
  type GraphicLayer,
  type GraphicObject,
  type ImageScope,
  type Point2,
  type TextObject,
} from './presentation-state-model.js';
import * as tags from './tags.generated.js';

export function readGraphicLayers(dataset: DicomDataset): GraphicLayer[] {
  return dataset.sequence(tags.GraphicLayerSequence).map((item) => {
    const name = item.string(tags.GraphicLayer);
    const order = item.number(tags.GraphicLayerOrder);
    if (!name || order === undefined)
      throw new PresentationStateError(
        'A Graphic Layer Sequence item needs Graphic Layer and Graphic Layer Order',
      );
    const grayscale = item.number(tags.GraphicLayerRecommendedDisplayGrayscaleValue);
    const lab = item.numbers(tags.GraphicLayerRecommendedDisplayCIELabValue);
    const description = item.string(tags.GraphicLayerDescription);
    return {
      name,
      order,
      ...(grayscale !== undefined ? { grayscale } : {}),
      ...(lab.length === 3 ? { cielab: [lab[0] ?? 0, lab[1] ?? 0, lab[2] ?? 0] as const } : {}),
      ...(description ? { description } : {}),
    };
  });
}

/** Annotations on an undeclared layer are refused: PS3.3 C.10.5.1 requires the layer to exist. */
export function readGraphicAnnotations(
  dataset: DicomDataset,
  layers: readonly GraphicLayer[],
): GraphicAnnotation[] {
  const known = new Set(layers.map((layer) => layer.name));
  return dataset.sequence(tags.GraphicAnnotationSequence).map((item) => {
    const layer = item.string(tags.GraphicLayer);
    if (!layer || !known.has(layer))
      throw new PresentationStateError(
        'A Graphic Annotation names no Graphic Layer of the Graphic Layer Sequence',
      );
    const references = item.sequence(tags.ReferencedImageSequence);
    const images: ImageScope =
      references.length === 0
        ? undefined
        : references.map((reference) => {
            const frames = reference.numbers(tags.ReferencedFrameNumber);
            return {
              sopInstanceUid: reference.string(tags.ReferencedSOPInstanceUID) ?? '',
              ...(frames.length > 0 ? { frames } : {}),
            };
          });
    const graphics = item.sequence(tags.GraphicObjectSequence).map(readGraphicObject);
    const texts = item.sequence(tags.TextObjectSequence).map(readTextObject);
    if (graphics.length === 0 && texts.length === 0)
      // PS3.3 C.10.5: one of Text Object Sequence or Graphic Object Sequence is required.
      throw new PresentationStateError('A Graphic Annotation has neither text nor graphic objects');
    return { layer, images, graphics, texts };
  });
}

function units(value: string | undefined, attribute: string): AnnotationUnits {
  if (value === 'PIXEL' || value === 'DISPLAY') return value;
  throw new PresentationStateError(`${attribute} is not PIXEL or DISPLAY`);
}

function point(values: readonly number[], attribute: string): Point2 {
  const [x, y] = values;
  if (x === undefined || y === undefined || !Number.isFinite(x) || !Number.isFinite(y))
    throw new PresentationStateError(`${attribute} needs a column and a row`);
  return { x, y };
}

/** PS3.3 C.10.5.1.2: the points a graphic type needs (CIRCLE: centre and a point on it; ELLIPSE: two axes). */
const POINT_COUNT = { POINT: 1, CIRCLE: 2, ELLIPSE: 4 } as const;

function readGraphicObject(item: DicomDataset): GraphicObject {
  const unitsOf = units(
    item.string(tags.GraphicAnnotationUnits),
    'Graphic Annotation Units (0070,0005)',
  );
  const dimensions = item.number(tags.GraphicDimensions);
  if (dimensions !== 2) throw new PresentationStateError('Graphic Dimensions (0070,0020) is not 2');
  const type = item.string(tags.GraphicType);
  if (
    type !== 'POINT' &&
    type !== 'POLYLINE' &&
    type !== 'INTERPOLATED' &&
    type !== 'CIRCLE' &&
    type !== 'ELLIPSE'
  )
    throw new PresentationStateError(
      'Graphic Type (0070,0023) is not POINT, POLYLINE, INTERPOLATED, CIRCLE or ELLIPSE',
    );
  const data = item.numbers(tags.GraphicData);
  const count = item.number(tags.NumberOfGraphicPoints);
  if (data.length % 2 !== 0 || count === undefined || count * 2 !== data.length || count === 0)
    throw new PresentationStateError(
      'Graphic Data (0070,0022) does not hold Number of Graphic Points column/row pairs',
    );
  if (data.some((value) => !Number.isFinite(value)))
    throw new PresentationStateError('Graphic Data (0070,0022) holds a value that is not a number');
  const points: Point2[] = [];
  for (let i = 0; i + 1 < data.length; i += 2)
    points.push({ x: data[i] ?? 0, y: data[i + 1] ?? 0 });
  const needed = type in POINT_COUNT ? POINT_COUNT[type as keyof typeof POINT_COUNT] : undefined;
  if (needed !== undefined && points.length !== needed)
    throw new PresentationStateError(`A ${type} graphic needs ${String(needed)} point(s)`);
  if ((type === 'POLYLINE' || type === 'INTERPOLATED') && points.length < 2)
    throw new PresentationStateError(`A ${type} graphic needs two or more points`);
  return { units: unitsOf, type, points, filled: item.string(tags.GraphicFilled) === 'Y' };
}

function readTextObject(item: DicomDataset): TextObject {
  const text = item.string(tags.UnformattedTextValue) ?? '';
  const box = item.has(tags.BoundingBoxTopLeftHandCorner);
  const anchor = item.has(tags.AnchorPoint);
  // PS3.3 C.10.5.1.1: a bounding box, an anchor point, or both.
  if (!box && !anchor)
    throw new PresentationStateError('A Text Object has neither bounding box nor anchor point');
  const justification = item.string(tags.BoundingBoxTextHorizontalJustification);
  return {
    text,
    ...(box
      ? {
          boundingBox: {
            units: units(
              item.string(tags.BoundingBoxAnnotationUnits),
              'Bounding Box Annotation Units (0070,0003)',
            ),
            topLeft: point(
              item.numbers(tags.BoundingBoxTopLeftHandCorner),
              'Bounding Box Top Left Hand Corner (0070,0010)',
            ),
            bottomRight: point(
              item.numbers(tags.BoundingBoxBottomRightHandCorner),
              'Bounding Box Bottom Right Hand Corner (0070,0011)',
            ),
            justification:
              justification === 'RIGHT' || justification === 'CENTER' ? justification : 'LEFT',
          },
        }
      : {}),
    ...(anchor
      ? {
          anchor: {
            units: units(
              item.string(tags.AnchorPointAnnotationUnits),
              'Anchor Point Annotation Units (0070,0004)',
            ),
            point: point(item.numbers(tags.AnchorPoint), 'Anchor Point (0070,0014)'),
            visible: item.string(tags.AnchorPointVisibility) === 'Y',
          },
        }
      : {}),
  };
}
