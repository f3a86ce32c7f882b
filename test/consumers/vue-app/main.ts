// A Vue 3 + TypeScript vendor app: the elements in Viewer.vue's template with typed properties
// and events (`courbaril/vue` declares them in Vue's GlobalComponents), checked by
// `vue-tsc --noEmit`, then built by `vite build` with vite.config.ts (README, "Vue 3") and run.
import 'courbaril/define';
import type {} from 'courbaril/vue';
import { decodeFrame, parseDicom, type DicomDataset } from 'courbaril';
import { createApp, h, shallowRef } from 'vue';
import Viewer from './Viewer.vue';

async function load(url: string): Promise<DicomDataset> {
  return parseDicom(await (await fetch(url)).arrayBuffer());
}

interface Shown {
  readonly quality: 'preview' | 'full';
  readonly renderPath: string | undefined;
}
// shallowRef: the datasets reach the element as they are, not as Vue proxies.
const stack = shallowRef<DicomDataset[]>([]);
let onShown: (shown: Shown) => void = () => undefined;

declare global {
  interface Window {
    consumer: {
      decode(url: string): Promise<{ rows: number; columns: number; pixels: number[] }>;
      show(url: string): Promise<Shown>;
    };
  }
}

window.consumer = {
  async decode(url) {
    const frame = await decodeFrame(await load(url), 0);
    return { rows: frame.rows, columns: frame.columns, pixels: Array.from(frame.pixels) };
  },
  async show(url) {
    const dataset = await load(url);
    return new Promise<Shown>((resolve) => {
      onShown = resolve;
      stack.value = [dataset];
    });
  },
};

createApp({
  render: () =>
    h(Viewer, {
      stack: stack.value,
      onShown: (quality: Shown['quality'], renderPath: string | undefined) =>
        onShown({ quality, renderPath }),
    }),
}).mount('#root');
document.body.dataset.ready = 'true';
