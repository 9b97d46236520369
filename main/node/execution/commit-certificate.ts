import { bytesToHex, equalBytes } from '../../../shared/crypto/index.ts';
import { voteSignBytes, type CommitCertificate, type Vote } from '../../../shared/domain/index.ts';
import { verifySignature } from '../crypto/verify.ts';
import { BlockError, BlockErrorCode as E } from './block-errors.ts';

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
  if (cert.height !== height || !equalBytes(cert.blockHash, blockHash)) {
    throw new BlockError(E.CERT_WRONG_BLOCK, `the commit certificate is for another block than ${height}`);
  }
  const powers = new Map(validators.map((v) => [bytesToHex(v.publicKey), v.power]));
  const seen = new Set<string>();
  let power = 0;
  for (const p of cert.precommits) {
    const id = bytesToHex(p.validator);
    const vp = powers.get(id);
    if (vp === undefined) throw new BlockError(E.CERT_UNKNOWN_VALIDATOR, `precommit from ${id}, not a validator`);
    if (seen.has(id)) throw new BlockError(E.CERT_DUPLICATE_VALIDATOR, `two precommits from validator ${id}`);
    seen.add(id);
    const vote: Vote = {
      chainId: chainId as Vote['chainId'],
      type: 'precommit',
      height,
      round: cert.round,
      blockHash,
      validator: p.validator,
    };
    if (!verify(p.validator, voteSignBytes(vote), p.signature)) {
      throw new BlockError(E.CERT_BAD_SIGNATURE, `the precommit of validator ${id} does not verify`);
    }
    power += vp;
  }
  if (power < quorumOf(validators)) {
    throw new BlockError(E.CERT_NO_QUORUM, `precommits hold ${power} of the ${quorumOf(validators)} power needed`);
  }
}
