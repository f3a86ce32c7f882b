/**
 * The screening second-reading page (issue 16): `<cb-screening-reading>` fed this round's reading
 * list as the screening structure sends it (accession numbers, what its worklist names) and the
 * reader as the portal knows her. The reader's identity goes into the SR's observer context only,
 * never into the page's status lines. Public API only.
 */

/**
 * This round's cases, in the structure's order: the five women of the demo data's reading list
 * (scripts/demo-data/reading-list.mjs; test/e2e/demo-reading.node-test.mjs checks they agree).
 */
export const READING_LIST: readonly string[] = [
  'DO26111700012',
  'DO26111800027',
  'DO26111900044',
  'DO26112300009',
  'DO26112400061',
];

/** The second reader, as the portal's sign-in knows her (TID 1003 observer of her SRs). */
export const READER = {
  name: 'COROSSOL^Régine^^Dr',
  loginName: 'rcorossol',
  organization: 'Centre régional de coordination des dépistages des cancers (L2)',
};

const status = document.getElementById('status');
const position = document.getElementById('reading-position');

function say(message: string): void {
  if (status) status.textContent = message;
}

/** A bearer for DICOMweb, from the portal session (demo/portal/tokens.mjs). */
async function viewerBearer(): Promise<string> {
  const response = await fetch('/portal/viewer-token', { method: 'POST' });
  if (!response.ok) throw new Error(`viewer token ${String(response.status)}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

/** The portal's viewer bearers live five minutes; a reading sitting lasts longer: renew at four. */
const BEARER_RENEWAL_MS = 4 * 60_000;

/**
 * The element's request headers, one object renewed in place: `<cb-screening-reading>` takes a
 * plain record (no function, no `refreshToken`), and giving it a new object would restart the
 * list (its cases resolved again, "read" forgotten). Its DICOMweb clients read the record at each
 * request (src/dicomweb/dicomweb-transport.ts), so the new bearer is used from the next one.
 */
function renewedHeaders(first: string): Record<string, string> {
  const headers = { Authorization: `Bearer ${first}` };
  window.setInterval(() => {
    viewerBearer().then(
      (bearer) => {
        headers.Authorization = `Bearer ${bearer}`;
      },
      () => {
        say('Session du portail expirée : reconnectez-vous.');
      },
    );
  }, BEARER_RENEWAL_MS);
  return headers;
}

async function main(): Promise<void> {
  const reading = document.querySelector('cb-screening-reading');
  if (!reading) return;
  const bearer = await viewerBearer().catch(() => undefined);
  if (bearer === undefined) {
    say('Session du portail expirée : reconnectez-vous.');
    return;
  }
  reading.requestHeaders = renewedHeaders(bearer);
  reading.reader = READER;
  reading.cases = READING_LIST.map((accessionNumber) => ({ accessionNumber }));
  reading.addEventListener('cb-reading-case-change', (event) => {
    if (position)
      position.textContent = `Dossier ${String(event.detail.index + 1)} sur ${String(READING_LIST.length)}`;
    say('');
  });
  reading.addEventListener('cb-reading-submitted', (event) => {
    say(
      event.detail.rejection
        ? 'Lecture enregistrée : compte rendu structuré et incidences techniquement insuffisantes.'
        : 'Lecture enregistrée : compte rendu structuré.',
    );
  });
  reading.addEventListener('cb-error', () => {
    say('La station de lecture a rencontré une erreur.');
  });
  // The keyboard works from the start: the workstation has the focus (F and J at once; Tab or
  // Shift+Tab reach the first case's form), and the element hands it to each next case's form.
  reading.focus();
  await import('../src/define.js');
}

void main();
