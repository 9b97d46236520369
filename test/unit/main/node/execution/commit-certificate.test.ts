import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generateSecretKey, publicKeyOf, signWithSecretKey } from '../../../../../shared/crypto/index.ts';
import { voteSignBytes, type CommitCertificate, type Vote } from '../../../../../shared/domain/index.ts';
import { verifyCommitCertificate } from '../../../../../main/node/execution/commit-certificate.ts';

const CHAIN = 'countersign-cert-test';
const keys = [1, 2, 3, 4].map((b) => generateSecretKey('ed25519', new Uint8Array(32).fill(b)));
const validators = keys.map((k, i) => ({ publicKey: publicKeyOf('ed25519', k), power: i === 0 ? 2 : 1 }));
const blockHash = new Uint8Array(32).fill(9);

function precommit(i: number, over: Partial<Vote> = {}) {
  const vote: Vote = {
    chainId: CHAIN as Vote['chainId'],
    type: 'precommit',
    height: 7,
    round: 1,
    blockHash,
    validator: validators[i]!.publicKey,
    ...over,
  };
  return { validator: vote.validator, signature: signWithSecretKey('ed25519', keys[i]!, voteSignBytes(vote)) };
}

function cert(precommits: CommitCertificate['precommits']): CommitCertificate {
  return { height: 7, round: 1, blockHash, precommits };
}

describe('verifyCommitCertificate: more than 2/3 of the voting power precommitted this block', () => {
  it('accepts precommits holding more than 2/3 of the power (weighted: 2 + 1 + 1 of 5)', () => {
    verifyCommitCertificate(CHAIN, validators, 7, blockHash, cert([precommit(0), precommit(1), precommit(2)]));
    verifyCommitCertificate(CHAIN, validators, 7, blockHash, cert([precommit(0), precommit(1), precommit(3)]));
  });

  const refused: [string, () => CommitCertificate, string][] = [
    [
      'exactly 2/3 is not enough (1 + 1 + 1 of 5 → 3 < 4)',
      () => cert([precommit(1), precommit(2), precommit(3)]),
      'CERT_NO_QUORUM',
    ],
    ['the same validator twice', () => cert([precommit(0), precommit(0), precommit(1)]), 'CERT_DUPLICATE_VALIDATOR'],
    [
      'a precommit for another round',
      () => cert([precommit(0), precommit(1), precommit(2, { round: 2 })]),
      'CERT_BAD_SIGNATURE',
    ],
    [
      'a precommit for another block',
      () => cert([precommit(0), precommit(1), precommit(2, { blockHash: new Uint8Array(32) })]),
      'CERT_BAD_SIGNATURE',
    ],
    [
      'a prevote instead of a precommit',
      () => cert([precommit(0), precommit(1), precommit(2, { type: 'prevote' })]),
      'CERT_BAD_SIGNATURE',
    ],
    [
      'a precommit of another chain',
      () => cert([precommit(0), precommit(1), precommit(2, { chainId: 'other' as Vote['chainId'] })]),
      'CERT_BAD_SIGNATURE',
    ],
    [
      'a key outside the set',
      () => {
        const outsider = generateSecretKey('ed25519', new Uint8Array(32).fill(99));
        const pk = publicKeyOf('ed25519', outsider);
        const vote: Vote = {
          chainId: CHAIN as Vote['chainId'],
          type: 'precommit',
          height: 7,
          round: 1,
          blockHash,
          validator: pk,
        };
        return cert([
          precommit(0),
          precommit(1),
          { validator: pk, signature: signWithSecretKey('ed25519', outsider, voteSignBytes(vote)) },
        ]);
      },
      'CERT_UNKNOWN_VALIDATOR',
    ],
    [
      'a certificate for another height',
      () => ({ ...cert([precommit(0), precommit(1), precommit(2)]), height: 8 }),
      'CERT_WRONG_BLOCK',
    ],
  ];
  for (const [what, make, code] of refused) {
    it(`refuses ${what}`, () => {
      assert.throws(() => verifyCommitCertificate(CHAIN, validators, 7, blockHash, make()), { code });
    });
  }
});
