/** The text key "txs" as canonical CBOR. */
const TXS_KEY = Uint8Array.of(0x63, 0x74, 0x78, 0x73);

/**
 * Each transaction's canonical bytes, cut from the bytes of its block as received (and strictly decoded, by the p2p
 * layer, into the block whose `count` transactions they are). Hashing and verifying these is exactly hashing and
 * verifying the re-encoded transactions — a strictly decoded item re-encodes to its own bytes — without the cost of
 * encoding every transaction again on the thread that executes blocks.
 *
 * The bytes were validated by the strict decoder already, so this only walks item heads to find boundaries; anything
 * unexpected (not a map with a "txs" array of `count` items) returns undefined, and the caller re-encodes.
 */
export function txEncodingsIn(blockBytes: Uint8Array, count: number): Uint8Array[] | undefined {
  try {
    const map = head(blockBytes, 0);
    if (map.major !== 5) return undefined;
    let at = map.next;
    for (let i = 0; i < map.arg; i++) {
      const keyEnd = skip(blockBytes, at);
      const isTxs = keyEnd - at === TXS_KEY.length && TXS_KEY.every((b, k) => blockBytes[at + k] === b);
      if (!isTxs) {
        at = skip(blockBytes, keyEnd);
        continue;
      }
      const array = head(blockBytes, keyEnd);
      if (array.major !== 4 || array.arg !== count) return undefined;
      const out: Uint8Array[] = [];
      let pos = array.next;
      for (let t = 0; t < count; t++) {
        const end = skip(blockBytes, pos);
        // A copy: a view would take its whole backing buffer (the received frame) along to a worker thread.
        out.push(blockBytes.slice(pos, end));
        pos = end;
      }
      return out;
    }
    return undefined;
  } catch {
    return undefined;
  }
}

/** The offset just past the (well-formed, definite-length) item at `at`. */
function skip(bytes: Uint8Array, at: number): number {
  const { major, arg, next } = head(bytes, at);
  switch (major) {
    case 2:
    case 3:
      if (next + arg > bytes.length) throw new RangeError('truncated');
      return next + arg;
    case 4:
    case 5: {
      let pos = next;
      for (let i = 0; i < (major === 5 ? 2 * arg : arg); i++) pos = skip(bytes, pos);
      return pos;
    }
    case 6:
      return skip(bytes, next);
    default:
      return next; // integers and simple values: the head is the item
  }
}

/** The major type, argument and end of the head of the CBOR item at `at`. */
function head(bytes: Uint8Array, at: number): { major: number; arg: number; next: number } {
  const initial = bytes[at];
  if (initial === undefined) throw new RangeError('truncated');
  const major = initial >> 5;
  const info = initial & 0x1f;
  if (info < 24) return { major, arg: info, next: at + 1 };
  if (info > 27) throw new RangeError('indefinite or reserved');
  const width = 1 << (info - 24);
  if (at + 1 + width > bytes.length) throw new RangeError('truncated');
  let arg = 0;
  for (let k = 1; k <= width; k++) arg = arg * 256 + bytes[at + k]!;
  return { major, arg, next: at + 1 + width };
}
