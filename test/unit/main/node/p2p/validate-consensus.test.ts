import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bytesToHex, generateSecretKey, publicKeyOf, signWithSecretKey } from '../../../../../shared/crypto/index.ts';
import {
  blockHash,
  proposalSignBytes,
  voteSignBytes,
  type BlockHeader,
  type ChainId,
  type ConsensusMessage,
  type SignedBlockProposal,
  type Vote,
} from '../../../../../shared/domain/index.ts';
import { verifySignature } from '../../../../../main/node/crypto/verify.ts';
import { checkConsensusMessage } from '../../../../../main/node/p2p/validate-consensus.ts';

const CHAIN = 'countersign-test' as ChainId;
const secret = generateSecretKey('ed25519', new Uint8Array(32).fill(1));
const validatorKey = publicKeyOf('ed25519', secret);
const outsiderSecret = generateSecretKey('ed25519', new Uint8Array(32).fill(2));
const outsiderKey = publicKeyOf('ed25519', outsiderSecret);

/** Our next height is 10; validatorKey is the only validator. */
const gate = {
  chainId: CHAIN,
  height: () => 10,
  validatorPower: (_h: number, key: Uint8Array) => (bytesToHex(key) === bytesToHex(validatorKey) ? 1 : 0),
};

function vote(overrides: Partial<Vote> = {}, signWith = secret): ConsensusMessage {
  const v: Vote = {
    chainId: CHAIN,
    type: 'precommit',
    height: 10,
    round: 0,
    blockHash: null,
    validator: validatorKey,
    ...overrides,
  };
  return { kind: 'vote', vote: { vote: v, signature: signWithSecretKey('ed25519', signWith, voteSignBytes(v)) } };
}

function proposal(
  opts: { height?: number; round?: number; validRound?: number | null; blockHeight?: number; tamper?: boolean } = {},
): ConsensusMessage {
  const header: BlockHeader = {
    chainId: CHAIN,
    height: opts.blockHeight ?? opts.height ?? 10,
    time: 1n,
    previousHash: new Uint8Array(32),
    txRoot: new Uint8Array(32),
    appHash: new Uint8Array(32),
    validatorsHash: new Uint8Array(32),
    proposer: validatorKey,
  };
  const p = {
    chainId: CHAIN,
    height: opts.height ?? 10,
    round: opts.round ?? 1,
    validRound: opts.validRound ?? null,
    blockHash: blockHash(header),
    proposer: validatorKey,
  };
  const signed: SignedBlockProposal = {
    proposal: p,
    signature: signWithSecretKey('ed25519', secret, proposalSignBytes(p)),
    block: { header: opts.tamper ? { ...header, appHash: new Uint8Array(32).fill(1) } : header, txs: [] },
  };
  return { kind: 'proposal', proposal: signed };
}

const check = (m: ConsensusMessage) => checkConsensusMessage(m, gate, 2, verifySignature);

describe('checkConsensusMessage', () => {
  it('accepts a validator’s signed vote and proposal in the window', () => {
    assert.equal(check(vote()).kind, 'accept');
    assert.equal(check(vote({ height: 9 })).kind, 'accept', 'height - 1: late precommits of the last block');
    assert.equal(check(vote({ height: 12 })).kind, 'accept', 'height + window');
    assert.equal(check(proposal()).kind, 'accept');
    assert.equal(check(proposal({ validRound: 0 })).kind, 'accept');
  });

  it('ignores (no penalty) messages outside [height - 1, height + window]', () => {
    for (const height of [8, 13, 1000]) {
      assert.equal(check(vote({ height })).kind, 'ignore', `vote at ${height}`);
      assert.equal(check(proposal({ height })).kind, 'ignore', `proposal at ${height}`);
    }
  });

  it('rejects with the right offence', () => {
    const offence = (m: ConsensusMessage) => {
      const verdict = check(m);
      return verdict.kind === 'reject' ? verdict.offence : verdict.kind;
    };
    assert.equal(offence(vote({ chainId: 'another-chain' as ChainId })), 'wrong-chain');
    assert.equal(offence(vote({ validator: outsiderKey }, outsiderSecret)), 'unknown-validator');
    assert.equal(offence(vote({}, outsiderSecret)), 'bad-signature', 'signed by someone else');
    const bad = vote() as Extract<ConsensusMessage, { kind: 'vote' }>;
    const flipped = bad.vote.signature.slice();
    flipped[5]! ^= 1;
    assert.equal(offence({ kind: 'vote', vote: { ...bad.vote, signature: flipped } }), 'bad-signature');
    assert.equal(offence(proposal({ tamper: true })), 'malformed', 'block is not the one named');
    assert.equal(offence(proposal({ blockHeight: 11 })), 'malformed', 'block of another height');
    assert.equal(offence(proposal({ round: 1, validRound: 1 })), 'malformed', 'validRound not below round');
  });

  it('checks a vote’s signature over the exact vote (round changed after signing)', () => {
    const m = vote() as Extract<ConsensusMessage, { kind: 'vote' }>;
    const moved: ConsensusMessage = { kind: 'vote', vote: { ...m.vote, vote: { ...m.vote.vote, round: 1 } } };
    const verdict = check(moved);
    assert.equal(verdict.kind === 'reject' && verdict.offence, 'bad-signature');
  });
});
