// Issue 13 item 6: every event carries a typed code, never a raw Error (an error's message or
// stack may hold a URL, a header or a UID). Checked for every `cb-*` event the package declares,
// at compile time: a detail property that could hold an Error (typed Error, unknown or any)
// fails the type-check, so a new event cannot slip one in.
import { expect } from '@open-wc/testing';
import { DicomwebAuthError } from '../dicomweb/errors.js';
import { ViewerErrorEvent } from './viewer-error.js';
import { SeriesErrorEvent } from './series-error.js';
import { seriesErrorDetail } from '../dicomweb/series-error-detail.js';
import './identity-mismatch.js';
import './image-rendered.js';
import './key-images-saved.js';
import './measurement.js';
import './patient-mismatch.js';
import './series-cached.js';
import './series-loaded.js';
import './series-progress.js';
import './series-select.js';
import './study-opened.js';
import './viewed.js';
import './voi-change.js';

type CbEventName = Extract<keyof GlobalEventHandlersEventMap, `cb-${string}`>;
type DetailOf<E> = E extends { readonly detail: infer D } ? D : never;
/** Names of the properties of `D` an Error could be stored in. */
type ErrorHolders<D> = {
  [P in keyof D]-?: Error extends NonNullable<D[P]> ? P : unknown extends D[P] ? P : never;
}[keyof D];
type Offending = {
  [
    K in CbEventName as ErrorHolders<DetailOf<GlobalEventHandlersEventMap[K]>> extends never
      ? never
      : K
  ]: ErrorHolders<DetailOf<GlobalEventHandlersEventMap[K]>>;
};
/** `true` when no event detail can hold an Error; otherwise the offending names, and tsc fails. */
const noneOffending: [keyof Offending] extends [never] ? true : keyof Offending = true;

describe('cb-* event details', () => {
  it('hold no Error: an event made from one keeps its class name and status only', () => {
    expect(noneOffending).to.equal(true);
    const refused = new DicomwebAuthError('frames', 403);
    const events = [
      new ViewerErrorEvent('forbidden', refused),
      new SeriesErrorEvent(seriesErrorDetail('1.2.3', 4, refused)),
    ];
    for (const event of events) {
      expect(Object.values(event.detail).some((value) => value instanceof Error)).to.equal(false);
      expect(event.detail).to.include({ status: 403, cause: 'DicomwebAuthError' });
    }
  });
});
