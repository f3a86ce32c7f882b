import { expect } from '@open-wc/testing';
import { decodedBytesFor, isCacheMode } from './cache-options.js';

const MIB = 1024 ** 2;

describe('cache options', () => {
  it('sizes the decoded-frame budget at an eighth of device memory, within 64 MiB – 1 GiB', () => {
    expect(decodedBytesFor(4)).to.equal(512 * MIB);
    expect(decodedBytesFor(8)).to.equal(1024 * MIB);
    expect(decodedBytesFor(0.25)).to.equal(64 * MIB);
    expect(decodedBytesFor(undefined)).to.equal(256 * MIB);
  });

  it('accepts exactly the three cache modes of the cache attribute', () => {
    expect(['none', 'memory', 'persistent'].every(isCacheMode)).to.equal(true);
    expect(isCacheMode('disk')).to.equal(false);
  });
});
