import type { LedgerEvent } from '../../../shared/domain/index.ts';
import { encodeCanonical, type CborValue } from '../../../shared/encoding/index.ts';
import { HashTag, taggedHash } from '../../../shared/crypto/index.ts';
import type { TxResult } from './interface.ts';
import type { Write } from './overlay.ts';

/**
 * The app hash chains every block's state changes:
 *   appHash(h) = H_state( {prev: appHash(h−1), height: h, writes: digest of the block's sorted net writes,
 *                          results: digest of the transactions' result codes,
 *                          events: digest of the block events (end-of-block phase), present only when non-empty} )
 * Two nodes with the same genesis that executed the same blocks agree on it; any divergence in any write or result
 * shows at the block where it happened. Result messages are left out: they are for people and may be reworded.
 */
export function nextAppHash(
  chainId: string,
  previous: Uint8Array,
  height: number,
  writes: readonly { key: string; value: Write }[],
  results: readonly TxResult[],
  blockEvents: readonly LedgerEvent[] = [],
): Uint8Array {
  const writesDigest = taggedHash(HashTag.STATE, chainId, encodeCanonical(writes.map((w) => [w.key, w.value])));
  const resultsDigest = taggedHash(HashTag.STATE, chainId, encodeCanonical(results.map((r) => r.code)));
  // Block events join the hash only when there are some, so blocks without end-of-block work keep their hashes.
  const events =
    blockEvents.length === 0
      ? {}
      : { events: taggedHash(HashTag.STATE, chainId, encodeCanonical(blockEvents as unknown as CborValue)) };
  return taggedHash(
    HashTag.STATE,
    chainId,
    encodeCanonical({ prev: previous, height, writes: writesDigest, results: resultsDigest, ...events }),
  );
}
