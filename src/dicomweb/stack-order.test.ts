import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { nearestLoaded, stackOrder } from './stack-order.js';

describe('stackOrder', () => {
  it('starts with the middle slice, then every fourth slice outward', () => {
    expect(stackOrder(120).slice(0, 5)).to.deep.equal([60, 56, 64, 52, 68]);
  });

  it('starts from the slice in view when given', () => {
    expect(stackOrder(10, 0)).to.deep.equal([0, 4, 8, 2, 6, 1, 3, 5, 7, 9]);
  });

  it('visits every slice exactly once, with every fourth slice loaded by the first quarter', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 600 }), fc.nat(), (total, seed) => {
        const start = seed % total;
        const order = stackOrder(total, start);
        expect([...order].sort((a, b) => a - b)).to.deep.equal([...Array(total).keys()]);
        expect(order[0]).to.equal(start);
        const firstQuarter = new Set(order.slice(0, Math.ceil(total / 4) + 1));
        for (let i = 0; i < total; i++) {
          const near = nearestLoaded(i, (j) => firstQuarter.has(j), total);
          expect(near).to.not.equal(undefined);
          expect(Math.abs((near ?? 0) - i)).to.be.at.most(3);
        }
      }),
    );
  });
});

describe('nearestLoaded', () => {
  it('returns the slice itself when loaded, else the closest loaded one', () => {
    const loaded = new Set([2, 9]);
    expect(nearestLoaded(2, (i) => loaded.has(i), 12)).to.equal(2);
    expect(nearestLoaded(7, (i) => loaded.has(i), 12)).to.equal(9);
    expect(nearestLoaded(4, (i) => loaded.has(i), 12)).to.equal(2);
    expect(nearestLoaded(4, () => false, 12)).to.equal(undefined);
  });
});
