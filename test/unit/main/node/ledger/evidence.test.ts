import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bytesToHex } from '../../../../../shared/crypto/index.ts';
import { signedVoteCodec, voteSignBytes, type Vote } from '../../../../../shared/domain/index.ts';
import { LedgerErrorCode as E } from '../../../../../main/node/ledger/errors.ts';
import { StateKey } from '../../../../../main/node/ledger/keys.ts';
import { CHAIN_ID, KEYS, LedgerHarness, sign, type SignerName } from '../../../../helpers/ledger-harness.ts';

const hashA = new Uint8Array(32).fill(0xaa);
const hashB = new Uint8Array(32).fill(0xbb);

function signedVote(by: SignerName, over: Partial<Vote> = {}, signer: SignerName = by): Uint8Array {
  const vote: Vote = {
    chainId: CHAIN_ID as Vote['chainId'],
    type: 'prevote',
    height: 1,
    round: 0,
    blockHash: hashA,
    validator: KEYS[by].publicKey,
    ...over,
  };
  return signedVoteCodec.encode({ vote, signature: sign(signer, voteSignBytes(vote)) });
}

function evidence(voteA: Uint8Array, voteB: Uint8Array) {
  return { type: 'evidence.submit' as const, voteA, voteB };
}

describe('evidence.submit: committed proof of a validator signing two different votes', () => {
  it('records the equivocation once, with an event, whoever reports it', () => {
    const h = new LedgerHarness();
    // 'outsider' is not a signatory: evidence proves itself, so any key may carry it.
    const out = h.ok([evidence(signedVote('validator'), signedVote('validator', { blockHash: hashB }))], ['outsider']);
    const key = StateKey.evidence(bytesToHex(KEYS.validator.publicKey), 1, 0, 'prevote');
    assert.ok(h.store.get(key), 'the evidence is in state');
    assert.deepEqual(out.events, [
      {
        type: 'evidence.committed',
        validator: bytesToHex(KEYS.validator.publicKey),
        height: 1,
        round: 0,
        voteType: 'prevote',
      },
    ]);
    // The same equivocation again, with the votes the other way round (and nil vs block): refused as a duplicate.
    h.fails(
      E.DUPLICATE_EVIDENCE,
      [evidence(signedVote('validator', { blockHash: hashB }), signedVote('validator'))],
      ['alice'],
    );
  });

  it('a vote for nil and a vote for a block conflict too', () => {
    const h = new LedgerHarness();
    h.ok([evidence(signedVote('validator', { blockHash: null }), signedVote('validator'))], ['alice']);
  });

  const refused: [string, () => [Uint8Array, Uint8Array]][] = [
    ['two votes for the same block', () => [signedVote('validator'), signedVote('validator')]],
    [
      'votes at different heights',
      () => [signedVote('validator'), signedVote('validator', { height: 2, blockHash: hashB })],
    ],
    [
      'votes in different rounds',
      () => [signedVote('validator'), signedVote('validator', { round: 1, blockHash: hashB })],
    ],
    [
      'a prevote and a precommit',
      () => [signedVote('validator'), signedVote('validator', { type: 'precommit', blockHash: hashB })],
    ],
    ['votes of two validators', () => [signedVote('validator'), signedVote('alice', { blockHash: hashB })]],
    ['a key outside the validator set', () => [signedVote('alice'), signedVote('alice', { blockHash: hashB })]],
    ['a forged signature', () => [signedVote('validator'), signedVote('validator', { blockHash: hashB }, 'alice')]],
    [
      'another chain',
      () => [
        signedVote('validator', { chainId: 'other-chain' as Vote['chainId'] }),
        signedVote('validator', { chainId: 'other-chain' as Vote['chainId'], blockHash: hashB }),
      ],
    ],
    ['bytes that are not a vote', () => [new Uint8Array([1, 2, 3]), signedVote('validator')]],
  ];
  for (const [what, votes] of refused) {
    it(`refuses ${what} with BAD_EVIDENCE`, () => {
      const h = new LedgerHarness();
      const [a, b] = votes();
      const out = h.fails(E.BAD_EVIDENCE, [evidence(a, b)], ['alice']);
      assert.ok(out.message);
    });
  }

  it('only evidence-only transactions may be signed by a key that is not a signatory', () => {
    const h = new LedgerHarness();
    h.fails(
      E.UNKNOWN_SIGNER,
      [
        evidence(signedVote('validator'), signedVote('validator', { blockHash: hashB })),
        { type: 'transfer', from: 'alpha.treasury', to: 'beta.treasury', asset: 'CNY', amount: 1n },
      ],
      ['outsider'],
    );
  });
});
