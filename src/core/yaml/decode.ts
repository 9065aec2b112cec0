/**
 * A file's bytes to text: strict UTF-8, a BOM dropped, and a TOP001 on the first bytes that
 * are not UTF-8 (they are decoded as U+FFFD, never replaced silently).
 */
import type { Diagnostic } from '../types';
import { spanInText, top001 } from './parse';

/** Byte index of the first byte that doesn't start a well-formed UTF-8 sequence, or -1. */
function firstInvalidUtf8(bytes: Uint8Array, from: number): number {
  const n = bytes.length;
  let i = from;
  while (i < n) {
    const b = bytes[i] ?? 0;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b === 0xe0) { need = 2; lo = 0xa0; }
    else if ((b >= 0xe1 && b <= 0xec) || b === 0xee || b === 0xef) need = 2;
    else if (b === 0xed) { need = 2; hi = 0x9f; }
    else if (b === 0xf0) { need = 3; lo = 0x90; }
    else if (b >= 0xf1 && b <= 0xf3) need = 3;
    else if (b === 0xf4) { need = 3; hi = 0x8f; }
    else return i;
    if (i + need >= n) return i;
    const b1 = bytes[i + 1] ?? 0;
    if (b1 < lo || b1 > hi) return i;
    for (let k = 2; k <= need; k++) {
      const bk = bytes[i + k] ?? 0;
      if (bk < 0x80 || bk > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}

/**
 * Decode a file's bytes as UTF-8. A BOM is dropped (as editors do, so that positions
 * match theirs). When the bytes are not valid UTF-8, `text` is the lossy decoding (with
 * U+FFFD) and `invalidAt` the offset in `text` of the first bad sequence, for a TOP001
 * (see `invalidUtf8Diagnostic`): nothing is replaced silently.
 */
export function decodeUtf8(bytes: Uint8Array): { text: string; invalidAt: number | undefined } {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const body = bytes.subarray(bom);
  const bad = firstInvalidUtf8(body, 0);
  const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
  const text = decoder.decode(body);
  if (bad < 0) return { text, invalidAt: undefined };
  // A valid prefix decodes to the same UTF-16 text whether alone or in the whole.
  const invalidAt = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(body.subarray(0, bad)).length;
  return { text, invalidAt };
}

/** TOP001 for bytes that are not UTF-8, on the first replaced character. */
export function invalidUtf8Diagnostic(text: string, invalidAt: number): Diagnostic {
  return top001(
    'the file is not valid UTF-8: the bytes here are not a UTF-8 character (they are shown as \uFFFD); save the file as UTF-8',
    spanInText(text, invalidAt, invalidAt + 1),
  );
}
