import { Component, CUSTOM_ELEMENTS_SCHEMA, signal } from '@angular/core';
import type { DicomDataset, ImageRenderedEvent } from 'courbaril';

export interface Shown {
  readonly quality: 'preview' | 'full';
  readonly renderPath: string | undefined;
}

/** The README's recipe: CUSTOM_ELEMENTS_SCHEMA, a property binding and an event binding. */
@Component({
  selector: 'app-root',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `<cb-viewport
    [stack]="datasets()"
    overlay="off"
    style="display: block; width: 128px; height: 128px"
    (cb-image-rendered)="onRendered($event)"
  ></cb-viewport>`,
})
export class ViewerComponent {
  readonly datasets = signal<DicomDataset[]>([]);
  private resolveShown: (shown: Shown) => void = () => undefined;

  /** Sets the stack through Angular's binding; resolves on the element's event, as Angular delivers it. */
  show(stack: DicomDataset[]): Promise<Shown> {
    const shown = new Promise<Shown>((resolve) => (this.resolveShown = resolve));
    this.datasets.set(stack);
    return shown;
  }

  onRendered(event: Event): void {
    const { detail } = event as ImageRenderedEvent;
    const viewport = event.currentTarget as HTMLElementTagNameMap['cb-viewport'];
    this.resolveShown({ quality: detail.quality, renderPath: viewport.renderPath });
  }
}
