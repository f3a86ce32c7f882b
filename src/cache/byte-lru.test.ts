import { expect } from '@open-wc/testing';
import { ByteLru } from './byte-lru.js';

const bytesOf = (value: Uint8Array): number => value.byteLength;

describe('ByteLru', () => {
  it('never holds more bytes than its budget, evicting the least recently used first', () => {
    const evicted: string[] = [];
    const lru = new ByteLru<Uint8Array>(1000, bytesOf, (key) => evicted.push(key));
    lru.set('a', new Uint8Array(400));
    lru.set('b', new Uint8Array(400));
    expect(lru.get('a')).to.have.length(400);
    lru.set('c', new Uint8Array(400));
    expect(evicted).to.deep.equal(['b']);
    expect(lru.bytes).to.equal(800);
    expect(lru.keys()).to.deep.equal(['a', 'c']);
  });

  it('counts bytes, not entries: one large value displaces many small ones', () => {
    const lru = new ByteLru<Uint8Array>(1000, bytesOf);
    for (let i = 0; i < 10; i += 1) lru.set(`small${i}`, new Uint8Array(90));
    lru.set('large', new Uint8Array(900));
    expect(lru.size).to.equal(2);
    expect(lru.has('small9')).to.equal(true);
    expect(lru.bytes).to.equal(990);
  });

  it('refuses a value larger than the whole budget without evicting anything', () => {
    const lru = new ByteLru<Uint8Array>(100, bytesOf);
    lru.set('kept', new Uint8Array(50));
    expect(lru.set('huge', new Uint8Array(101))).to.equal(false);
    expect(lru.keys()).to.deep.equal(['kept']);
  });

  it('replacing a key adjusts the byte count instead of adding to it', () => {
    const lru = new ByteLru<Uint8Array>(1000, bytesOf);
    lru.set('a', new Uint8Array(600));
    lru.set('a', new Uint8Array(300));
    expect(lru.bytes).to.equal(300);
    lru.deleteWhere((key) => key === 'a');
    expect(lru.bytes).to.equal(0);
  });
});
