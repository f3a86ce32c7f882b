import type { SeriesKey } from './cache-keys.js';
import { seriesMemoryKey, seriesOnly } from './memory-keys.js';
import type { PersistentTier } from './persistent-tier.js';
import type { StoredFrameInfo } from './series-store.js';

/**
 * The SOP Instance UIDs each series' metadata names (PS3.18 F.2), learnt as metadata passes
 * through the cache. Frame records are keyed by keyed hashes of these UIDs: a listing names a
 * stored frame only by hashing the UIDs it already knows.
 */
export class InstanceIndex {
  readonly #sops = new Map<string, Set<string>>();

  learn(key: SeriesKey, metadata: unknown): void {
    if (!Array.isArray(metadata)) return;
    const memoryKey = seriesMemoryKey(key);
    const known = this.#sops.get(memoryKey) ?? new Set<string>();
    for (const instance of metadata as unknown[]) {
      const uid = sopInstanceUidOf(instance);
      if (uid !== undefined) known.add(uid);
    }
    if (known.size > 0) this.#sops.set(memoryKey, known);
  }

  /** `named` and the instances learnt for the series. */
  candidates(key: SeriesKey, named: readonly string[]): Set<string> {
    return new Set([...named, ...(this.#sops.get(seriesMemoryKey(key)) ?? [])]);
  }

  /** The series' frames the tier would serve, named: those of `candidates` only. */
  async name(
    key: SeriesKey,
    candidates: ReadonlySet<string>,
    tier: PersistentTier,
  ): Promise<StoredFrameInfo[]> {
    const keys = tier.keyring.records;
    const [records, hashes] = await Promise.all([
      keys.series(key).then((tuple) => tier.inventory(tuple)),
      Promise.all([...candidates].map(async (uid) => [await keys.sop(uid), uid] as const)),
    ]);
    const sopOf = new Map(hashes);
    return records.flatMap(({ key: [, , , sopHash, frame], transferSyntaxUid, plainLength }) => {
      const sopInstanceUid = sopOf.get(sopHash);
      if (sopInstanceUid === undefined) return [];
      return [
        { ...seriesOnly(key), sopInstanceUid, frame, transferSyntaxUid, length: plainLength },
      ];
    });
  }

  clear(): void {
    this.#sops.clear();
  }
}

function sopInstanceUidOf(instance: unknown): string | undefined {
  if (typeof instance !== 'object' || instance === null) return undefined;
  const element: unknown = Reflect.get(instance, '00080018');
  if (typeof element !== 'object' || element === null) return undefined;
  const value: unknown = Reflect.get(element, 'Value');
  const first: unknown = Array.isArray(value) ? (value as unknown[])[0] : undefined;
  return typeof first === 'string' ? first : undefined;
}
