import { expect } from '@open-wc/testing';
import type { ScreeningReading } from '../dicom/breast-reading.js';
import {
  acrGroup,
  compareReadings,
  priorReadingVisible,
  suggestedOutcome,
} from './double-reading.js';

const base: ScreeningReading = {
  studyInstanceUid: '2.25.1',
  right: { acr: 1, composition: 'B' },
  left: { acr: 2, composition: 'B' },
  views: [],
  findings: [],
  text: '',
  outcome: 'normal',
};

describe('blinded double reading', () => {
  it('groups ACR 1–2 as normal and 0, 3, 4, 5 as abnormal', () => {
    expect([0, 1, 2, 3, 4, 5].map((acr) => acrGroup(acr as 0))).to.deep.equal([
      'abnormal',
      'normal',
      'normal',
      'abnormal',
      'abnormal',
      'abnormal',
    ]);
  });

  it('finds no disagreement between ACR 1 and 2, nor between 3 and 0', () => {
    const other: ScreeningReading = { ...base, right: { acr: 2, composition: 'B' } };
    expect(compareReadings(base, other).concordant).to.equal(true);
    const a = { ...base, left: { acr: 3 as const }, outcome: 'recall-imaging' as const };
    const b = { ...base, left: { acr: 0 as const }, outcome: 'recall-imaging' as const };
    expect(compareReadings(a, b).disagreements).to.deep.equal([]);
  });

  it('flags each breast whose categories fall on both sides of normal, the composition and the outcome', () => {
    const current: ScreeningReading = {
      ...base,
      left: { acr: 4, composition: 'C' },
      outcome: 'recall-imaging',
    };
    expect(compareReadings(base, current).disagreements).to.deep.equal([
      { field: 'acr', breast: 'left', prior: 2, current: 4 },
      { field: 'composition', breast: 'left', prior: 'B', current: 'C' },
      { field: 'outcome', prior: 'normal', current: 'recall-imaging' },
    ]);
    expect(
      compareReadings(base, current, ['acr']).disagreements.map((item) => item.field),
    ).to.deep.equal(['acr']);
  });

  it('flags an ACR given by one reader only, not a composition given by one only', () => {
    const current: ScreeningReading = { ...base, right: {}, left: { acr: 2 } };
    expect(compareReadings(base, current).disagreements).to.deep.equal([
      { field: 'acr', breast: 'right', prior: 1, current: undefined },
    ]);
  });

  it('shows the prior reading only after submission while blinded', () => {
    expect(priorReadingVisible({ blinded: true, submitted: false })).to.equal(false);
    expect(priorReadingVisible({ blinded: true, submitted: true })).to.equal(true);
    expect(priorReadingVisible({ blinded: false, submitted: false })).to.equal(true);
  });

  it('suggests the outcome from the reading: recall for imaging over technical recall over normal', () => {
    const view = {
      image: {
        studyInstanceUid: '2.25.1',
        seriesInstanceUid: '2.25.2',
        sopClassUid: '1.2.840.10008.5.1.4.1.1.1.2',
        sopInstanceUid: '2.25.3',
      },
      breast: 'right' as const,
      viewPosition: 'MLO',
      quality: 'insufficient' as const,
      reasons: ['motion' as const],
    };
    expect(suggestedOutcome({ ...base, right: {} })).to.equal(undefined);
    expect(suggestedOutcome(base)).to.equal('normal');
    expect(suggestedOutcome({ ...base, views: [view] })).to.equal('recall-technical');
    expect(suggestedOutcome({ ...base, views: [view], left: { acr: 0 } })).to.equal(
      'recall-imaging',
    );
  });
});
