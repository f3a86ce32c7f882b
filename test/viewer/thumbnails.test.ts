import { expect } from '@open-wc/testing';
import type { CbViewer } from '../../src/components/viewer/viewer.js';
import { sortInstances } from '../../src/dicomweb/series-loader.js';
import { fetchGate } from '../waits.js';
import {
  STATIC,
  allRendered,
  animationFrames,
  manifest,
  mountViewer,
  studySeries,
  value,
  waitFor,
} from './viewer-harness.js';

interface FrameRequest {
  readonly url: string;
  readonly at: number;
  done: boolean;
}

describe('<cb-viewer> study browser thumbnails', () => {
  let viewer: CbViewer | undefined;
  afterEach(() => {
    viewer?.remove();
    viewer = undefined;
  });

  it('draws the middle slice of a prior CT after the frames on screen, a few at a time', async function () {
    this.timeout(40000);
    const demo = await manifest();
    const priorCt = (await studySeries(STATIC, demo.studies.priorCt.studyInstanceUid)).find(
      (series) => series.modality === 'CT',
    )!;
    const currentCt = (await studySeries(STATIC, demo.studies.currentCt.studyInstanceUid)).find(
      (series) => series.modality === 'CT',
    )!;
    const sorted = sortInstances(priorCt.instances);
    const middle = String(value(sorted[Math.floor(sorted.length / 2)] as never, '00080018'));
    const requests: FrameRequest[] = [];
    let inFlightElsewhere = 0;
    let maxInFlightElsewhere = 0;
    const counting: typeof fetch = async (input, init) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      if (!url.includes('/frames/')) return fetch(input, init);
      const request: FrameRequest = { url, at: performance.now(), done: false };
      requests.push(request);
      const elsewhere = !url.includes(currentCt.seriesInstanceUid);
      if (elsewhere) maxInFlightElsewhere = Math.max(maxInFlightElsewhere, ++inFlightElsewhere);
      try {
        return await fetch(input, init);
      } finally {
        request.done = true;
        if (elsewhere) inFlightElsewhere--;
      }
    };
    viewer = mountViewer(
      {
        server: STATIC,
        cache: 'none',
        'prefetch-budget': '0',
        'patient-id': demo.patient.patientId,
        study: demo.studies.currentCt.studyInstanceUid,
      },
      (element) => {
        element.fetch = counting;
      },
    );
    await allRendered(viewer, 1);
    const browser = viewer.shadowRoot!.querySelector('cb-study-browser')!;
    const thumbnail = await waitFor(
      () => browser.thumbnails.get(priorCt.seriesInstanceUid),
      'the prior CT thumbnail',
      30000,
    );
    await browser.updateComplete;
    // It is in the browser, in the prior CT's series button.
    const shown = [...browser.shadowRoot!.querySelectorAll('.series canvas')];
    expect(shown).to.include(thumbnail);
    // It is a picture, not a blank.
    const pixels = thumbnail
      .getContext('2d')!
      .getImageData(0, 0, thumbnail.width, thumbnail.height);
    const greys = new Set<number>();
    for (let i = 0; i < pixels.data.length; i += 4) greys.add(pixels.data[i]!);
    expect(greys.size).to.be.greaterThan(8);
    // One frame request for the prior CT, and for its middle slice.
    const prior = requests.filter((request) => request.url.includes(priorCt.seriesInstanceUid));
    expect(prior).to.have.length(1);
    expect(prior[0]!.url).to.include(middle);
    // Never ahead of the frames on screen: the displayed series asked first.
    const firstShown = requests.find((request) =>
      request.url.includes(currentCt.seriesInstanceUid),
    );
    const firstThumbnail = requests.find(
      (request) => !request.url.includes(currentCt.seriesInstanceUid),
    );
    expect(firstShown!.at).to.be.at.most(firstThumbnail!.at);
    expect(maxInFlightElsewhere).to.be.at.most(2);
  });

  it('stops asking for thumbnail frames when the patient is left', async () => {
    const demo = await manifest();
    const current = demo.studies.currentCr.studyInstanceUid;
    // Frames of other studies (thumbnails: the prefetch is off) wait at a gate, so that some are
    // still to come when the patient is left, however fast the machine.
    const gate = fetchGate((url) => url.includes('/frames/') && !url.includes(current));
    let frameRequests = 0;
    const counting: typeof fetch = (input, init) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      if (url.includes('/frames/')) frameRequests++;
      return gate.fetch(input, init);
    };
    viewer = mountViewer(
      {
        server: STATIC,
        cache: 'none',
        'prefetch-budget': '0',
        'patient-id': demo.patient.patientId,
        study: current,
      },
      (element) => {
        element.fetch = counting;
      },
    );
    await allRendered(viewer, 1);
    const browser = viewer.shadowRoot!.querySelector('cb-study-browser')!;
    await waitFor(() => gate.parked > 0, 'a thumbnail frame request');
    gate.releaseOne();
    await waitFor(() => browser.thumbnails.size > 0, 'a first thumbnail');
    const imageSeries = browser.studies
      .flatMap((study) => study.series)
      .filter((series) => !['SR', 'DOC'].includes(series.modality)).length;
    const drawn = browser.thumbnails.size;
    expect(drawn, 'thumbnails still to come when leaving').to.be.lessThan(imageSeries);
    const left = viewer.viewerServices!;
    viewer.setAttribute('patient-id', 'NOBODY-0000');
    viewer.removeAttribute('study');
    await viewer.updateComplete;
    const before = frameRequests;
    // The requests held at the gate were aborted, and the old patient's scheduler has nothing
    // queued or in flight: thumbnails that went on would be asking through it now.
    await waitFor(() => gate.parked === 0, 'the held thumbnail requests aborted');
    await waitFor(
      () => left.scheduler.stats.queued === 0 && left.scheduler.stats.inFlight === 0,
      "the old patient's requests ended",
    );
    await animationFrames(2);
    expect(frameRequests).to.equal(before);
  });
});
