// @ts-check
// TextEncoder / TextDecoder for dist/inline.cjs (esbuild --inject, scripts/build-pkg.sh): the
// globals where they exist; otherwise (Jest's jsdom environment has neither) small UTF-8 codecs
// with the same results for what the package passes through them: encode replaces a lone
// surrogate with U+FFFD as TextEncoder does (bodies with lone surrogates never get here: core.js
// sends them as WTF-8, args.wtf8), and decode reads the UTF-8 the core writes, replacing an
// invalid byte with U+FFFD. Not used by any other build.
import { wtf8 } from './args.js';

const g = /** @type {any} */ (globalThis);

class Utf8Encoder {
  /** @param {string} s */
  encode(s = '') {
    let w = '';
    let from = 0;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c < 0xd800 || c > 0xdfff) continue;
      if (c <= 0xdbff && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
        i++;
        continue;
      }
      w += `${s.slice(from, i)}\ufffd`;
      from = i + 1;
    }
    return wtf8(from === 0 ? s : w + s.slice(from));
  }

  /** @param {string} s @param {Uint8Array} view */
  encodeInto(s, view) {
    const bytes = this.encode(s);
    if (bytes.length > view.length)
      throw new RangeError('huaweicloud-live-callback: encodeInto target too small');
    view.set(bytes);
    return { read: s.length, written: bytes.length };
  }
}

class Utf8Decoder {
  /** @param {Uint8Array} [bytes] */
  decode(bytes) {
    if (bytes === undefined) return '';
    let out = '';
    const n = bytes.length;
    for (let i = 0; i < n; ) {
      const b = bytes[i];
      let need = 0;
      let cp = 0;
      let min = 0;
      if (b < 0x80) {
        out += String.fromCharCode(b);
        i++;
        continue;
      }
      if (b >= 0xc2 && b <= 0xdf) {
        need = 1;
        cp = b & 0x1f;
        min = 0x80;
      } else if (b >= 0xe0 && b <= 0xef) {
        need = 2;
        cp = b & 0x0f;
        min = 0x800;
      } else if (b >= 0xf0 && b <= 0xf4) {
        need = 3;
        cp = b & 0x07;
        min = 0x10000;
      }
      let ok = need > 0 && i + need < n;
      for (let k = 1; ok && k <= need; k++) {
        const c = bytes[i + k];
        if ((c & 0xc0) !== 0x80) ok = false;
        else cp = (cp << 6) | (c & 0x3f);
      }
      if (!ok || cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
        out += '\ufffd';
        i++;
        continue;
      }
      out += String.fromCodePoint(cp);
      i += need + 1;
    }
    return out;
  }
}

export const TextEncoder = typeof g.TextEncoder === 'function' ? g.TextEncoder : Utf8Encoder;
export const TextDecoder = typeof g.TextDecoder === 'function' ? g.TextDecoder : Utf8Decoder;
