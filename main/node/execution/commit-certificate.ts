import { bytesToHex, equalBytes } from '../../../shared/crypto/index.ts';
import { voteSignBytes, type CommitCertificate, type Vote } from '../../../shared/domain/index.ts';
import { verifySignature } from '../crypto/verify.ts';
import { BlockError, BlockErrorCode as E } from './block-errors.ts';
import type { SignatureClaim } from './tx-checks.ts';

export interface WeightedValidator {
  readonly publicKey: Uint8Array;
  readonly power: number;
}

/** The least voting power strictly greater than two thirds of the total. */
export function quorumOf(validators: readonly WeightedValidator[]): number {
  const total = validators.reduce((sum, v) => sum + v.power, 0);
  return Math.floor((2 * total) / 3) + 1;
}

/**
 * Checks that `cert` proves the block `blockHash` at `height` was decided by `validators`: every precommit is from a
 * distinct member of the set and verifies over the vote it stands for, and together they hold more than two thirds of
 * the voting power. Throws a BlockError naming the first problem.
 */
export function verifyCommitCertificate(
  chainId: string,
  validators: readonly WeightedValidator[],
  height: number,
  blockHash: Uint8Array,
  cert: CommitCertificate,
  verify: typeof verifySignature = verifySignature,
): void {
  checkCommitCertificate(validators, height, blockHash, cert, (i) => {
    const claim = precommitClaim(chainId, cert, i);
    return verify(claim.publicKey, claim.message, claim.signature);
  });
}

/**
 * The signature each precommit of `cert` must carry, in order: over the precommit vote for the certificate's own
 * (height, round, block). Verifying them needs no state, so catch-up verifies them on the worker threads and hands
 * the verdicts to checkCommitCertificate, which checks that the certificate is for the right block.
 */
export function precommitClaims(chainId: string, cert: CommitCertificate): SignatureClaim[] {
  return cert.precommits.map((_, i) => precommitClaim(chainId, cert, i));
}

/**
 * verifyCommitCertificate with each precommit's signature verdict given (`signatureOk(i)` for precommit i, over
 * precommitClaims(chainId, cert)[i]): the set membership, distinctness and quorum checks, in the same order.
 */
export function checkCommitCertificate(
  validators: readonly WeightedValidator[],
  height: number,
  blockHash: Uint8Array,
  cert: CommitCertificate,
  signatureOk: (index: number) => boolean,
): void {
  if (cert.height !== height || !equalBytes(cert.blockHash, blockHash)) {
    throw new BlockError(E.CERT_WRONG_BLOCK, `the commit certificate is for another block than ${height}`);
  }
  const powers = new Map(validators.map((v) => [bytesToHex(v.publicKey), v.power]));
  const seen = new Set<string>();
  let power = 0;
  for (const [i, p] of cert.precommits.entries()) {
    const id = bytesToHex(p.validator);
    const vp = powers.get(id);
    if (vp === undefined) throw new BlockError(E.CERT_UNKNOWN_VALIDATOR, `precommit from ${id}, not a validator`);
    if (seen.has(id)) throw new BlockError(E.CERT_DUPLICATE_VALIDATOR, `two precommits from validator ${id}`);
    seen.add(id);
    if (!signatureOk(i)) {
      throw new BlockError(E.CERT_BAD_SIGNATURE, `the precommit of validator ${id} does not verify`);
    }
    power += vp;
  }
  if (power < quorumOf(validators)) {
    throw new BlockError(E.CERT_NO_QUORUM, `precommits hold ${power} of the ${quorumOf(validators)} power needed`);
  }
}

function precommitClaim(chainId: string, cert: CommitCertificate, i: number): SignatureClaim {
  const p = cert.precommits[i]!;
  const vote: Vote = {
    chainId: chainId as Vote['chainId'],
    type: 'precommit',
    height: cert.height,
    round: cert.round,
    blockHash: cert.blockHash,
    validator: p.validator,
  };
  return { publicKey: p.validator, message: voteSignBytes(vote), signature: p.signature };
}
