/**
 * The demo portal: a regional health portal page that embeds `<cb-viewer>` the way a portal
 * developer would, fills its patient banner from QIDO-RS, offers shortcuts (the CT with its
 * prior, the screening mammography with the prior) and opens the launches its server answered:
 * IHE Invoke Image Display (`/IHEInvokeImageDisplay?requestType=…`, RAD-106), the DRIMbox
 * contextual call and the GP's exam code (`/viewer?launch=…`, demo/portal/routes.mjs).
 */
// The demo uses only the public API, as a portal developer would (`courbaril`, `courbaril/define`).
import { applyLaunchContext, launchContextFromIid, type LaunchContext } from '../src/index.js';
import type { CbViewer } from '../src/components/viewer/viewer.js';
import { fillPatientBanner, frenchDate, type StudyRow } from './patient-banner.js';

const SERVER = '/dicom-web';
const LAUNCH_ATTRIBUTES = ['patient-id', 'issuer', 'study', 'accession-number'];
const viewer = document.querySelector('cb-viewer');
const status = document.getElementById('status');

function say(message: string): void {
  if (status) status.textContent = message;
}

/**
 * An IID request replaces the page's default patient before the element starts. Its address
 * names the patient: once read, it leaves the address bar and the session history (a shared
 * screen, a bookmark, the history list), and the IID route answers with `Referrer-Policy:
 * no-referrer` so the page's own requests never carried it (demo/iid-route.mjs).
 */
function applyInvokeImageDisplay(element: CbViewer): void {
  if (location.pathname !== '/IHEInvokeImageDisplay') return;
  const launch = location.href;
  history.replaceState(null, '', '/');
  try {
    // Every IID parameter: patient, studies, history filters, name and birth date for the banner.
    const context = launchContextFromIid(launch);
    for (const name of LAUNCH_ATTRIBUTES) element.removeAttribute(name);
    applyLaunchContext(element, context);
    say('Demande IHE Invoke Image Display reçue.');
  } catch (error) {
    say(
      `Demande IHE Invoke Image Display refusée : ${error instanceof Error ? error.message : ''}`,
    );
  }
}

/**
 * A launch the portal's server kept (DRIMbox call, exam code): the page came with its context as
 * inert JSON, and an address holding only an opaque, single-use id, removed all the same.
 */
function applyServerLaunch(element: CbViewer): 'none' | 'applied' | 'spent' {
  const data = document.getElementById('launch-context')?.textContent;
  if (!data) return 'none';
  history.replaceState(null, '', '/');
  for (const name of LAUNCH_ATTRIBUTES) element.removeAttribute(name);
  const context = JSON.parse(data) as LaunchContext | { error: string };
  if ('error' in context) {
    say('Ce lien d’ouverture a expiré ou a déjà servi : relancez l’ouverture depuis le portail.');
    return 'spent';
  }
  applyLaunchContext(element, context);
  // The portal's vigilance policy: a study naming another patient is not shown.
  element.identityPolicy = 'block';
  say('Ouverture en contexte reçue du portail.');
  return 'applied';
}

/** A bearer for the viewer, from the portal session (demo/portal/tokens.mjs). */
async function viewerBearer(): Promise<string> {
  const response = await fetch('/portal/viewer-token', { method: 'POST' });
  if (!response.ok) throw new Error(`viewer token ${String(response.status)}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

interface Shortcut {
  readonly label: string;
  readonly apply: (element: Element) => void;
}

function open(
  element: Element,
  study: string | undefined,
  compare: string,
  protocol: string,
): void {
  // A choice in the portal's own lists leaves a launch's manifest for the patient's history.
  if (viewer) viewer.manifest = undefined;
  if (study === undefined) element.removeAttribute('study');
  else element.setAttribute('study', study);
  element.setAttribute('compare', compare);
  element.setAttribute('protocol', protocol);
}

function shortcuts(studies: readonly StudyRow[]): Shortcut[] {
  const newest = (modality: string): StudyRow | undefined =>
    studies.find((study) => study.modalities.includes(modality));
  const ct = newest('CT');
  const mg = newest('MG');
  return [
    {
      label: 'Historique complet',
      apply: (e) => {
        open(e, undefined, 'none', 'auto');
      },
    },
    ...(ct
      ? [
          {
            label: 'Scanner et son antérieur (comparaison)',
            apply: (e: Element) => {
              open(e, ct.studyInstanceUid, 'prior', 'auto');
            },
          },
        ]
      : []),
    ...(mg
      ? [
          {
            label: 'Mammographie de dépistage et antérieure',
            apply: (e: Element) => {
              open(e, mg.studyInstanceUid, 'prior', 'screening-mammography');
            },
          },
        ]
      : []),
  ];
}

function renderList(
  listId: string,
  items: readonly { label: string; apply: (element: Element) => void }[],
  element: Element,
): void {
  const list = document.getElementById(listId);
  if (!list) return;
  list.replaceChildren();
  const buttons: HTMLButtonElement[] = [];
  for (const item of items) {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = item.label;
    button.setAttribute('aria-pressed', 'false');
    button.addEventListener('click', () => {
      for (const other of document.querySelectorAll('.study-list button'))
        other.setAttribute('aria-pressed', 'false');
      button.setAttribute('aria-pressed', 'true');
      item.apply(element);
    });
    buttons.push(button);
    const li = document.createElement('li');
    li.append(button);
    list.append(li);
  }
}

async function main(): Promise<void> {
  if (!viewer) return;
  applyInvokeImageDisplay(viewer);
  // A spent launch opens nothing: the viewer is not even started.
  if (applyServerLaunch(viewer) === 'spent') return;
  viewer.addEventListener('cb-error', (event) => {
    say(`Erreur de la visionneuse (${event.detail.code}).`);
  });
  viewer.addEventListener('cb-study-opened', (event) => {
    const compared = event.detail.comparedWith.length > 0 ? ' avec antérieur' : '';
    say(`Examen ouvert${compared} — protocole ${event.detail.protocolId || 'manuel'}.`);
  });
  // Pro Santé Connect, the portal's way: the professional's token stays on the portal's server;
  // the viewer gets the portal session's bearer, renewed when the DICOMweb proxy refuses it.
  let bearer: string;
  try {
    bearer = await viewerBearer();
  } catch {
    say('Session du portail expirée : reconnectez-vous.');
    return;
  }
  const authorization = (): Record<string, string> => ({ Authorization: `Bearer ${bearer}` });
  viewer.requestHeaders = authorization;
  viewer.refreshToken = async () => {
    bearer = await viewerBearer();
  };
  // The element starts once defined: after the launch has set its attributes.
  await import('../src/define.js');
  const patientId = viewer.getAttribute('patient-id') ?? viewer.patientId;
  if (!patientId) return;
  try {
    const studies = await fillPatientBanner(SERVER, patientId, authorization);
    renderList('shortcut-list', shortcuts(studies), viewer);
    renderList(
      'study-list',
      studies.map((study) => ({
        label: `${frenchDate(study.date)} · ${study.modalities.join(', ')} · ${study.description}`,
        apply: (element: Element) => {
          open(element, study.studyInstanceUid, 'none', 'auto');
        },
      })),
      viewer,
    );
  } catch {
    say('Le dossier du patient n’a pas pu être chargé.');
  }
}

void main();
