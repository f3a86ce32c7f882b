/**
 * Seed and length of a fuzz run. `npm test` runs a short, fixed-seed run; `npm run fuzz`
 * (scripts/test/fuzz.mjs) sets FUZZ_SEED and FUZZ_SCALE, which the browser asks the test rig
 * for ('fuzz-config'). A failure names its seed and the command that replays it.
 */
import { executeServerCommand } from '@web/test-runner-commands';
import fc from 'fast-check';

export interface FuzzSettings {
  readonly seed: number;
  /** Multiplies every property's run count (1 in `npm test`). */
  readonly scale: number;
}

/** The seed `npm test` uses: fixed, so the bounded run is the same on every machine. */
const DEFAULT_SETTINGS: FuzzSettings = { seed: 13, scale: 1 };

let settings: Promise<FuzzSettings> | undefined;

export function fuzzSettings(): Promise<FuzzSettings> {
  settings ??= executeServerCommand<Partial<FuzzSettings> | undefined, unknown>('fuzz-config').then(
    (answer) => ({ ...DEFAULT_SETTINGS, ...answer }),
    () => DEFAULT_SETTINGS,
  );
  return settings;
}

/**
 * fc.assert with the run's seed and `runs × scale` runs. On failure the error names the seed,
 * fast-check's counterexample and path, and the command that replays the run.
 */
export async function fuzz<T>(
  name: string,
  property: fc.IAsyncProperty<T>,
  runs: number,
): Promise<void> {
  const { seed, scale } = await fuzzSettings();
  try {
    await fc.assert(property, { seed, numRuns: Math.max(1, Math.round(runs * scale)) });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new Error(
      `Fuzz failure in ${name} (seed ${seed}); replay: FUZZ_SEED=${seed} FUZZ_SCALE=${scale} npm run fuzz\n${detail}`,
    );
  }
}
