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
