import { expect } from '@open-wc/testing';
import { DecodeError } from '../dicom/errors.js';
import { assertEndsWithEoi } from './jpeg-header.js';

/** SOI, a few entropy-coded bytes, then `tail`. */
function codestream(...tail: number[]): Uint8Array {
  return new Uint8Array([0xff, 0xd8, 0x12, 0x34, 0x56, ...tail]);
}

describe('JPEG codestream completeness', () => {
  it('accepts EOI at the end, or followed by zero or 0xFF padding', () => {
    assertEndsWithEoi(codestream(0xff, 0xd9), 'JPEG-LS');
    assertEndsWithEoi(codestream(0xff, 0xd9, 0x00), 'JPEG-LS');
    assertEndsWithEoi(codestream(0xff, 0xd9, 0xff, 0xff, 0x00), 'JPEG-LS');
  });

  it('accepts one pad byte of any value that makes the fragment even (PS3.5 A.4)', () => {
    assertEndsWithEoi(codestream(0xff, 0xd9, 0x04), 'JPEG-LS');
  });

  it('refuses a codestream without EOI, or with a stray byte that does not even the length', () => {
    expect(() => {
      assertEndsWithEoi(codestream(0x77, 0x12), 'JPEG-LS');
    }).to.throw(DecodeError, /truncated/);
    expect(() => {
      assertEndsWithEoi(codestream(0x77, 0xff, 0xd9, 0x04), 'JPEG-LS');
    }).to.throw(DecodeError, /truncated/);
  });
});
