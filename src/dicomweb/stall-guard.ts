import { DicomwebStallError, DicomwebTimeoutError, type DicomwebOperation } from './errors.js';
import type { StallClock } from './stall-clock.js';

/**
 * Passes chunks through; calls `onStall` when none arrives for `ms` (the timer runs only while
 * the body is open). `onComplete`, when the body ends normally, gets the longest wait for a
 * chunk (from the start, then between chunks): what a StallClock learns the link from.
 */
export function stallGuard(
  ms: number,
  onStall: () => void,
  onComplete?: (longestPauseMs: number) => void,
): TransformStream<Uint8Array, Uint8Array> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last = 0;
  let longest = 0;
  const arm = (): void => {
    clearTimeout(timer);
    const now = performance.now();
    if (last > 0) longest = Math.max(longest, now - last);
    last = now;
    timer = setTimeout(onStall, ms);
  };
  return new TransformStream({
    start: arm,
    transform(chunk, controller) {
      arm();
      controller.enqueue(chunk);
    },
    flush() {
      clearTimeout(timer);
      onComplete?.(longest);
    },
  });
}

/**
 * `body`, erroring with DicomwebTimeoutError when no chunk arrives for `ms` (the source is then
 * cancelled, which closes the connection). For bodies read without their request's signal at hand.
 */
export function withStallTimeout(
  body: ReadableStream<Uint8Array>,
  ms: number,
  operation: DicomwebOperation,
): ReadableStream<Uint8Array> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let arm = (): void => undefined;
  const guard = new TransformStream<Uint8Array, Uint8Array>({
    start(controller) {
      arm = () => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          controller.error(new DicomwebTimeoutError(operation, ms));
        }, ms);
      };
      arm();
    },
    transform(chunk, controller) {
      arm();
      controller.enqueue(chunk);
    },
    flush() {
      clearTimeout(timer);
    },
  });
  return body.pipeThrough(guard);
}

export interface GuardedBody {
  readonly body: ReadableStream<Uint8Array>;
  /** The reader is done with the body (a late timer must not abort anything). */
  finish(): void;
}

/**
 * `body` cut through `watchdog` (DicomwebStallError as the reason, which the body's reader then
 * throws) when it stalls for `clock`'s timeout; a body that completes teaches the clock its pauses.
 */
export function guardBody(
  body: ReadableStream<Uint8Array>,
  clock: StallClock,
  watchdog: AbortController,
  operation: DicomwebOperation,
): GuardedBody {
  let finished = false;
  const ms = clock.timeoutMs;
  const guarded = body.pipeThrough(
    stallGuard(
      ms,
      () => {
        if (!finished) watchdog.abort(new DicomwebStallError(operation, ms));
      },
      (pause) => {
        clock.completed(pause);
      },
    ),
  );
  return {
    body: guarded,
    finish: () => {
      finished = true;
    },
  };
}
