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

/**
 * The portal's viewer bearers live five minutes; a reading sitting lasts longer. The element
 * reads its headers from a function at each request, and calls `refreshToken` when the server
 * answers 401 (then retries once): the bearer is renewed there, and nothing is restarted.
 */
function renewingBearer(first: string): {
  readonly requestHeaders: () => Record<string, string>;
  readonly refreshToken: () => Promise<void>;
} {
  let bearer = first;
  return {
    requestHeaders: () => ({ Authorization: `Bearer ${bearer}` }),
    refreshToken: async () => {
      try {
        bearer = await viewerBearer();
      } catch (error) {
        say('Session du portail expirée : reconnectez-vous.');
        throw error;
      }
    },
  };
}

async function main(): Promise<void> {
  const reading = document.querySelector('cb-screening-reading');
  if (!reading) return;
  const bearer = await viewerBearer().catch(() => undefined);
  if (bearer === undefined) {
    say('Session du portail expirée : reconnectez-vous.');
    return;
  }
  const { requestHeaders, refreshToken } = renewingBearer(bearer);
  reading.requestHeaders = requestHeaders;
  reading.refreshToken = refreshToken;
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
  // The keyboard works from the start: the element hands the focus to each case's form, the
  // first one included, once the form has the case's views (F and J work from the form too).
  reading.focus();
  await import('../src/define.js');
}

void main();
