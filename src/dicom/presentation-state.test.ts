import { expect } from '@open-wc/testing';
import { presentationFor, viewOrientation } from '../render/presentation-display.js';
import { applyVoi } from '../render/voi-lut.js';
import { datasetFromDicomJson } from './json-dataset.js';
import { parseDicom } from './parse-dicom.js';
import { writePart10 } from './part10-writer.js';
import {
  GRAYSCALE_SOFTCOPY_PRESENTATION_STATE_SOP_CLASS_UID as GSPS,
  PresentationStateError,
  isPresentationState,
  readPresentationState,
} from './presentation-state.js';

type J = Record<string, { vr: string; Value?: unknown[] }>;
const v = (vr: string, ...values: unknown[]): { vr: string; Value?: unknown[] } =>
  values.length > 0 ? { vr, Value: values } : { vr };
const image = (sop: string, ...frames: number[]): J => ({
  '00081150': v('UI', '1.2.840.10008.5.1.4.1.1.1.2'),
  '00081155': v('UI', sop),
  ...(frames.length > 0 ? { '00081160': v('IS', ...frames) } : {}),
});
const graphic = (type: string, units: string, data: number[], filled?: string): J => ({
  '00700005': v('CS', units),
  '00700020': v('US', 2),
  '00700021': v('US', data.length / 2),
  '00700022': v('FL', ...data),
  '00700023': v('CS', type),
  ...(filled ? { '00700024': v('CS', filled) } : {}),
});

/** A GSPS touching every module we read: two images, per-image VOI, area, annotations. */
function sample(overrides: J = {}): J {
  return {
    '00080016': v('UI', GSPS),
    '00080018': v('UI', '2.25.100'),
    '0020000D': v('UI', '2.25.1'),
    '0020000E': v('UI', '2.25.2'),
    '00200013': v('IS', 3),
    '00700080': v('CS', 'SECOND READ'),
    '00700081': v('LO', 'Marks of the second reader'),
    '00700084': v('PN', { Alphabetic: 'LÉGER^Anaïs' }),
    '00700082': v('DA', '20261203'),
    '00700083': v('TM', '174500'),
    '00081115': v('SQ', {
      '0020000E': v('UI', '2.25.10'),
      '00081140': v('SQ', image('2.25.11'), image('2.25.12', 2, 3)),
    }),
    '00281052': v('DS', -1024),
    '00281053': v('DS', 2),
    '00281054': v('LO', 'HU'),
    '00283110': v(
      'SQ',
      { '00081140': v('SQ', image('2.25.11')), '00281050': v('DS', 40), '00281051': v('DS', 400) },
      {
        '00081140': v('SQ', image('2.25.12')),
        '00281050': v('DS', 100),
        '00281051': v('DS', 50),
        '00281056': v('CS', 'SIGMOID'),
      },
    ),
    '20500020': v('CS', 'INVERSE'),
    '00700042': v('US', 90),
    '00700041': v('CS', 'Y'),
    '0070005A': v('SQ', {
      '00700052': v('SL', 11, 21),
      '00700053': v('SL', 110, 220),
      '00700100': v('CS', 'TRUE SIZE'),
      '00700101': v('DS', 0.1, 0.1),
    }),
    '00181600': v('CS', 'RECTANGULAR', 'CIRCULAR'),
    '00181602': v('IS', 5),
    '00181604': v('IS', 60),
    '00181606': v('IS', 4),
    '00181608': v('IS', 50),
    '00181610': v('IS', 30, 32),
    '00181612': v('IS', 25),
    '00181622': v('US', 0x8000),
    '00700060': v(
      'SQ',
      { '00700002': v('CS', 'TOP'), '00700062': v('IS', 2), '00700066': v('US', 0xffff) },
      {
        '00700002': v('CS', 'UNDER'),
        '00700062': v('IS', 1),
        '00700401': v('US', 0xffff, 0x8080, 0x8080),
      },
    ),
    '00700001': v(
      'SQ',
      {
        '00081140': v('SQ', image('2.25.11')),
        '00700002': v('CS', 'TOP'),
        '00700009': v('SQ', graphic('ELLIPSE', 'PIXEL', [10, 20, 30, 20, 20, 15, 20, 25], 'Y')),
        '00700008': v('SQ', {
          '00700006': v('ST', '<b>not markup</b>'),
          '00700004': v('CS', 'DISPLAY'),
          '00700014': v('FL', 0.5, 0.25),
          '00700015': v('CS', 'Y'),
          '00700003': v('CS', 'PIXEL'),
          '00700010': v('FL', 1, 2),
          '00700011': v('FL', 40, 8),
          '00700012': v('CS', 'CENTER'),
        }),
      },
      {
        '00700002': v('CS', 'UNDER'),
        '00700009': v(
          'SQ',
          graphic('POLYLINE', 'DISPLAY', [0, 0, 1, 1, 0, 1]),
          graphic('POINT', 'PIXEL', [3.5, 4.5]),
        ),
      },
    ),
    ...overrides,
  };
}

const read = (json: J): ReturnType<typeof readPresentationState> =>
  readPresentationState(datasetFromDicomJson(json));

describe('readPresentationState (PS3.3 A.33.1)', () => {
  it('reads identification, references with frames, modality and presentation LUTs, spatial transformation', () => {
    const state = read(sample());
    expect(isPresentationState(datasetFromDicomJson(sample()))).to.equal(true);
    expect(state).to.deep.include({
      sopInstanceUid: '2.25.100',
      seriesInstanceUid: '2.25.2',
      studyInstanceUid: '2.25.1',
      instanceNumber: 3,
      contentLabel: 'SECOND READ',
      contentDescription: 'Marks of the second reader',
      creatorName: 'LÉGER^Anaïs',
      creationDate: '20261203',
      creationTime: '174500',
      presentationLut: { shape: 'INVERSE' },
      rotation: 90,
      flipHorizontal: true,
      modality: { kind: 'rescale', slope: 2, intercept: -1024, type: 'HU' },
    });
    expect(state.referencedImages).to.deep.equal([
      {
        seriesInstanceUid: '2.25.10',
        sopClassUid: '1.2.840.10008.5.1.4.1.1.1.2',
        sopInstanceUid: '2.25.11',
      },
      {
        seriesInstanceUid: '2.25.10',
        sopClassUid: '1.2.840.10008.5.1.4.1.1.1.2',
        sopInstanceUid: '2.25.12',
        frames: [2, 3],
      },
    ]);
  });

  it('reads the same from Part 10 bytes as from DICOM JSON', () => {
    const fromJson = read(sample());
    const fromPart10 = readPresentationState(
      parseDicom(writePart10(datasetFromDicomJson(sample()))),
    );
    const strip = (s: typeof fromJson): unknown => ({ ...s, voi: s.voi.map((x) => x.images) });
    expect(strip(fromPart10)).to.deep.equal(strip(fromJson));
  });

  it('reads displayed area, shutters, layers and annotations as the standard defines them', () => {
    const state = read(sample());
    expect(state.displayedAreas).to.deep.equal([
      {
        images: undefined,
        topLeft: { x: 11, y: 21 },
        bottomRight: { x: 110, y: 220 },
        sizeMode: 'TRUE SIZE',
        pixelSpacing: [0.1, 0.1],
      },
    ]);
    expect(state.shutters).to.deep.equal({
      shapes: [
        { shape: 'RECTANGULAR', left: 5, right: 60, upper: 4, lower: 50 },
        { shape: 'CIRCULAR', centerRow: 30, centerColumn: 32, radius: 25 },
      ],
      presentationValue: 0x8000,
    });
    expect(state.layers.map((layer) => [layer.name, layer.order])).to.deep.equal([
      ['TOP', 2],
      ['UNDER', 1],
    ]);
    const [top] = state.annotations;
    expect(top?.graphics[0]).to.deep.equal({
      units: 'PIXEL',
      type: 'ELLIPSE',
      filled: true,
      points: [
        { x: 10, y: 20 },
        { x: 30, y: 20 },
        { x: 20, y: 15 },
        { x: 20, y: 25 },
      ],
    });
    expect(top?.texts[0]).to.deep.equal({
      text: '<b>not markup</b>',
      boundingBox: {
        units: 'PIXEL',
        topLeft: { x: 1, y: 2 },
        bottomRight: { x: 40, y: 8 },
        justification: 'CENTER',
      },
      anchor: { units: 'DISPLAY', point: { x: 0.5, y: 0.25 }, visible: true },
    });
  });

  it('resolves each image its own VOI, frames its own scope and annotations in layer order', () => {
    const state = read(sample());
    const first = presentationFor(state, '2.25.11', 1, true);
    expect(first?.voi).to.deep.equal({
      kind: 'window',
      window: { windowCenter: 40, windowWidth: 400, function: 'LINEAR' },
    });
    // PS3.3 C.11.2.1.2.1 at x = c − 0.5 − (w − 1)/2 … : the centre maps to mid grey.
    expect(applyVoi(first!.voi!, 40)).to.be.closeTo(0.5 + 0.5 / 399, 1e-9);
    expect(first?.annotations.map((a) => a.layer.name)).to.deep.equal(['UNDER', 'TOP']);
    expect(first?.inverse).to.equal(true);
    const second = presentationFor(state, '2.25.12', 2, true);
    expect(second?.voi).to.deep.equal({
      kind: 'window',
      window: { windowCenter: 100, windowWidth: 50, function: 'SIGMOID' },
    });
    // The TOP annotation references 2.25.11 only; UNDER has no references, so every image.
    expect(second?.annotations.map((a) => a.layer.name)).to.deep.equal(['UNDER']);
    expect(presentationFor(state, '2.25.12', 1, true)).to.equal(undefined);
    expect(presentationFor(state, '2.25.99', 1, true)).to.equal(undefined);
  });

  it("turns rotate-then-flip (C.10.6) into the viewport's flip-then-rotate", () => {
    expect(viewOrientation(90, false)).to.deep.equal({ rotation: 90, flipHorizontal: false });
    expect(viewOrientation(90, true)).to.deep.equal({ rotation: 270, flipHorizontal: true });
    expect(viewOrientation(0, true)).to.deep.equal({ rotation: 0, flipHorizontal: true });
    expect(viewOrientation(180, true)).to.deep.equal({ rotation: 180, flipHorizontal: true });
  });

  const refusals: [string, J][] = [
    ['another SOP class', { '00080016': v('UI', '1.2.840.10008.5.1.4.1.1.2') }],
    ['no Referenced Series Sequence', { '00081115': v('SQ') }],
    ['a rotation of 45°', { '00700042': v('US', 45) }],
    ['an unknown Presentation LUT Shape', { '20500020': v('CS', 'LOG') }],
    [
      'MAGNIFY without its ratio',
      {
        '0070005A': v('SQ', {
          '00700052': v('SL', 1, 1),
          '00700053': v('SL', 2, 2),
          '00700100': v('CS', 'MAGNIFY'),
        }),
      },
    ],
    [
      'an odd Graphic Data',
      {
        '00700001': v('SQ', {
          '00700002': v('CS', 'TOP'),
          '00700009': v('SQ', {
            ...graphic('POLYLINE', 'PIXEL', [1, 2, 3, 4]),
            '00700022': v('FL', 1, 2, 3),
          }),
        }),
      },
    ],
    [
      'a CIRCLE of three points',
      {
        '00700001': v('SQ', {
          '00700002': v('CS', 'TOP'),
          '00700009': v('SQ', graphic('CIRCLE', 'PIXEL', [1, 2, 3, 4, 5, 6])),
        }),
      },
    ],
    [
      'an annotation on an undeclared layer',
      {
        '00700001': v('SQ', {
          '00700002': v('CS', 'NOWHERE'),
          '00700009': v('SQ', graphic('POINT', 'PIXEL', [1, 2])),
        }),
      },
    ],
    [
      'units other than PIXEL or DISPLAY',
      {
        '00700001': v('SQ', {
          '00700002': v('CS', 'TOP'),
          '00700009': v('SQ', graphic('POINT', 'MM', [1, 2])),
        }),
      },
    ],
    [
      'a polygonal shutter of two vertices',
      { '00181600': v('CS', 'POLYGONAL'), '00181620': v('IS', 1, 1, 5, 5) },
    ],
    [
      'a rectangular shutter without edges',
      { '00181600': v('CS', 'RECTANGULAR'), '00181602': v('IS') },
    ],
  ];
  for (const [what, overrides] of refusals)
    it(`refuses ${what} with a PresentationStateError`, () => {
      expect(() => read(sample(overrides))).to.throw(PresentationStateError);
    });
});
