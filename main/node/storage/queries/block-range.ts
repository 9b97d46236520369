import { concatBytes } from '../../../../shared/crypto/index.ts';
import type { Database } from '../db.ts';

/** A CBOR head (major type + argument), canonical: the shortest form. */
function head(major: number, n: number): Uint8Array {
  const m = major << 5;
  if (n < 24) return Uint8Array.of(m | n);
  if (n < 0x100) return Uint8Array.of(m | 24, n);
  if (n < 0x10000) return Uint8Array.of(m | 25, n >> 8, n & 0xff);
  return Uint8Array.of(m | 26, (n >>> 24) & 0xff, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff);
}
const TXS_KEY = concatBytes(head(3, 3), new TextEncoder().encode('txs'));
const HEADER_KEY = concatBytes(head(3, 6), new TextEncoder().encode('header'));

/**
 * Committed blocks from..to as canonical block encodings with their commit certificates, built from the stored
 * bytes without decoding: a block is the map {txs, header} (canonical key order: shorter key first) of the stored
 * header and transaction encodings, which is exactly what blockCodec.encode produces. Stops before `maxBytes`.
 * Blocks without a certificate (none in a BFT network) end the range.
 */
export function blockRange(
  db: Database,
  from: number,
  to: number,
  maxBytes: number,
): { block: Uint8Array; commit: Uint8Array }[] {
  const blocks = db
    .prepare('SELECT height, header, commit_cert FROM blocks WHERE height BETWEEN ? AND ? ORDER BY height')
    .all(from, to) as { height: number; header: Uint8Array; commit_cert: Uint8Array | null }[];
  const txStmt = db.prepare('SELECT body FROM txs WHERE height = ? ORDER BY idx').pluck();
  const out: { block: Uint8Array; commit: Uint8Array }[] = [];
  let bytes = 0;
  for (const b of blocks) {
    if (b.commit_cert === null) break;
    const txs = txStmt.all(b.height) as Uint8Array[];
    const block = concatBytes(Uint8Array.of(0xa2), TXS_KEY, head(4, txs.length), ...txs, HEADER_KEY, b.header);
    if (out.length > 0 && bytes + block.length + b.commit_cert.length > maxBytes) break;
    bytes += block.length + b.commit_cert.length;
    out.push({ block, commit: b.commit_cert });
  }
  return out;
}
