import type { Vr } from './dataset.js';
import { packedDictionary, packedRepeaters } from './dictionary.generated.js';
import { isVr } from './vr.js';

/**
 * A dictionary VR: a real VR, or one of PS3.6's ambiguous pairs which the reader resolves from
 * context (PS3.5 Annex A.1 c: in implicit VR, OB-or-OW is OW; US-or-SS follows Pixel Representation).
 */
export type DictionaryVr = Vr | 'US or SS' | 'OB or OW' | 'US or OW';

const AMBIGUOUS: Readonly<Record<string, DictionaryVr>> = {
  xs: 'US or SS',
  ox: 'OB or OW',
  xw: 'US or OW',
};

let table: Map<number, DictionaryVr> | undefined;
let repeaters:
  { readonly mask: number; readonly value: number; readonly vr: DictionaryVr }[] | undefined;

function toVr(code: string): DictionaryVr | undefined {
  return AMBIGUOUS[code] ?? (isVr(code) ? code : undefined);
}

function unpack(): Map<number, DictionaryVr> {
  const map = new Map<number, DictionaryVr>();
  for (const group of packedDictionary.split(';')) {
    const groupNumber = parseInt(group.slice(0, 4), 16);
    for (let i = 4; i + 6 <= group.length; i += 6) {
      const vr = toVr(group.slice(i + 4, i + 6));
      if (vr !== undefined)
        map.set(((groupNumber << 16) | parseInt(group.slice(i, i + 4), 16)) >>> 0, vr);
    }
  }
  return map;
}

function unpackRepeaters(): NonNullable<typeof repeaters> {
  return packedRepeaters.split(';').flatMap((entry) => {
    const pattern = entry.slice(0, 8);
    const vr = toVr(entry.slice(8));
    if (vr === undefined) return [];
    let mask = 0;
    let value = 0;
    for (const char of pattern) {
      mask = mask * 16 + (char === 'X' ? 0 : 15);
      value = value * 16 + (char === 'X' ? 0 : parseInt(char, 16));
    }
    return [{ mask, value, vr }];
  });
}

/** The dictionary VR of a tag (PS3.6), or undefined when the tag is unknown (private, or newer than the dictionary). */
export function dictionaryVr(tag: number): DictionaryVr | undefined {
  table ??= unpack();
  const known = table.get(tag);
  if (known !== undefined) return known;
  const group = tag >>> 16;
  const element = tag & 0xffff;
  // PS3.5 §7.2: group lengths are UL; PS3.5 §7.8.1: private creators (gggg,0010-00FF) are LO.
  if (element === 0) return 'UL';
  if (group % 2 === 1) return element >= 0x10 && element <= 0xff ? 'LO' : undefined;
  repeaters ??= unpackRepeaters();
  for (const repeater of repeaters) {
    if ((tag & repeater.mask) >>> 0 === repeater.value) return repeater.vr;
  }
  return undefined;
}
