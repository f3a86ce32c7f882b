import type { FrameKey, FrameTuple, PatientRef, SeriesKey, SeriesTuple } from './cache-keys.js';
import { normalizeServer } from './cache-keys.js';
import { keyedHash } from './patient-hash.js';

/**
 * What names a record on disk (schema 3): the server, Study, Series and SOP Instance UIDs, the
 * patient and the user's scope, each as a keyed hash (patient-hash.ts). The scope — the host's
 * name for the signed-in user — is part of the server's hash, so two users of one browser
 * profile have disjoint keys: one never finds the other's records, even under one device key.
 */
export class RecordKeys {
  readonly #hmac: CryptoKey;
  readonly #scope: string;
  /** Hashes made so far: a series of 300 frames names its server, study and series 300 times. */
  readonly #memo = new Map<string, Promise<string>>();

  constructor(hmacKey: CryptoKey, scope: string) {
    this.#hmac = hmacKey;
    this.#scope = scope;
  }

  hash(kind: string, text: string): Promise<string> {
    const id = `${kind}\u0000${text}`;
    let hash = this.#memo.get(id);
    if (!hash) {
      // A page sees a few patients' UIDs; the bound only guards against a caller's churn.
      if (this.#memo.size > 65536) this.#memo.clear();
      hash = keyedHash(id, this.#hmac);
      this.#memo.set(id, hash);
    }
    return hash;
  }

  /** The user's scope as records carry it (index `by-scope`). */
  scope(): Promise<string> {
    return this.hash('scope', this.#scope);
  }

  async series(key: SeriesKey): Promise<SeriesTuple> {
    return Promise.all([
      this.hash('server', `${this.#scope}\u0000${normalizeServer(key.server)}`),
      this.hash('study', key.studyInstanceUid),
      this.hash('series', key.seriesInstanceUid),
    ]);
  }

  async frame(key: FrameKey): Promise<FrameTuple> {
    const [series, sop] = await Promise.all([this.series(key), this.sop(key.sopInstanceUid)]);
    return [...series, sop, key.frame];
  }

  sop(sopInstanceUid: string): Promise<string> {
    return this.hash('sop', sopInstanceUid);
  }

  /** PS3.5 §6.2 (LO): leading and trailing spaces of the ID are not significant. */
  patient(patient: PatientRef): Promise<string> {
    // The issuer is left out on purpose: a series is indexed under the patient its own data
    // names (its IssuerOfPatientID), while a purge may only know the Patient ID the host asked
    // for. A purge of a Patient ID then reaches it under every issuer — over-purging is the safe
    // side of a privacy purge, and the index stays a keyed hash that reveals nothing.
    const id = `${this.#scope}\u0000${patient.patientId.trim()}`;
    return this.hash('patient', id);
  }
}
