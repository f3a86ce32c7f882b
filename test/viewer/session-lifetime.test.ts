/**
 * Issue 15: a session has a lifetime. Opening a patient, a study or a comparison is one
 * operation with its own AbortSignal; opening another aborts the previous one's requests. And
 * the settings that apply in place (`refreshToken`, `prefetchBudget`) take effect when the host
 * changes them after the viewer connected.
 */
import { expect } from '@open-wc/testing';
import { SeriesSelectEvent } from '../../src/events/series-select.js';
import type { CbViewer } from '../../src/components/viewer/viewer.js';
import {
  STATIC,
  manifest,
  mountViewer,
  viewports,
  waitFor,
  type DemoManifest,
} from './viewer-harness.js';

interface Held {
  readonly url: string;
  readonly signal: AbortSignal | undefined;
}

const urlOf = (input: RequestInfo | URL): string =>
  input instanceof Request ? input.url : String(input);

describe('<cb-viewer> session lifetime', () => {
  let viewer: CbViewer | undefined;
  afterEach(() => {
    viewer?.remove();
    viewer = undefined;
  });

  /** The demo patient's current CT, with the cache and prefetch the test names. */
  async function openCt(
    cache: 'none' | 'memory',
    configure: (viewer: CbViewer, demo: DemoManifest) => void,
  ): Promise<DemoManifest> {
    const demo = await manifest();
    viewer = mountViewer(
      {
        server: STATIC,
        cache,
        'prefetch-budget': '0',
        'patient-id': demo.patient.patientId,
        study: demo.studies.currentCt.studyInstanceUid,
      },
      (v) => {
        configure(v, demo);
      },
    );
    return demo;
  }

  /** A fetch that never answers frame requests of `study`: they stay pending until aborted. */
  function holdingFrames(study: () => string | undefined, held: Held[]): typeof fetch {
    return (input, init) => {
      const url = urlOf(input);
      const signal = init?.signal ?? undefined;
      const hold = study();
      if (hold !== undefined && url.includes(hold) && url.includes('/frames/')) {
        held.push({ url, signal });
        return new Promise((_, reject) => {
          signal?.addEventListener('abort', () => {
            reject(signal.reason as Error);
          });
        });
      }
      return fetch(input, init);
    };
  }

  it('aborts the frame requests of a study when the reader opens another one', async () => {
    const held: Held[] = [];
    let holding: string | undefined;
    const demo = await openCt('none', (v, { studies }) => {
      holding = studies.currentCt.studyInstanceUid;
      v.fetch = holdingFrames(() => holding, held);
    });
    await waitFor(() => held.length > 0, 'frame requests of the CT');
    const ctRequests = [...held];
    expect(ctRequests.every((request) => request.signal !== undefined)).to.equal(true);
    expect(ctRequests.some((request) => request.signal?.aborted)).to.equal(false);
    holding = undefined;
    selectStudy(demo.studies.currentMg.studyInstanceUid);
    await waitFor(
      () => viewports(viewer!).some((v) => v.currentImage !== undefined),
      'the mammograms drawn',
    );
    await waitFor(() => ctRequests.every((request) => request.signal?.aborted), 'CT aborted');
  });

  it('aborts everything of a patient when another one is opened', async () => {
    const held: Held[] = [];
    await openCt('none', (v, { studies }) => {
      v.fetch = holdingFrames(() => studies.currentCt.studyInstanceUid, held);
    });
    await waitFor(() => held.length > 0, 'frame requests of the CT');
    const requests = [...held];
    viewer!.patientId = 'SOMEONE-ELSE';
    await waitFor(() => requests.every((request) => request.signal?.aborted), 'all aborted');
  });

  it('calls the refreshToken set after it connected, without opening the patient again', async () => {
    let token = 'first';
    let expired = false;
    let searches = 0;
    const calls: string[] = [];
    const demo = await openCt('none', (v) => {
      v.requestHeaders = () => ({ Authorization: `Bearer ${token}` });
      v.refreshToken = () => {
        calls.push('first hook');
        return Promise.resolve();
      };
      v.fetch = (input, init) => {
        const url = urlOf(input);
        if (url.endsWith('/studies') || url.includes('/studies?')) searches++;
        const sent = new Headers(init?.headers).get('Authorization');
        if (expired && sent !== 'Bearer renewed')
          return Promise.resolve(new Response(null, { status: 401 }));
        return fetch(input, init);
      };
    });
    await waitFor(() => viewports(viewer!)[0]?.currentImage, 'the CT drawn');
    const searchesBefore = searches;
    const errors: string[] = [];
    viewer!.addEventListener('cb-error', (event) => errors.push(event.detail.code));
    viewer!.refreshToken = () => {
      calls.push('new hook');
      token = 'renewed';
      return Promise.resolve();
    };
    await viewer!.updateComplete;
    // The token expires: the next request gets 401, and the hook set last renews it.
    expired = true;
    selectStudy(demo.studies.currentMg.studyInstanceUid);
    await waitFor(
      () =>
        viewports(viewer!).some((v) => v.currentImage?.image.dataset.string(0x00080060) === 'MG'),
      'the mammograms drawn with the renewed token',
    );
    expect(calls).to.include('new hook');
    expect(calls).to.not.include('first hook');
    expect(errors).to.deep.equal([]);
    expect(searches, 'no new session: the history was not searched again').to.equal(searchesBefore);
  });

  it('starts the prior prefetch when prefetchBudget is raised after it connected', async () => {
    const priorFrames: string[] = [];
    await openCt('memory', (v, { studies }) => {
      v.fetch = (input, init) => {
        const url = urlOf(input);
        if (url.includes(studies.priorCt.studyInstanceUid) && url.includes('/frames/'))
          priorFrames.push(url);
        return fetch(input, init);
      };
    });
    await waitFor(() => viewports(viewer!)[0]?.currentImage, 'the CT drawn');
    await viewer!.updateComplete;
    expect(priorFrames, 'no prefetch with a budget of 0').to.deep.equal([]);
    viewer!.prefetchBudget = 64 * 1024 * 1024;
    await waitFor(() => priorFrames.length > 0, 'frames of the prior CT prefetched');
  });

  /** The reader picks a study in the history panel. */
  function selectStudy(studyInstanceUid: string): void {
    viewer!
      .shadowRoot!.querySelector('cb-study-browser')!
      .dispatchEvent(new SeriesSelectEvent({ studyInstanceUid, seriesInstanceUid: undefined }));
  }
});
