// An Angular vendor app (README, "Angular"): the elements from `courbaril/define`, a standalone
// component with CUSTOM_ELEMENTS_SCHEMA that binds [stack] and (cb-image-rendered). The test
// drives it through window.consumer.
import 'courbaril/define';
import { bootstrapApplication } from '@angular/platform-browser';
import { configureWorkers, decodeFrame, parseDicom, type DicomDataset } from 'courbaril';
import { ViewerComponent, type Shown } from './viewer.component';

// The Angular step (like esbuild's, whose bundler it uses): its build does not follow the
// package's new Worker(new URL(…)), so angular.json's "assets" copies dist/standalone/ to
// courbaril/ and this says where.
configureWorkers({ assetBase: new URL('courbaril/', document.baseURI) });

async function load(url: string): Promise<DicomDataset> {
  return parseDicom(await (await fetch(url)).arrayBuffer());
}

declare global {
  interface Window {
    consumer: {
      decode(url: string): Promise<{ rows: number; columns: number; pixels: number[] }>;
      show(url: string): Promise<Shown>;
    };
  }
}

void bootstrapApplication(ViewerComponent).then((app) => {
  const viewer = app.components[0]?.instance as ViewerComponent;
  window.consumer = {
    async decode(url) {
      const frame = await decodeFrame(await load(url), 0);
      return { rows: frame.rows, columns: frame.columns, pixels: Array.from(frame.pixels) };
    },
    async show(url) {
      return viewer.show([await load(url)]);
    },
  };
  document.body.dataset.ready = 'true';
});
