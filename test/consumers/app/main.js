// The vendor's page, the same for every bundler: the elements from `courbaril/define`, the
// API from `courbaril`, nothing configured. The test drives it through window.consumer.
import 'courbaril/define';
import { decodeFrame, parseDicom } from 'courbaril';

async function load(url) {
  return parseDicom(await (await fetch(url)).arrayBuffer());
}

window.consumer = {
  async decode(url) {
    const frame = await decodeFrame(await load(url), 0);
    return { rows: frame.rows, columns: frame.columns, pixels: Array.from(frame.pixels) };
  },
  async show(url) {
    const viewport = document.querySelector('cb-viewport');
    const rendered = new Promise((resolve) => {
      viewport.addEventListener('cb-image-rendered', (event) => resolve(event.detail.quality), {
        once: true,
      });
    });
    viewport.stack = [await load(url)];
    return { quality: await rendered, renderPath: viewport.renderPath };
  },
};
document.body.dataset.ready = 'true';
