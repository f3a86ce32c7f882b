import { expect } from '@open-wc/testing';
import { createViewerServices } from './viewer-services.js';

describe('createViewerServices', () => {
  it('starts its decode workers at once, before any frame asks for them', async () => {
    const services = createViewerServices({
      server: '/nowhere/dicom-web',
      cacheMode: 'none',
      decodeWorkers: 2,
    });
    try {
      expect(services.pool.workerCount).to.equal(2);
      // Started means ready to take work: a decode-free warm round trip resolves.
      await services.pool.warm([]);
    } finally {
      await services.dispose();
    }
    expect(services.disposed).to.equal(true);
  });
});
