/**
 * What a reading list does behind the case on screen: resolve its cases (reading-list.ts), and
 * make the case on screen and the next one ready (case-prefetch.ts) on the viewer's services.
 * The case on screen gets the images of its other steps; the next case all of its steps' images,
 * each decoded within half of the viewer's decoded-frame memory (the other half is the case on
 * screen's), at the prefetch priority. Moving on aborts the work for cases no longer around.
 */
import type { ViewerServices } from '../context/viewer-services.js';
import type { HangingProtocol } from '../hanging-protocols/hanging-protocol.js';
import { prefetchCase, type PreparedCase } from './case-prefetch.js';
import type { RequestHeadersInit } from './viewer-config.js';
import {
  createReadingListService,
  type CaseResolution,
  type ReadingCase,
  type ReadingListService,
} from './reading-list.js';

export type { PreparedCase, CaseView } from './case-prefetch.js';

export interface ReadingListPlan {
  readonly services: ViewerServices;
  /** The case on screen. */
  readonly index: number;
  /** Every reading step's protocol, in reading order. */
  readonly protocols: readonly HangingProtocol[];
  /** The protocol listing the current study's four views (the reading form's). */
  readonly viewsProtocol: HangingProtocol;
}

export class ReadingListWork {
  readonly #onChange: () => void;
  #service: ReadingListService | undefined;
  #cases: readonly ReadingCase[] = [];
  #lifetime = new AbortController();
  readonly #resolutions = new Map<number, CaseResolution>();
  readonly #resolving = new Map<number, Promise<CaseResolution>>();
  readonly #prepared = new Map<string, PreparedCase>();
  /** Study Instance UID → its running (or finished) preparation. */
  readonly #jobs = new Map<string, { controller: AbortController; done: Promise<void> }>();

  readonly #currentRefreshToken: () => (() => Promise<void>) | undefined;

  /**
   * `onChange`: a resolution or a preparation arrived (the element re-renders).
   * `currentRefreshToken`: the host's `refreshToken` as it is now, read at each 401.
   */
  constructor(onChange: () => void, currentRefreshToken: () => (() => Promise<void>) | undefined) {
    this.#onChange = onChange;
    this.#currentRefreshToken = currentRefreshToken;
  }

  /** A new list or server: everything known or running is dropped. */
  configure(
    server: string,
    requestHeaders: RequestHeadersInit | undefined,
    cases: readonly ReadingCase[],
  ): void {
    this.dispose();
    this.#lifetime = new AbortController();
    this.#service = server
      ? createReadingListService({
          server,
          requestHeaders,
          currentRefreshToken: this.#currentRefreshToken,
        })
      : undefined;
    this.#cases = cases;
  }

  resolution(index: number): CaseResolution | undefined {
    return this.#resolutions.get(index);
  }

  /** The case's views and prior, once its preparation got that far. */
  prepared(studyInstanceUid: string | undefined): PreparedCase | undefined {
    return studyInstanceUid === undefined ? undefined : this.#prepared.get(studyInstanceUid);
  }

  /** Resolves case `index` (once; later calls share the answer). */
  resolve(index: number): Promise<CaseResolution> {
    const known = this.#resolutions.get(index);
    if (known !== undefined) return Promise.resolve(known);
    const item = this.#cases[index];
    const service = this.#service;
    if (item === undefined || service === undefined) return Promise.resolve({ status: 'invalid' });
    let pending = this.#resolving.get(index);
    if (pending === undefined) {
      const signal = this.#lifetime.signal;
      pending = service.resolve(item, signal).then((resolution) => {
        if (!signal.aborted) {
          this.#resolutions.set(index, resolution);
          this.#onChange();
        }
        return resolution;
      });
      this.#resolving.set(index, pending);
      pending.catch(() => this.#resolving.delete(index));
    }
    return pending;
  }

  /**
   * Prepares the case on screen, then the next one; work for any other case is aborted. Resolves
   * when both are in (tests and the bench wait for it), never rejects.
   */
  async prefetch(plan: ReadingListPlan): Promise<void> {
    const here = await this.resolve(plan.index).catch(() => undefined);
    const next =
      plan.index + 1 < this.#cases.length
        ? await this.resolve(plan.index + 1).catch(() => undefined)
        : undefined;
    const keep = [here, next].flatMap((item) =>
      item?.status === 'resolved' ? [item.studyInstanceUid] : [],
    );
    for (const [study, job] of this.#jobs)
      if (!keep.includes(study)) {
        job.controller.abort(new DOMException('Left the case', 'AbortError'));
        this.#jobs.delete(study);
      }
    if (plan.services.disposed || this.#lifetime.signal.aborted) return;
    // Half of the decoded memory for the case on screen (the cells decode it anyway), half for the next.
    const budget = plan.services.cache.maxDecodedBytes / 2;
    await Promise.all(keep.map((study) => this.#start(plan, study, budget)));
  }

  #start(plan: ReadingListPlan, studyInstanceUid: string, budget: number): Promise<void> {
    const running = this.#jobs.get(studyInstanceUid);
    if (running !== undefined) return running.done;
    const controller = new AbortController();
    const signal = AbortSignal.any([controller.signal, this.#lifetime.signal]);
    const done = prefetchCase({
      services: plan.services,
      studyInstanceUid,
      protocols: plan.protocols,
      viewsProtocol: plan.viewsProtocol,
      decodedBudget: budget,
      signal,
      onPrepared: (prepared) => {
        if (signal.aborted) return;
        this.#prepared.set(studyInstanceUid, prepared);
        this.#onChange();
      },
    }).then(
      () => undefined,
      () => {
        // A failed prefetch costs the reader only time: the viewer fetches what it shows itself,
        // and reports its own errors. The job is forgotten so that a later visit tries again.
        if (this.#jobs.get(studyInstanceUid)?.controller === controller)
          this.#jobs.delete(studyInstanceUid);
      },
    );
    this.#jobs.set(studyInstanceUid, { controller, done });
    return done;
  }

  dispose(): void {
    this.#lifetime.abort(new DOMException('Reading list closed', 'AbortError'));
    this.#jobs.clear();
    this.#resolutions.clear();
    this.#resolving.clear();
    this.#prepared.clear();
  }
}
