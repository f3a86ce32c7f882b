// A Svelte 5 + TypeScript vendor app: App.svelte uses the elements with typed properties and
// events (`courbaril/svelte`), checked by svelte-check, then built by `vite build` and run.
import 'courbaril/define';
import type {} from 'courbaril/svelte';
import { decodeFrame, parseDicom, type DicomDataset } from 'courbaril';
import { mount } from 'svelte';
import App from './App.svelte';

async function load(url: string): Promise<DicomDataset> {
  return parseDicom(await (await fetch(url)).arrayBuffer());
}

interface Shown {
  readonly quality: 'preview' | 'full';
  readonly renderPath: string | undefined;
}
let onShown: (shown: Shown) => void = () => undefined;

declare global {
  interface Window {
    consumer: {
      decode(url: string): Promise<{ rows: number; columns: number; pixels: number[] }>;
      show(url: string): Promise<Shown>;
    };
  }
}

const app = mount(App, {
  target: document.getElementById('root') ?? document.body,
  props: {
    onshown: (quality, renderPath) => {
      onShown({ quality, renderPath });
    },
  },
});

window.consumer = {
  async decode(url) {
    const frame = await decodeFrame(await load(url), 0);
    return { rows: frame.rows, columns: frame.columns, pixels: Array.from(frame.pixels) };
  },
  async show(url) {
    const dataset = await load(url);
    return new Promise<Shown>((resolve) => {
      onShown = resolve;
      app.show([dataset]);
    });
  },
};
document.body.dataset.ready = 'true';
