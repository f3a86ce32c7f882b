import { expect } from '@open-wc/testing';
import wasmUrl from '@cornerstonejs/codec-charls/decodewasm?url';

describe('test rig', () => {
  it('serves codec wasm through ?url imports', async () => {
    const response = await fetch(wasmUrl);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.subarray(0, 4)]).to.deep.equal([0, 0x61, 0x73, 0x6d]);
  });
});
