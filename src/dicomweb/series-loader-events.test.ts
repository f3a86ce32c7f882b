import { expect } from '@open-wc/testing';
import { DicomwebClient } from './dicomweb-client.js';
import { RetrievalScheduler } from './retrieval-scheduler.js';
import { SeriesLoader } from './series-loader.js';
import { SeriesErrorEvent } from '../events/series-error.js';
import { SeriesLoadedEvent } from '../events/series-loaded.js';

/** A loader with nothing to load: only its event typing and dispatch are under test. */
function emptyLoader(): SeriesLoader {
  const client = new DicomwebClient({ url: `${location.origin}/no-server` });
  return new SeriesLoader({
    client,
    scheduler: new RetrievalScheduler(client),
    studyInstanceUid: '1.2.3',
    seriesInstanceUid: '1.2.3.4',
    instances: [],
  });
}

describe('SeriesLoader events', () => {
  it('hands a listener the event class of its cb-series-* name, detail typed', () => {
    const loader = emptyLoader();
    const frames: number[] = [];
    const codes: string[] = [];
    // These listeners compile only because the loader's event map types `event.detail`.
    const onLoaded = (event: SeriesLoadedEvent): void => {
      frames.push(event.detail.frames);
    };
    loader.addEventListener('cb-series-loaded', onLoaded);
    loader.addEventListener('cb-series-error', (event) => {
      codes.push(event.detail.code);
    });
    // @ts-expect-error the map is per event name: a progress event is no loaded event.
    loader.addEventListener('cb-series-progress', onLoaded);
    const detail = { seriesInstanceUid: '1.2.3.4', frames: 3, bytes: 9, fromCache: false, ms: 1 };
    loader.dispatchEvent(new SeriesLoadedEvent(detail));
    loader.dispatchEvent(
      new SeriesErrorEvent({
        seriesInstanceUid: '1.2.3.4',
        failed: 1,
        code: 'timeout',
        status: undefined,
        cause: 'DicomwebTimeoutError',
      }),
    );
    loader.removeEventListener('cb-series-loaded', onLoaded);
    loader.dispatchEvent(new SeriesLoadedEvent(detail));
    expect(frames).to.deep.equal([3]);
    expect(codes).to.deep.equal(['timeout']);
  });

  it('dispatches events that bubble and cross shadow roots', () => {
    const event = new SeriesLoadedEvent({
      seriesInstanceUid: '1.2.3.4',
      frames: 1,
      bytes: 1,
      fromCache: true,
      ms: 0,
    });
    expect(event.bubbles).to.equal(true);
    expect(event.composed).to.equal(true);
    expect(event.type).to.equal('cb-series-loaded');
  });
});
