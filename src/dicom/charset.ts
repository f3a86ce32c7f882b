/**
 * Specific Character Set (0008,0005) decoding, PS3.3 §C.12.1.1.2 and PS3.5 §6.1.
 * Single-byte and multi-byte sets without code extensions decode with one TextDecoder;
 * ISO 2022 code extensions switch decoders at each escape sequence.
 */

/** WHATWG labels (as Chromium's TextDecoder knows them) for the terms without code extensions. */
const PLAIN_TERMS: Readonly<Record<string, string>> = {
  'ISO_IR 6': 'latin1',
  'ISO_IR 100': 'latin1',
  'ISO_IR 101': 'iso-8859-2',
  'ISO_IR 109': 'iso-8859-3',
  'ISO_IR 110': 'iso-8859-4',
  'ISO_IR 144': 'iso-8859-5',
  'ISO_IR 127': 'iso-8859-6',
  'ISO_IR 126': 'iso-8859-7',
  'ISO_IR 138': 'iso-8859-8',
  'ISO_IR 148': 'iso-8859-9',
  'ISO_IR 203': 'iso-8859-15',
  'ISO_IR 13': 'shift_jis',
  'ISO_IR 166': 'windows-874',
  'ISO_IR 192': 'utf-8',
  GB18030: 'gb18030',
  GBK: 'gbk',
};

type G0 = 'ascii' | 'jis-x-0208' | 'jis-x-0212';

interface Designation {
  readonly g0?: G0;
  /** Decoder for bytes with the high bit set (G1), and whether it takes byte pairs. */
  readonly g1?: string;
}

/** ISO 2022 terms (PS3.3 Table C.12-3/-4) by the designation value 1 sets up. */
const ISO2022_TERMS: Readonly<Record<string, Designation>> = {
  'ISO 2022 IR 6': { g0: 'ascii' },
  'ISO 2022 IR 100': { g1: 'latin1' },
  'ISO 2022 IR 101': { g1: 'iso-8859-2' },
  'ISO 2022 IR 109': { g1: 'iso-8859-3' },
  'ISO 2022 IR 110': { g1: 'iso-8859-4' },
  'ISO 2022 IR 144': { g1: 'iso-8859-5' },
  'ISO 2022 IR 127': { g1: 'iso-8859-6' },
  'ISO 2022 IR 126': { g1: 'iso-8859-7' },
  'ISO 2022 IR 138': { g1: 'iso-8859-8' },
  'ISO 2022 IR 148': { g1: 'iso-8859-9' },
  'ISO 2022 IR 203': { g1: 'iso-8859-15' },
  'ISO 2022 IR 13': { g1: 'shift_jis' },
  'ISO 2022 IR 166': { g1: 'windows-874' },
  'ISO 2022 IR 87': { g0: 'jis-x-0208' },
  'ISO 2022 IR 159': { g0: 'jis-x-0212' },
  'ISO 2022 IR 149': { g1: 'euc-kr' },
  'ISO 2022 IR 58': { g1: 'gb18030' },
};

/** Escape sequences (without the ESC byte) and what they designate. */
const ESCAPES: readonly (readonly [string, Designation])[] = [
  ['(B', { g0: 'ascii' }],
  ['(J', { g0: 'ascii' }],
  ['$B', { g0: 'jis-x-0208' }],
  ['$@', { g0: 'jis-x-0208' }],
  ['$(D', { g0: 'jis-x-0212' }],
  [')I', { g1: 'shift_jis' }],
  ['-A', { g1: 'latin1' }],
  ['-B', { g1: 'iso-8859-2' }],
  ['-C', { g1: 'iso-8859-3' }],
  ['-D', { g1: 'iso-8859-4' }],
  ['-L', { g1: 'iso-8859-5' }],
  ['-G', { g1: 'iso-8859-6' }],
  ['-F', { g1: 'iso-8859-7' }],
  ['-H', { g1: 'iso-8859-8' }],
  ['-M', { g1: 'iso-8859-9' }],
  ['-b', { g1: 'iso-8859-15' }],
  ['-T', { g1: 'windows-874' }],
  ['$)C', { g1: 'euc-kr' }],
  ['$)A', { g1: 'gb18030' }],
];

const ESC = 0x1b;
const decoders = new Map<string, TextDecoder>();

/** TextDecoder's 'latin1' is windows-1252; ISO-IR 100 maps 0x80–0x9F to C1 controls, so decode by hand. */
function decodeRun(label: string, bytes: Uint8Array | number[]): string {
  if (label === 'latin1') {
    let text = '';
    for (const byte of bytes) text += String.fromCharCode(byte);
    return text;
  }
  let decoder = decoders.get(label);
  if (decoder === undefined) {
    decoder = new TextDecoder(label);
    decoders.set(label, decoder);
  }
  return decoder.decode(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes));
}

/** PS3.5 §6.1.2.5.3: after these, the designations of value 1 are in force again. */
function isResetDelimiter(byte: number, personName: boolean): boolean {
  return (
    byte === 0x5c ||
    byte === 0x0d ||
    byte === 0x0a ||
    byte === 0x09 ||
    byte === 0x0c ||
    (personName && (byte === 0x5e || byte === 0x3d))
  );
}

export class SpecificCharacterSet {
  private readonly plainLabel: string | undefined;
  private readonly initial: Required<Designation>;

  /** `terms`: the values of (0008,0005), in order (empty for the default repertoire). */
  constructor(rawTerms: readonly string[]) {
    const terms = rawTerms.map(normaliseTerm);
    const first = terms[0] ?? '';
    const usesExtensions = terms.some((term) => term.startsWith('ISO 2022'));
    this.plainLabel = usesExtensions ? undefined : (PLAIN_TERMS[first] ?? 'latin1');
    const designation = ISO2022_TERMS[first] ?? {};
    this.initial = { g0: designation.g0 ?? 'ascii', g1: designation.g1 ?? 'latin1' };
  }

  /** Decodes a whole value (all its backslash-separated values); `personName` adds PN's delimiters. */
  decode(bytes: Uint8Array, personName: boolean): string {
    if (this.plainLabel !== undefined) return decodeRun(this.plainLabel, bytes);
    return this.decodeIso2022(bytes, personName);
  }

  private decodeIso2022(bytes: Uint8Array, personName: boolean): string {
    let g0 = this.initial.g0;
    let g1 = this.initial.g1;
    let text = '';
    let run: number[] = [];
    let runLabel = 'latin1';
    const emit = (label: string, ...values: number[]): void => {
      if (label !== runLabel && run.length > 0) {
        text += decodeRun(runLabel, run);
        run = [];
      }
      runLabel = label;
      run.push(...values);
    };
    let i = 0;
    while (i < bytes.length) {
      const byte = bytes[i] ?? 0;
      if (byte === ESC) {
        const match = ESCAPES.find(([sequence]) => matchesAt(bytes, i + 1, sequence));
        if (match !== undefined) {
          g0 = match[1].g0 ?? g0;
          g1 = match[1].g1 ?? g1;
          i += 1 + match[0].length;
          continue;
        }
      }
      if (g0 !== 'ascii' && byte >= 0x21 && byte <= 0x7e) {
        // JIS X 0208 / 0212 in G0 are 94×94 sets of byte pairs; EUC-JP is the same table with the high bit set.
        const second = bytes[i + 1] ?? 0x21;
        if (g0 === 'jis-x-0212') emit('euc-jp', 0x8f, byte | 0x80, second | 0x80);
        else emit('euc-jp', byte | 0x80, second | 0x80);
        i += 2;
        continue;
      }
      if (byte >= 0x80) {
        if (g1 === 'euc-kr' || g1 === 'gb18030') {
          emit(g1, byte, bytes[i + 1] ?? 0xa1);
          i += 2;
        } else {
          emit(g1, byte);
          i += 1;
        }
        continue;
      }
      emit(runLabel, byte);
      if (isResetDelimiter(byte, personName)) {
        g0 = this.initial.g0;
        g1 = this.initial.g1;
      }
      i += 1;
    }
    if (run.length > 0) text += decodeRun(runLabel, run);
    return text;
  }
}

/** Common misspellings seen in the wild ("ISO-IR 100", "ISO_IR100", "UTF-8"), as pydicom also accepts. */
function normaliseTerm(term: string): string {
  const trimmed = term.trim().toUpperCase();
  if (trimmed === 'UTF-8' || trimmed === 'UTF8') return 'ISO_IR 192';
  const plain = /^ISO[-_ ]?IR[-_ ]?(\d+)$/.exec(trimmed);
  if (plain?.[1] !== undefined) return `ISO_IR ${plain[1]}`;
  const extension = /^ISO[-_ ]?2022[-_ ]?IR[-_ ]?(\d+)$/.exec(trimmed);
  if (extension?.[1] !== undefined) return `ISO 2022 IR ${extension[1]}`;
  return trimmed;
}

function matchesAt(bytes: Uint8Array, start: number, sequence: string): boolean {
  for (let k = 0; k < sequence.length; k++) {
    if (bytes[start + k] !== sequence.charCodeAt(k)) return false;
  }
  return true;
}

/** The default repertoire (no (0008,0005)). */
export const DEFAULT_CHARACTER_SET = new SpecificCharacterSet([]);
