import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pino } from 'pino';
import { txCodec } from '../../../../../shared/domain/index.ts';
import { EncodingError, EncodingErrorCode } from '../../../../../shared/encoding/index.ts';
import { AdmissionError, AdmissionErrorCode } from '../../../../../main/node/execution/errors.ts';
import { relayedTxOffence } from '../../../../../main/node/network/relayed-tx-offence.ts';
import { GossipInbox } from '../../../../../main/node/p2p/gossip.ts';
import { Offence } from '../../../../../main/node/p2p/index.ts';
import type { P2PEvents } from '../../../../../main/node/p2p/interface.ts';
import { MAX_TX_BATCH, MAX_TX_BATCH_BYTES } from '../../../../../main/node/p2p/protocols.ts';
import { TxBatchQueue } from '../../../../../main/node/p2p/tx-batch-queue.ts';
import { encodeTxBatch, txBatchCodec } from '../../../../../main/node/p2p/wire.ts';
import { signedTx, transferOp } from '../../../../helpers/storage-fixtures.ts';

const tx = (amount: bigint) => txCodec.encode(signedTx([transferOp('acme.treasury', 'beta.treasury', 'CNY', amount)]));

function queue(delayMs = 5) {
  const frames: Uint8Array[][] = [];
  const q = new TxBatchQueue(delayMs, (frame) => frames.push(txBatchCodec.decode(frame).txs));
  return { q, frames };
}

describe('TxBatchQueue', () => {
  it('sends what was queued together as one frame after the delay, in order', async () => {
    const { q, frames } = queue();
    const txs = [tx(1n), tx(2n), tx(3n)];
    for (const t of txs) q.add(t);
    assert.equal(frames.length, 0);
    await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(frames, [txs]);
  });

  it('sends a full batch at once and starts the next', () => {
    const { q, frames } = queue(60_000);
    const one = tx(1n);
    for (let i = 0; i < MAX_TX_BATCH + 1; i++) q.add(one);
    assert.equal(frames.length, 1);
    assert.equal(frames[0]!.length, MAX_TX_BATCH);
    q.flush();
    assert.deepEqual(
      frames.map((f) => f.length),
      [MAX_TX_BATCH, 1],
    );
  });

  it('keeps a frame under the byte cap', () => {
    const { q, frames } = queue(60_000);
    const big = new Uint8Array(60 * 1024).fill(1);
    const n = Math.ceil(MAX_TX_BATCH_BYTES / big.length) + 2;
    for (let i = 0; i < n; i++) q.add(big);
    q.flush();
    assert.ok(frames.length >= 2);
    for (const f of frames) assert.ok(f.reduce((s, t) => s + t.length, 0) <= MAX_TX_BATCH_BYTES);
    assert.equal(frames.flat().length, n);
  });

  it('drops what is queued when closed', async () => {
    const { q, frames } = queue();
    q.add(tx(1n));
    q.close();
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(frames.length, 0);
  });
});

describe('GossipInbox transaction frames', () => {
  function inbox() {
    const events: P2PEvents['txs'][] = [];
    const offences: { peer: string; offence: string }[] = [];
    const box = new GossipInbox({
      gate: { chainId: 'test-chain', height: () => 1, validatorPower: () => 0 },
      heightWindow: 3,
      seenCacheSize: 100,
      txSeenTtlMs: 60_000,
      now: () => 0,
      log: pino({ level: 'silent' }),
      offend: (peer, offence) => {
        offences.push({ peer, offence });
        return true;
      },
      relay: () => {},
      emit: (event, payload) => {
        if (event === 'txs') events.push(payload as P2PEvents['txs']);
      },
      onStatus: () => {},
    });
    return { box, events, offences };
  }

  it('passes on each transaction of a batch once, dropping ones seen before', () => {
    const { box, events } = inbox();
    const [a, b, c] = [tx(1n), tx(2n), tx(3n)];
    box.onFrame('tx', 'p1', txBatchCodec.encode({ txs: [a, b, a] }));
    box.onFrame('tx', 'p2', txBatchCodec.encode({ txs: [b, c] }));
    assert.deepEqual(events, [
      { from: 'p1', txs: [a, b] },
      { from: 'p2', txs: [c] },
    ]);
    // Neither peer is sent back what it sent us.
    assert.deepEqual([...box.ownTx(b)].sort(), ['p1', 'p2']);
  });

  it('penalises a frame that is not a batch', () => {
    const { box, events, offences } = inbox();
    assert.equal(box.onFrame('tx', 'p1', tx(1n)), 'stop'); // a bare transaction is not a batch frame
    assert.equal(box.onFrame('tx', 'p2', txBatchCodec.encode({ txs: [tx(2n)] }).slice(0, 20)), 'stop'); // cut short
    assert.deepEqual(
      offences.map((o) => o.offence),
      [Offence.MALFORMED, Offence.MALFORMED],
    );
    assert.equal(events.length, 0);
  });
});

describe('relayedTxOffence', () => {
  it('blames the peer only for what no honest node relays', () => {
    assert.equal(relayedTxOffence(new EncodingError(EncodingErrorCode.INVALID_FIELD, 'x')), Offence.MALFORMED);
    assert.equal(relayedTxOffence(new AdmissionError(AdmissionErrorCode.WRONG_CHAIN, 'x')), Offence.WRONG_CHAIN);
    assert.equal(relayedTxOffence(new AdmissionError(AdmissionErrorCode.BAD_SIGNATURE, 'x')), Offence.BAD_SIGNATURE);
    for (const code of [
      AdmissionErrorCode.EXPIRED,
      AdmissionErrorCode.ALREADY_COMMITTED,
      AdmissionErrorCode.ALREADY_PENDING,
      AdmissionErrorCode.MEMPOOL_FULL,
      AdmissionErrorCode.UNKNOWN_SIGNER,
    ]) {
      assert.equal(relayedTxOffence(new AdmissionError(code, 'x')), undefined, code);
    }
    assert.equal(relayedTxOffence(new Error('other')), undefined);
  });
});

describe('encodeTxBatch', () => {
  it('gives exactly the codec’s canonical bytes, for small and large batches and transactions', () => {
    const sizes = [[1], [0, 23, 24, 255, 256], Array.from({ length: 300 }, (_, i) => i * 7), [65_536 - 1]];
    for (const lengths of sizes) {
      const txs = lengths.map((n, i) => new Uint8Array(n).fill(i % 251));
      assert.deepEqual(encodeTxBatch(txs), txBatchCodec.encode({ txs }));
    }
  });
});
