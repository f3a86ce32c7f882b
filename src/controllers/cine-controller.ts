import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface CineHost extends ReactiveControllerHost {
  index: number;
  readonly cineFps: number;
}

/** Cine: steps the stack at `cineFps`, wrapping at its end; stops when the host disconnects. */
export class CineController implements ReactiveController {
  private timer = 0;
  private running = false;

  constructor(
    private readonly host: CineHost,
    private readonly imageCount: () => number,
  ) {
    host.addController(this);
  }

  get playing(): boolean {
    return this.running;
  }

  hostDisconnected(): void {
    this.stop();
  }

  play(): void {
    if (this.running || this.imageCount() < 2) return;
    this.running = true;
    this.host.requestUpdate();
    const step = (): void => {
      if (!this.running) return;
      this.host.index = (this.host.index + 1) % this.imageCount();
      this.schedule(step);
    };
    this.schedule(step);
  }

  stop(): void {
    if (this.running) this.host.requestUpdate();
    this.running = false;
    clearTimeout(this.timer);
  }

  private schedule(step: () => void): void {
    this.timer = window.setTimeout(step, 1000 / Math.max(this.host.cineFps, 0.1));
  }
}
