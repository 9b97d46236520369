import type { Stream } from '@libp2p/interface';
import { lpStream } from '@libp2p/utils';
import { equalBytes } from '../../../shared/crypto/index.ts';
import { blockCodec, blockHash, commitCertificateCodec } from '../../../shared/domain/index.ts';
import { EncodingError } from '../../../shared/encoding/index.ts';
import type { Logger } from '../log.ts';
import { Offence, P2PError, P2PErrorCode } from './errors.ts';
import { offenceOf } from './inbound.ts';
import type { BlockSource, P2PLimits, SyncedBlock } from './interface.ts';
import { MAX_FRAME_BYTES, readBufferBytes } from './protocols.ts';
import { syncBlockCodec, syncRequestCodec } from './wire.ts';

/**
 * Block sync, request/response on a fresh stream per request (requests are rare and large, unlike gossip):
 *   requester → one frame {from, to}, then closes its write side;
 *   server    → one frame {block, commit} per block, consecutive from `from`, then closes.
 * The server sends at most syncMaxBlocks blocks and syncMaxBytes bytes; fewer (even none) when it has fewer.
 */

type SyncLimits = Pick<P2PLimits, 'syncMaxBlocks' | 'syncMaxBytes' | 'syncTimeoutMs'>;

const REQUEST_FRAME_BYTES = 64;

/** Serves one request. Resolves with the offence of a requester that sent garbage, else undefined. */
export async function serveSync(
  stream: Stream,
  source: BlockSource,
  limits: SyncLimits,
  log: Logger,
): Promise<Offence | undefined> {
  const signal = AbortSignal.timeout(limits.syncTimeoutMs);
  const lp = lpStream(stream, { maxDataLength: REQUEST_FRAME_BYTES, maxBufferSize: 4096 });
  let from: number;
  let to: number;
  try {
    const request = syncRequestCodec.decode((await lp.read({ signal })).subarray());
    from = request.from;
    to = Math.min(request.to, request.from + limits.syncMaxBlocks - 1);
  } catch (err) {
    stream.abort(err instanceof Error ? err : new Error(String(err)));
    return err instanceof EncodingError ? Offence.MALFORMED : offenceOf(err);
  }
  try {
    let bytes = 0;
    let count = 0;
    for (const entry of source.blocks(from, to, limits.syncMaxBytes)) {
      bytes += entry.block.length + entry.commit.length;
      if (++count > limits.syncMaxBlocks || bytes > limits.syncMaxBytes) break;
      await lp.write(syncBlockCodec.encode(entry), { signal });
    }
    await stream.close({ signal });
  } catch (err) {
    log.debug({ err, from, to }, 'p2p sync response not completed');
    stream.abort(err instanceof Error ? err : new Error(String(err)));
  }
  return undefined;
}

/** The requester's side: a peer's answer that breaks the rules. */
export class SyncViolation extends Error {
  readonly offence: Offence;
  constructor(offence: Offence, message: string) {
    super(message);
    this.offence = offence;
  }
}

/**
 * Sends a request on `stream` and reads the answer, checking each block as it arrives (see P2PNode.requestBlocks).
 * Throws SyncViolation when the peer broke the protocol, P2PError when the exchange failed (timeout, connection lost).
 */
export async function requestSync(
  stream: Stream,
  chainId: string,
  from: number,
  to: number,
  limits: SyncLimits,
): Promise<SyncedBlock[]> {
  const signal = AbortSignal.timeout(limits.syncTimeoutMs);
  const lp = lpStream(stream, {
    maxDataLength: MAX_FRAME_BYTES.sync,
    maxBufferSize: readBufferBytes('sync', limits.syncMaxBytes),
  });
  const maxCount = Math.min(to - from + 1, limits.syncMaxBlocks);
  const out: SyncedBlock[] = [];
  let bytes = 0;
  let previousHash: Uint8Array | undefined;
  try {
    await lp.write(syncRequestCodec.encode({ from, to }), { signal });
    await stream.close({ signal }); // our side is done; the response stays readable
    for (;;) {
      let frame: Uint8Array;
      try {
        frame = (await lp.read({ signal })).subarray();
      } catch (err) {
        if (err instanceof Error && err.name === 'UnexpectedEOFError') break; // the server closed: end of answer
        throw err;
      }
      const height = from + out.length;
      if (out.length >= maxCount) throw new SyncViolation(Offence.BAD_SYNC_RESPONSE, `more than ${maxCount} blocks`);
      bytes += frame.length;
      if (bytes > limits.syncMaxBytes)
        throw new SyncViolation(Offence.OVERSIZED, `answer over ${limits.syncMaxBytes} B`);
      const checked = checkBlock(frame, chainId, height, previousHash);
      previousHash = checked.hash;
      out.push(checked.synced);
    }
  } catch (err) {
    stream.abort(err instanceof Error ? err : new Error(String(err)));
    if (err instanceof SyncViolation) throw err;
    if (err instanceof EncodingError) throw new SyncViolation(Offence.MALFORMED, `sync answer: ${err.message}`);
    const offence = offenceOf(err);
    if (offence) throw new SyncViolation(offence, `sync answer: ${(err as Error).message}`);
    if (signal.aborted) throw new P2PError(P2PErrorCode.TIMEOUT, `sync request ${from}..${to} timed out`);
    throw new P2PError(P2PErrorCode.NOT_CONNECTED, `sync request ${from}..${to} failed: ${(err as Error).message}`);
  }
  return out;
}

function checkBlock(frame: Uint8Array, chainId: string, height: number, previousHash: Uint8Array | undefined) {
  const entry = syncBlockCodec.decode(frame);
  const block = blockCodec.decode(entry.block);
  const commit = commitCertificateCodec.decode(entry.commit);
  const { header } = block;
  if (header.chainId !== chainId) throw new SyncViolation(Offence.WRONG_CHAIN, `block of chain ${header.chainId}`);
  if (header.height !== height) {
    throw new SyncViolation(Offence.BAD_SYNC_RESPONSE, `expected block ${height}, got ${header.height}`);
  }
  const hash = blockHash(header);
  if (commit.height !== height || !equalBytes(commit.blockHash, hash)) {
    throw new SyncViolation(Offence.BAD_SYNC_RESPONSE, `commit certificate of block ${height} names another block`);
  }
  if (previousHash && !equalBytes(header.previousHash, previousHash)) {
    throw new SyncViolation(Offence.BAD_SYNC_RESPONSE, `block ${height} does not follow block ${height - 1}`);
  }
  const synced: SyncedBlock = { block, commit, blockBytes: entry.block };
  return { synced, hash };
}
