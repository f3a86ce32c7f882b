import { expect } from '@open-wc/testing';
import { createViewerServices } from './viewer-services.js';

describe('createViewerServices', () => {
  it('starts its decode workers in the first idle moment, not in the task that creates them', async () => {
    const services = createViewerServices({
      server: '/nowhere/dicom-web',
      cacheMode: 'none',
      decodeWorkers: 2,
    });
    try {
      // A reopened series draws its first image from the cache in these tasks: no worker yet.
      expect(services.pool.workerCount).to.equal(0);
      // Idle callbacks run in the order they were asked for: the pool's ran before this one.
      await new Promise((resolve) => requestIdleCallback(resolve));
      expect(services.pool.workerCount).to.equal(2);
      // Started means ready to take work: a decode-free warm round trip resolves.
      await services.pool.warm([]);
    } finally {
      await services.dispose();
    }
    expect(services.disposed).to.equal(true);
  });
});
