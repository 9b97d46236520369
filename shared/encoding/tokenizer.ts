import { Token, Tokenizer, Type, type DecodeOptions } from 'cborg';

// Only for text that starts with a byte-order mark; scanCanonical has already refused invalid UTF-8.
const keepingBom = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * cborg's tokenizer, except that a text string starting with U+FEFF keeps it. cborg decodes non-ASCII text with a
 * default TextDecoder, which drops a leading byte-order mark: `64 ef bb bf 78` would decode to "x", a second accepted
 * encoding of the value whose canonical encoding is `61 78`, and a value no longer equal to the text that was signed.
 * Map keys are text tokens too, so they pass through here as well.
 */
export class TextTokenizer extends Tokenizer {
  constructor(bytes: Uint8Array, options: DecodeOptions) {
    // cborg's own decode does this conversion, but not for a tokenizer it is handed: byte strings are sliced from
    // this array, and a Buffer's slice would be a Buffer sharing the input's memory instead of a plain copy.
    super(
      bytes.constructor === Uint8Array ? bytes : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length),
      options,
    );
  }

  override next(): Token {
    const at = this._pos;
    const token = super.next();
    if (token.type !== Type.string) return token;
    const { data } = this;
    const info = data[at]! & 0x1f;
    // The content follows the head: 1 byte, or 1 + 1, 2, 4 or 8 for lengths from 24 on.
    const start = at + (info < 24 ? 1 : 1 + (1 << (info - 24)));
    const end = at + token.encodedLength!;
    if (end - start < 3 || data[start] !== 0xef || data[start + 1] !== 0xbb || data[start + 2] !== 0xbf) return token;
    const text = keepingBom.decode(data.subarray(start, end));
    return new Token(Type.string, text, token.encodedLength);
  }
}
