import { DicomwebTimeoutError, type DicomwebOperation } from './errors.js';

/** Passes chunks through; calls `onStall` when none arrives for `ms` (the timer runs only while the body is open). */
export function stallGuard(
  ms: number,
  onStall: () => void,
): TransformStream<Uint8Array, Uint8Array> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = (): void => {
    clearTimeout(timer);
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
