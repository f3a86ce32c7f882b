/**
 * How fast frame responses arrive: bytes over the time at least one request was in
 * flight (idle gaps between series do not dilute it). The scheduler asks it whether the
 * link is fast enough that per-request costs, not bytes, bound a series.
 */
export class LinkMeter {
  /** Responses are noisy until a few have come in. */
  static readonly MIN_BYTES = 512 * 1024;
  #inFlight = 0;
  #busySince = 0;
  #busyMs = 0;
  #bytes = 0;

  requestStarted(now = performance.now()): void {
    if (this.#inFlight++ === 0) this.#busySince = now;
  }

  requestEnded(now = performance.now()): void {
    if (--this.#inFlight === 0) this.#busyMs += now - this.#busySince;
  }

  received(bytes: number): void {
    this.#bytes += bytes;
  }

  /** Bytes per second so far, or undefined before MIN_BYTES have arrived. */
  bytesPerSecond(now = performance.now()): number | undefined {
    if (this.#bytes < LinkMeter.MIN_BYTES) return undefined;
    const ms = this.#busyMs + (this.#inFlight > 0 ? now - this.#busySince : 0);
    return ms > 0 ? (this.#bytes * 1000) / ms : undefined;
  }

  atLeast(bytesPerSecond: number, now = performance.now()): boolean {
    const measured = this.bytesPerSecond(now);
    return measured !== undefined && measured >= bytesPerSecond;
  }
}
