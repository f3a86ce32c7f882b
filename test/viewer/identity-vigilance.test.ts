/**
 * Identity vigilance and the launch's history filters, against a real Orthanc holding one
 * patient's deliberately mislabelled studies (identity-patients-data.mjs): the banner shows the
 * launch identity; each study whose Patient module contradicts it is caught, named by trait,
 * marked in its cell, and under `identityPolicy = 'block'` never shown nor even fetched.
 */
import { expect } from '@open-wc/testing';
import type { IdentityMismatchDetail } from '../../src/events/identity-mismatch.js';
import type { ViewerErrorDetail } from '../../src/events/viewer-error.js';
import type { CbViewer } from '../../src/components/viewer/viewer.js';
import type { LaunchIdentity } from '../../src/launch/launch-identity.js';
import { requireRig } from '../dicomweb/dicomweb-fixtures.js';
import {
  IDENTITY,
  INS,
  makeIdentityPatients,
  type IdentityPatients,
} from './identity-patients-data.mjs';
import { allRendered, animationFrames, mountViewer, ORTHANC, waitFor } from './viewer-harness.js';

async function store(bytes: Uint8Array<ArrayBuffer>): Promise<void> {
  const response = await fetch('/orthanc/instances', {
    method: 'POST',
    headers: { 'Content-Type': 'application/dicom' },
    body: bytes,
  });
  if (!response.ok) throw new Error(`Orthanc refused an instance: ${String(response.status)}`);
}

interface Watched {
  readonly viewer: CbViewer;
  readonly mismatches: IdentityMismatchDetail[];
  readonly errors: ViewerErrorDetail[];
  readonly requested: string[];
}

function open(
  data: IdentityPatients,
  attributes: Record<string, string>,
  configure: (viewer: CbViewer) => void = () => undefined,
): Watched {
  const mismatches: IdentityMismatchDetail[] = [];
  const errors: ViewerErrorDetail[] = [];
  const requested: string[] = [];
  const viewer = mountViewer(
    {
      server: ORTHANC,
      cache: 'none',
      lang: 'fr',
      'prefetch-budget': '0',
      'patient-id': data.patientId,
      issuer: data.issuer,
      ...attributes,
    },
    (v) => {
      v.identity = IDENTITY;
      v.fetch = (input, init) => {
        requested.push(input instanceof Request ? input.url : String(input));
        return fetch(input, init);
      };
      v.addEventListener('cb-identity-mismatch', (event) => mismatches.push(event.detail));
      v.addEventListener('cb-error', (event) => errors.push(event.detail));
      configure(v);
    },
  );
  return { viewer, mismatches, errors, requested };
}

function listed(viewer: CbViewer): string[] {
  const browser = viewer.shadowRoot!.querySelector('cb-study-browser');
  return (browser?.studies ?? []).map((study) => study.studyInstanceUid);
}

function alertText(viewer: CbViewer): string | undefined {
  return viewer.shadowRoot!.querySelector('.identity-alert')?.textContent.trim();
}

describe('<cb-viewer> identity vigilance', () => {
  let data: IdentityPatients;
  const mounted: CbViewer[] = [];
  before(async function () {
    this.timeout(120_000);
    await requireRig(this);
    data = await makeIdentityPatients(store);
  });
  afterEach(() => {
    for (const viewer of mounted.splice(0)) viewer.remove();
  });

  it('shows the launch identity in its banner, the INS only for a qualified identity, and takes a host banner in the slot', async () => {
    const { viewer } = open(data, { study: data.right.study });
    mounted.push(viewer);
    await viewer.updateComplete;
    const banner = () => viewer.shadowRoot!.querySelector('[part="identity"]')?.textContent ?? '';
    const text = banner().replace(/\s+/g, ' ');
    for (const part of ['DURAND Élodie Marie', '15/06/1975', 'féminin', INS, 'identité qualifiée'])
      expect(text).to.contain(part);
    const unqualified: LaunchIdentity = {
      ...IDENTITY,
      ...(IDENTITY.ins ? { ins: { ...IDENTITY.ins, qualified: false } } : {}),
    };
    viewer.identity = unqualified;
    await viewer.updateComplete;
    expect(banner()).not.to.contain(INS);
    expect(banner()).to.contain('non qualifiée');
    const own = document.createElement('div');
    own.slot = 'identity';
    own.textContent = 'Bandeau du portail';
    viewer.append(own);
    const slot = viewer.shadowRoot!.querySelector<HTMLSlotElement>('slot[name="identity"]');
    expect(slot?.assignedElements()).to.deep.equal([own]);
  });

  it('names the traits each mislabelled study gets wrong, marks its cell and still shows it under "warn"', async function () {
    this.timeout(90_000);
    const expected = new Map<string, string[]>([
      [data.wrongGiven.study, ['given-name']],
      [data.wrongBirthAndSex.study, ['birth-date', 'sex']],
      [data.wrongIns.study, ['ins']],
    ]);
    const { viewer, mismatches, errors } = open(data, { study: data.right.study });
    mounted.push(viewer);
    for (const study of [
      data.right,
      data.caseAndAccents,
      ...[...expected.keys()].map((uid) => ({ study: uid })),
    ]) {
      viewer.study = study.study;
      await allRendered(viewer, 1, 30_000);
      const traits = expected.get(study.study);
      if (traits === undefined) {
        expect(alertText(viewer), `no alert for ${study.study}`).to.equal(undefined);
        continue;
      }
      const alert = await waitFor(() => alertText(viewer), 'the cell’s identity alert');
      expect(alert).to.contain('Vigilance identité');
      const cell = viewer.shadowRoot!.querySelector('.cell');
      expect(cell?.classList.contains('identity-mismatch')).to.equal(true);
    }
    // Thumbnails of the history read every study too: each study, whenever caught, the same traits.
    const caught = new Map<string, readonly string[]>();
    for (const detail of mismatches) {
      expect(detail.blocked).to.equal(false);
      const before = caught.get(detail.studyInstanceUid);
      if (before) expect(detail.traits).to.deep.equal(before);
      caught.set(detail.studyInstanceUid, detail.traits);
    }
    expect(Object.fromEntries(caught)).to.deep.equal(Object.fromEntries(expected));
    expect(JSON.stringify(mismatches)).not.to.match(/DURAND|Éloïse|1975|M"/);
    expect(errors).to.deep.equal([]);
  });

  it('under "block" shows and fetches nothing of a mislabelled study, and still shows the right one', async function () {
    this.timeout(90_000);
    const { viewer, mismatches, requested, errors } = open(data, {
      study: data.wrongBirthAndSex.study,
      'identity-policy': 'block',
    });
    mounted.push(viewer);
    const alert = await waitFor(() => alertText(viewer), 'the blocked cell’s notice', 30_000);
    expect(alert).to.contain('Images masquées');
    expect(alert).to.contain('date de naissance, sexe');
    await viewer.updateComplete;
    expect(viewer.shadowRoot!.querySelectorAll('cb-viewport').length).to.equal(0);
    expect(
      mismatches.find((m) => m.studyInstanceUid === data.wrongBirthAndSex.study),
    ).to.deep.equal({
      studyInstanceUid: data.wrongBirthAndSex.study,
      traits: ['birth-date', 'sex'],
      blocked: true,
    });
    viewer.study = data.right.study;
    await allRendered(viewer, 1, 30_000);
    expect(alertText(viewer)).to.equal(undefined);
    // The thumbnails read every study's metadata behind the first image: once all three
    // mislabelled studies are caught, a frame of theirs would have been asked for by now.
    const mislabelled = [data.wrongGiven, data.wrongBirthAndSex, data.wrongIns].map((s) => s.study);
    await waitFor(
      () => mislabelled.every((uid) => mismatches.some((m) => m.studyInstanceUid === uid)),
      'every mislabelled study caught',
      30_000,
    );
    await animationFrames(2);
    expect(mismatches.every((m) => m.blocked)).to.equal(true);
    // Nor a server-rendered preview or thumbnail: pixels all the same.
    const framesOf = requested.filter(
      (url) =>
        /\/(frames|rendered|thumbnail)/.test(url) && mislabelled.some((uid) => url.includes(uid)),
    );
    expect(framesOf, 'no frame of a blocked study was asked for').to.deep.equal([]);
    expect(errors).to.deep.equal([]);
  });
});

describe('<cb-viewer> historyFilter', () => {
  let data: IdentityPatients;
  const mounted: CbViewer[] = [];
  before(async function () {
    this.timeout(120_000);
    await requireRig(this);
    data = await makeIdentityPatients(store);
  });
  afterEach(() => {
    for (const viewer of mounted.splice(0)) viewer.remove();
  });

  it('lists only the studies the launch’s filters keep, and always the one it names', async function () {
    this.timeout(60_000);
    const { viewer } = open(data, {}, (v) => {
      v.identity = undefined;
      v.historyFilter = { modalities: ['CT'], mostRecent: 2 };
    });
    mounted.push(viewer);
    await waitFor(() => listed(viewer).length > 0 && viewer, 'the history', 30_000);
    await viewer.updateComplete;
    expect(listed(viewer)).to.deep.equal([data.right.study, data.caseAndAccents.study]);

    viewer.study = data.wrongIns.study;
    await waitFor(() => listed(viewer).length === 3 && viewer, 'the named study listed', 30_000);
    expect(listed(viewer)).to.deep.equal([
      data.right.study,
      data.caseAndAccents.study,
      data.wrongIns.study,
    ]);

    viewer.study = '';
    viewer.historyFilter = {
      lowerDateTime: { date: '20230101', time: '000000' },
      upperDateTime: { date: '20241231', time: '235959' },
    };
    await waitFor(() => listed(viewer).length === 2 && viewer, 'the date range', 30_000);
    expect(listed(viewer)).to.deep.equal([data.wrongGiven.study, data.wrongBirthAndSex.study]);
  });
});
