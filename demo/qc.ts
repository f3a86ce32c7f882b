/**
 * The console QC page: the TG18-QC-style pattern the demo data holds (filed under its own QC
 * identifier, scripts/demo-data/series-qc.mjs) shown in a `<cb-viewport one-to-one locked>`,
 * as the ANSM's rules for review consoles ask (decision of 15 January 2020, §8.7.5): one
 * acquired pixel per displayed pixel, no windowing, the loupe only. Public API only.
 */
import { DicomwebClient, parseDicom } from '../src/index.js';

const SERVER = '/dicom-web';
const QC_PATIENT_ID = 'CQ-CONSOLE-TG18';
const status = document.getElementById('status');
const scale = document.getElementById('qc-scale');

function say(message: string): void {
  if (status) status.textContent = message;
}

/** A bearer for DICOMweb, from the portal session (demo/portal/tokens.mjs). */
async function viewerBearer(): Promise<string> {
  const response = await fetch('/portal/viewer-token', { method: 'POST' });
  if (!response.ok) throw new Error(`viewer token ${String(response.status)}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

type QidoResult = Awaited<ReturnType<DicomwebClient['searchForStudies']>>[number];

function uid(item: QidoResult | undefined, tag: string): string {
  const value = item?.[tag]?.Value?.[0];
  if (typeof value !== 'string') throw new Error(`no ${tag}`);
  return value;
}

/** What the screen does to the pattern: 1:1 whatever devicePixelRatio (browser zoom included). */
function describeScale(): void {
  if (!scale) return;
  const ratio = window.devicePixelRatio;
  scale.textContent = `Rapport pixels écran / pixels CSS : ${String(ratio)}. ${
    Number.isInteger(ratio)
      ? 'Chaque pixel de la mire occupe un pixel de l’écran.'
      : 'Rapport non entier (zoom du navigateur ?) : remettez le zoom à 100 % pour le contrôle.'
  }`;
}

async function main(): Promise<void> {
  const viewport = document.querySelector('cb-viewport');
  if (!viewport) return;
  describeScale();
  matchMedia(`(resolution: ${String(window.devicePixelRatio)}dppx)`).addEventListener(
    'change',
    describeScale,
  );
  let bearer: string;
  try {
    bearer = await viewerBearer();
  } catch {
    say('Session du portail expirée : reconnectez-vous.');
    return;
  }
  const client = new DicomwebClient({
    url: SERVER,
    requestHeaders: () => ({ Authorization: `Bearer ${bearer}` }),
  });
  try {
    const [study] = await client.searchForStudies({ patientId: QC_PATIENT_ID });
    const studyInstanceUid = uid(study, '0020000D');
    const [instance] = await client.searchForInstances({ studyInstanceUid });
    const bytes = await client.retrieveInstance({
      studyInstanceUid,
      seriesInstanceUid: uid(instance, '0020000E'),
      sopInstanceUid: uid(instance, '00080018'),
    });
    await import('../src/define.js');
    viewport.addEventListener(
      'cb-image-rendered',
      () => {
        say('Mire affichée 1:1, fenêtrage verrouillé. Loupe : bouton principal maintenu.');
      },
      { once: true },
    );
    viewport.stack = [parseDicom(bytes)];
  } catch {
    say('La mire de contrôle qualité n’a pas pu être chargée.');
  }
}

void main();
