import { DecodeError } from '../dicom/errors.js';

const SOC = 0xff4f;
const SIZ = 0xff51;
const COD = 0xff52;
const SOT = 0xff90;
const EOC = 0xffd9;
/** SOT (12 bytes) + SOD (2 bytes): the shortest tile-part header (ISO/IEC 15444-1 A.4.2). */
const MIN_TILE_PART_HEADER = 14;

/** What the main header and tile-part headers of a (possibly truncated) codestream say. */
export interface CodestreamLayout {
  /** Decomposition levels of the default coding style (COD SPcod, ISO/IEC 15444-1 A.6.1). */
  readonly decompositions: number;
  /** The codestream ends with EOC after its last tile-part: nothing is missing. */
  readonly complete: boolean;
  /** Bytes of tile data present over the bytes the tile-part headers announce (0…1). */
  readonly availableFraction: number;
}

interface Inspection extends CodestreamLayout {
  readonly soc: number;
  /** Offset of the tile-part cut by the end of the data (complete === false). */
  readonly cutTilePart: number;
  /** Its Psot: the length that tile-part should have had. */
  readonly cutTilePartLength: number;
}

/**
 * Walks the marker segments of a JPEG 2000 / HTJ2K codestream prefix without decoding it.
 * Throws DecodeError when the main header itself is incomplete or the layout cannot be
 * completed for a preview (several tiles, or a truncated tile-part whose Psot is 0).
 */
export function inspectCodestream(bytes: Uint8Array, codec: string): CodestreamLayout {
  return inspect(bytes, codec);
}

/**
 * Throws DecodeError unless the codestream is whole: every tile-part its Psot announces, then
 * EOC (ISO/IEC 15444-1 A.4.2, A.3). The decoders fill what is missing from a cut codestream
 * with zeros and report success, so a full decode of a truncated frame would look like a whole
 * image; a preview is asked for explicitly (decodePreview), never given silently.
 */
export function assertCompleteCodestream(bytes: Uint8Array, codec: string): void {
  let complete: boolean;
  try {
    complete = inspect(bytes, codec).complete;
  } catch (error) {
    if (!(error instanceof DecodeError)) throw error;
    complete = false;
  }
  if (!complete)
    throw new DecodeError(`${codec}: the codestream is truncated (no EOC after its tiles)`);
}

function inspect(bytes: Uint8Array, codec: string): Inspection {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number): number => (at + 2 <= bytes.length ? view.getUint16(at) : -1);
  const u32 = (at: number): number => (at + 4 <= bytes.length ? view.getUint32(at) : -1);
  let soc = -1;
  for (let i = 0; i + 1 < Math.min(bytes.length, 4096); i += 1) {
    if (u16(i) === SOC) {
      soc = i;
      break;
    }
  }
  if (soc < 0) throw tooLittle(codec, 'no SOC marker');
  let at = soc + 2;
  let decompositions = -1;
  let singleTile = true;
  // Main header: marker segments, each with its own length, up to the first SOT (A.4).
  for (;;) {
    const marker = u16(at);
    if (marker < 0) throw tooLittle(codec, 'the main header is incomplete');
    if (marker === SOT) break;
    if (marker >>> 8 !== 0xff) throw new DecodeError(`${codec}: corrupt main header`);
    const length = u16(at + 2);
    if (length < 2 || at + 2 + length > bytes.length) {
      throw tooLittle(codec, 'the main header is incomplete');
    }
    if (marker === SIZ) {
      const xsiz = u32(at + 6);
      const ysiz = u32(at + 10);
      const xtsiz = u32(at + 22);
      const ytsiz = u32(at + 26);
      const xtosiz = u32(at + 30);
      const ytosiz = u32(at + 34);
      singleTile = xtosiz + xtsiz >= xsiz && ytosiz + ytsiz >= ysiz;
    } else if (marker === COD) {
      decompositions = bytes[at + 9] ?? -1;
    }
    at += 2 + length;
  }
  if (decompositions < 0) throw new DecodeError(`${codec}: no COD marker in the main header`);
  // Tile-parts: Psot (A.4.2) is the length of the whole tile-part from its SOT.
  const firstTilePart = at;
  for (;;) {
    const marker = u16(at);
    if (marker === EOC) return whole(soc, decompositions, true);
    if (marker === -1 || (marker === SOT && at + MIN_TILE_PART_HEADER > bytes.length)) {
      if (at === firstTilePart) throw tooLittle(codec, 'no tile data has arrived');
      // Cut between tile-parts (or inside a tile-part header): what came before is whole.
      return { ...whole(soc, decompositions, false), cutTilePart: at, cutTilePartLength: 0 };
    }
    if (marker !== SOT) throw new DecodeError(`${codec}: expected a tile-part (SOT) marker`);
    const psot = u32(at + 6);
    if (psot !== 0 && psot < MIN_TILE_PART_HEADER) {
      throw new DecodeError(`${codec}: tile-part length ${psot} is too short`);
    }
    if (psot !== 0 && at + psot <= bytes.length) {
      at += psot;
      continue;
    }
    if (psot === 0) {
      // Psot 0: the last tile-part runs to EOC, so its missing length is unknown.
      if (u16(bytes.length - 2) === EOC) return whole(soc, decompositions, true);
      throw tooLittle(codec, 'the truncated tile-part does not announce its length');
    }
    if (!singleTile) throw tooLittle(codec, 'a partial multi-tile codestream cannot be previewed');
    return {
      soc,
      decompositions,
      complete: false,
      availableFraction: (bytes.length - at) / psot,
      cutTilePart: at,
      cutTilePartLength: psot,
    };
  }
}

function whole(soc: number, decompositions: number, complete: boolean): Inspection {
  return {
    soc,
    decompositions,
    complete,
    availableFraction: 1,
    cutTilePart: -1,
    cutTilePartLength: 0,
  };
}

function tooLittle(codec: string, why: string): DecodeError {
  return new DecodeError(`${codec}: too little of the codestream to decode a preview (${why})`);
}

export interface PreparedCodestream extends CodestreamLayout {
  /** A well-formed codestream the decoders accept in their strict modes. */
  readonly bytes: Uint8Array;
}

/**
 * Makes a truncated codestream decodable. OpenJPEG's strict mode (the default the codec
 * package runs in) rejects a tile-part shorter than its Psot; instead of cutting, the missing
 * tail of the cut tile-part is filled with zero bytes and EOC appended. Zero bytes read as
 * empty packet headers (a 0 "packet present" bit, ISO/IEC 15444-1 B.10.3) and as code-block
 * data that only touches the packet being received when the data stopped; every packet
 * wholly received decodes exactly as in the full codestream. Resolution-major progressions
 * (LRCP with one layer, RLCP, RPCL) send the low resolutions first, so a reduced-resolution
 * decode of a prefix is exact once those packets are in.
 */
export function prepareCodestream(bytes: Uint8Array, codec: string): PreparedCodestream {
  const layout = inspect(bytes, codec);
  const { soc, cutTilePart, cutTilePartLength } = layout;
  const summary = {
    decompositions: layout.decompositions,
    complete: layout.complete,
    availableFraction: layout.availableFraction,
  };
  if (layout.complete) return { ...summary, bytes: soc === 0 ? bytes : bytes.subarray(soc) };
  // Cut between tile-parts: keep the whole ones. Cut inside one: keep it, padded to Psot.
  const kept = cutTilePartLength === 0 ? cutTilePart : cutTilePart + cutTilePartLength;
  const out = new Uint8Array(kept - soc + 2);
  out.set(bytes.subarray(soc, Math.min(bytes.length, kept)));
  out[out.length - 2] = 0xff;
  out[out.length - 1] = 0xd9;
  // TNsot 0 ("number of tile-parts not given", A.4.2): later tile-parts are not coming.
  const view = new DataView(out.buffer);
  for (let at = firstSot(out); at >= 0 && at + 12 <= out.length - 2;) {
    out[at + 11] = 0;
    const psot = view.getUint32(at + 6);
    if (psot === 0) break;
    at += psot;
  }
  return { ...summary, bytes: out };
}

/** The first SOT after the main header of a codestream starting with SOC. */
function firstSot(bytes: Uint8Array): number {
  for (let i = 2; i + 3 < bytes.length;) {
    if (bytes[i] !== 0xff) return -1;
    if (bytes[i + 1] === 0x90) return i;
    i += 2 + (((bytes[i + 2] ?? 0) << 8) | (bytes[i + 3] ?? 0));
  }
  return -1;
}

/**
 * A reduced-resolution decode of a JPEG 2000 image at level L reads about 4^-L of its coded
 * bytes (each level halves both dimensions). Mammograms compress their empty background
 * better than tissue, so the low resolutions weigh a little more: ask for 1.5× the share.
 */
const SHARE_MARGIN = 1.5;

/**
 * The decomposition level to decode: the requested one (clamped to what the codestream has),
 * else the finest level (≥ 1) whose share of the codestream has probably arrived.
 */
export function chooseResolutionLevel(
  layout: CodestreamLayout,
  codec: string,
  requested?: number,
): number {
  const deepest = layout.decompositions;
  if (requested !== undefined) return Math.max(0, Math.min(deepest, Math.floor(requested)));
  if (deepest === 0) {
    if (layout.complete) return 0;
    throw tooLittle(codec, 'the codestream has no wavelet decomposition');
  }
  for (let level = 1; level <= deepest; level += 1) {
    if (layout.availableFraction >= SHARE_MARGIN * 4 ** -level) return level;
  }
  if (layout.availableFraction >= 4 ** -deepest) return deepest;
  throw tooLittle(codec, 'not even the lowest resolution has arrived');
}
