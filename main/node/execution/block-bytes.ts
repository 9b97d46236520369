import { itemHead as head, skipItem as skip } from '../../../shared/encoding/index.ts';

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
