/**
 * The portal's patient banner, filled from QIDO-RS study results (PS3.18 10.6). Every value is
 * written with textContent: DICOM text is data, never markup.
 */
interface JsonAttribute {
  readonly vr: string;
  readonly Value?: readonly unknown[];
}
type Json = Readonly<Record<string, JsonAttribute | undefined>>;

export interface StudyRow {
  readonly studyInstanceUid: string;
  readonly date: string;
  readonly description: string;
  readonly modalities: readonly string[];
}

function first(json: Json, tag: string): unknown {
  return json[tag]?.Value?.[0];
}

function text(json: Json, tag: string): string {
  const value = first(json, tag);
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

/** PN (PS3.5 6.2): FAMILY^Given → "FAMILY Given". */
function personName(json: Json, tag: string): string {
  const value = first(json, tag);
  const alphabetic =
    typeof value === 'object' && value !== null && 'Alphabetic' in value
      ? String(value.Alphabetic)
      : '';
  return alphabetic.split('^').filter(Boolean).join(' ');
}

/** DA (YYYYMMDD) as a French date. */
export function frenchDate(value: string): string {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  if (!match) return value;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

const SEX: Record<string, string> = { F: 'Féminin', M: 'Masculin', O: 'Autre' };

/** Searches the patient's studies, fills the banner, returns the studies newest first. */
export async function fillPatientBanner(
  server: string,
  patientId: string,
  headers: () => Record<string, string>,
): Promise<StudyRow[]> {
  const query = new URLSearchParams({ PatientID: patientId });
  for (const field of ['00100010', '00100030', '00100040', '00081030', '00080061'])
    query.append('includefield', field);
  const response = await fetch(`${server}/studies?${query.toString()}`, {
    headers: { ...headers(), Accept: 'application/dicom+json' },
  });
  if (!response.ok && response.status !== 204)
    throw new Error(`QIDO-RS ${String(response.status)}`);
  const studies = response.status === 204 ? [] : ((await response.json()) as Json[]);
  const patient = studies[0];
  const set = (id: string, value: string): void => {
    const element = document.getElementById(id);
    if (element) element.textContent = value || '—';
  };
  set('patient-name', patient ? personName(patient, '00100010') : '');
  set('patient-id', patientId);
  set('patient-birth', patient ? frenchDate(text(patient, '00100030')) : '');
  set('patient-sex', patient ? (SEX[text(patient, '00100040')] ?? '') : '');
  return studies
    .map((study) => ({
      studyInstanceUid: text(study, '0020000D'),
      date: text(study, '00080020'),
      description: text(study, '00081030'),
      modalities: (study['00080061']?.Value ?? []).map(String),
    }))
    .sort((a, b) => b.date.localeCompare(a.date));
}
