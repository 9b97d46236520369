import { signedVoteCodec, type SignedVote } from '../../../shared/domain/index.ts';
import { buildTx } from '../client/build-tx.ts';
import type { ValidatorKey } from '../consensus-runner/runner.ts';

/**
 * A transaction carrying two conflicting votes of one validator, signed by the reporting validator's key (the
 * ledger accepts evidence from any key: the votes' own signatures are the proof). Signing a transaction is another
 * hash domain than consensus messages, so it cannot be confused with a vote and needs no double-sign guard.
 */
export async function buildEvidenceTx(
  chainId: string,
  key: ValidatorKey,
  a: SignedVote,
  b: SignedVote,
  now: bigint,
): Promise<Uint8Array> {
  const op = { type: 'evidence.submit' as const, voteA: signedVoteCodec.encode(a), voteB: signedVoteCodec.encode(b) };
  const signer = { label: 'validator', scheme: 'ed25519' as const, id: '', publicKey: key.publicKey, sign: key.sign };
  const built = await buildTx(chainId, [op], [signer], { now, ttlMs: 3_600_000n });
  return built.encoded;
}
