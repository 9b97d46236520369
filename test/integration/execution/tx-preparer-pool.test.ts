import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  generateSecretKey,
  keyId,
  publicKeyOf,
  sha256,
  signWithSecretKey,
  utf8,
  type Scheme,
} from '../../../shared/crypto/index.ts';
import { encodeCanonical, type CborValue } from '../../../shared/encoding/index.ts';
import { txCodec, type Operation, type Tx } from '../../../shared/domain/index.ts';
import { approveOp, buildTx, proposeOp } from '../../../main/node/client/build-tx.ts';
import { prepareAndVerify, checkAndVerify } from '../../../main/node/execution/prepare-and-verify.ts';
import { workerTxPreparer, type TxPreparer } from '../../../main/node/execution/tx-preparer.ts';
import type { Signer } from '../../../main/node/signer/interface.ts';

/**
 * The pool packs a batch into one buffer per worker and unpacks packed answers (tx-preparer-wire.ts). Whatever the
 * mix, every transaction must come back in its place with what the single-thread path (prepareAndVerify,
 * checkAndVerify) says of it: the same decoded transaction, hash, id and signers, or the same error.
 */

const CHAIN = 'pool-test';
const now = 1_750_000_000_000n;

function signer(scheme: Scheme, seed: string): Signer {
  const bytes = sha256(utf8(seed));
  // Deterministic keys: noble takes a 32-byte seed for Ed25519, 48 bytes for P-256.
  const secret = generateSecretKey(
    scheme,
    scheme === 'ed25519' ? bytes : Uint8Array.from([...bytes, ...bytes.subarray(16)]),
  );
  const publicKey = publicKeyOf(scheme, secret);
  return { label: seed, scheme, publicKey, id: keyId(publicKey), sign: (m) => signWithSecretKey(scheme, secret, m) };
}

const alice = signer('ed25519', 'alice');
const bob = signer('ed25519', 'bob');
const carol = signer('p256', 'carol');
const transfer = (i: number, memo?: string): Operation =>
  ({
    type: 'transfer',
    from: 'acct-a',
    to: 'acct-b',
    asset: 'CNY',
    amount: BigInt(i),
    ...(memo && { memo }),
  }) as Operation;

/** A transaction signed over another body: its signature does not verify. */
async function badSignature(i: number): Promise<Uint8Array> {
  const good = await buildTx(CHAIN, [transfer(i)], [alice], { now });
  const other = await buildTx(CHAIN, [transfer(i + 1)], [alice], { now });
  return txCodec.encode({ body: good.tx.body, signatures: other.tx.signatures });
}

/** The kinds of transaction the batch mixes, each a different path through the worker and the answer. */
async function mixedBatch(): Promise<{ kind: string; encoded: Uint8Array }[]> {
  const valid = async (i: number) => (await buildTx(CHAIN, [transfer(i)], [alice], { now })).encoded;
  const proposal = await proposeOp(
    CHAIN,
    { type: 'asset.issue', asset: 'CNY', to: 'acct-a', amount: 5n } as never,
    bob,
    {
      expiresAt: now + 1000n,
    },
  );
  const kinds: [string, () => Promise<Uint8Array> | Uint8Array][] = [
    ['valid transfer', () => valid(1)],
    [
      'two signers, one P-256',
      async () => (await buildTx(CHAIN, [transfer(2), transfer(3)], [alice, carol], { now })).encoded,
    ],
    [
      'memo with a byte-order mark',
      async () => (await buildTx(CHAIN, [transfer(4, '\uFEFFhi')], [bob], { now })).encoded,
    ],
    ['wrong chain', async () => (await buildTx('other-chain', [transfer(5)], [bob], { now })).encoded],
    ['bad signature', () => badSignature(6)],
    ['same key twice', async () => (await buildTx(CHAIN, [transfer(7)], [alice, alice], { now })).encoded],
    ['not CBOR', () => Uint8Array.of(0xff, 0x00, 0x13)],
    ['truncated', async () => (await valid(8)).subarray(0, 40)],
    ['unknown field', () => unknownField()],
    [
      'asset.issue',
      async () =>
        (
          await buildTx(CHAIN, [{ type: 'asset.issue', asset: 'CNY', to: 'acct-a', amount: 9n } as Operation], [bob], {
            now,
          })
        ).encoded,
    ],
    ['proposal with approval', async () => (await buildTx(CHAIN, [proposal.op], [bob], { now })).encoded],
    ['approval that does not verify', () => wrongApproval()],
  ];
  const out: { kind: string; encoded: Uint8Array }[] = [];
  // Three rounds of every kind, interleaved, so each worker's share holds every kind and answers mix them.
  for (let round = 0; round < 3; round++) {
    for (const [kind, make] of kinds) out.push({ kind, encoded: await make() });
    out.push({ kind: 'valid transfer', encoded: await valid(100 + round) });
  }
  return out;
}

/** carol's approval of one proposal, presented as an approval of another. */
async function wrongApproval(): Promise<Uint8Array> {
  const approval = await approveOp('00'.repeat(32), carol);
  const op = { ...approval, proposal: '11'.repeat(32) } as Operation;
  return (await buildTx(CHAIN, [op], [alice], { now })).encoded;
}

async function unknownField(): Promise<Uint8Array> {
  const { tx } = await buildTx(CHAIN, [transfer(10)], [alice], { now });
  return encodeCanonical({ ...tx, extra: 1 } as unknown as CborValue);
}

/** What an outcome says, in a form both paths share: errors by class name, code and message. */
function expected(o: ReturnType<typeof prepareAndVerify> | ReturnType<typeof checkAndVerify>) {
  if (!o.ok) return { ok: false, name: o.error.name, code: o.error.code, message: o.error.message };
  return { ok: true, hash: o.hash, id: o.id, signers: o.signers, ...('tx' in o && { tx: o.tx }) };
}

function actual(
  r: { ok: true; hash: Uint8Array; id: string; signers: string[]; tx?: Tx } | { ok: false; error: Error },
) {
  if (!r.ok) {
    const e = r.error as Error & { code?: string };
    return { ok: false, name: e.name, code: e.code, message: e.message };
  }
  return { ok: true, hash: r.hash, id: r.id, signers: r.signers, ...(r.tx !== undefined && { tx: r.tx }) };
}

describe('the worker pool answers a mixed batch in order, as the single-thread path does', () => {
  let pool: TxPreparer;
  let batch: { kind: string; encoded: Uint8Array }[];
  before(async () => {
    pool = workerTxPreparer(2);
    batch = await mixedBatch();
  });
  after(() => pool.close());

  it('prepareBatch: the same transaction, hash, id and signers, or the same error, in each place', async () => {
    const results = await pool.prepareBatch(batch.map((b) => b.encoded));
    assert.equal(results.length, batch.length);
    results.forEach((r, i) => {
      const { kind, encoded } = batch[i]!;
      const got = r.ok ? actual({ ok: true, ...r.tx }) : actual(r);
      assert.deepStrictEqual(got, expected(prepareAndVerify(encoded)), `${kind} (#${i})`);
      if (r.ok) assert.equal(r.tx.encoded, encoded);
    });
    const refused = results.filter((r) => !r.ok).length;
    assert.ok(refused > 0 && refused < results.length, 'the batch mixes accepted and refused transactions');
  });

  it('checkBatch: the same hash, id and signers, or the same error, in each place', async () => {
    const results = await pool.checkBatch(batch.map((b) => b.encoded));
    results.forEach((r, i) => {
      assert.deepStrictEqual(actual(r), expected(checkAndVerify(batch[i]!.encoded)), `${batch[i]!.kind} (#${i})`);
    });
  });

  it('prepare, one at a time (micro-batched), and a small batch on one worker', async () => {
    const [first, second] = [batch[0]!, batch[4]!];
    const one = await pool.prepare(first.encoded);
    assert.deepStrictEqual(actual({ ok: true, ...one }), expected(prepareAndVerify(first.encoded)));
    await assert.rejects(pool.prepare(second.encoded), { message: /does not verify/ });
    const small = await pool.prepareBatch([first.encoded, second.encoded]);
    assert.deepStrictEqual(
      small.map((r) => (r.ok ? actual({ ok: true, ...r.tx }) : actual(r))),
      [first, second].map((b) => expected(prepareAndVerify(b.encoded))),
    );
  });
});
