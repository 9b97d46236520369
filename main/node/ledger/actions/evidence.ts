import { bytesToHex, equalBytes, verifySignature } from '../../../../shared/crypto/index.ts';
import { signedVoteCodec, voteSignBytes, type SignedVote } from '../../../../shared/domain/index.ts';
import type { Operation } from '../../../../shared/domain/index.ts';
import type { ExecContext } from '../context.ts';
import { fail, LedgerErrorCode as E } from '../errors.ts';
import { StateKey } from '../keys.ts';

type EvidenceSubmit = Extract<Operation, { type: 'evidence.submit' }>;

function decodeVote(bytes: Uint8Array, which: string): SignedVote {
  try {
    return signedVoteCodec.decode(bytes);
  } catch (err) {
    return fail(E.BAD_EVIDENCE, `${which} is not a signed vote: ${(err as Error).message}`);
  }
}

const hashOrder = (h: Uint8Array | null): string => (h === null ? '' : bytesToHex(h));

/**
 * Commits proof of equivocation: two votes by one validator of the set, for the same chain, height, round and type,
 * naming different blocks, both with valid signatures. The evidence is self-authenticating, so anyone may submit it
 * (validators do, from their consensus); the same equivocation is recorded once.
 */
export function submitEvidence(ctx: ExecContext, op: EvidenceSubmit): void {
  const a = decodeVote(op.voteA, 'voteA');
  const b = decodeVote(op.voteB, 'voteB');
  const va = a.vote;
  const vb = b.vote;
  if (va.chainId !== ctx.block.chainId || vb.chainId !== ctx.block.chainId) {
    fail(E.BAD_EVIDENCE, 'the votes are not for this chain');
  }
  if (!equalBytes(va.validator, vb.validator)) fail(E.BAD_EVIDENCE, 'the votes are from different validators');
  if (va.height !== vb.height || va.round !== vb.round || va.type !== vb.type) {
    fail(E.BAD_EVIDENCE, 'the votes are for different heights, rounds or types');
  }
  const same =
    va.blockHash === null ? vb.blockHash === null : vb.blockHash !== null && equalBytes(va.blockHash, vb.blockHash);
  if (same) fail(E.BAD_EVIDENCE, 'the votes name the same block: no equivocation');
  if (va.height > ctx.block.height) fail(E.BAD_EVIDENCE, `the votes are for future height ${va.height}`);
  const validatorHex = bytesToHex(va.validator);
  if (!ctx.state.validator(validatorHex)) fail(E.BAD_EVIDENCE, `${validatorHex} is not a validator`);
  if (!verifySignature(va.validator, voteSignBytes(va), a.signature))
    fail(E.BAD_EVIDENCE, 'voteA signature is invalid');
  if (!verifySignature(vb.validator, voteSignBytes(vb), b.signature))
    fail(E.BAD_EVIDENCE, 'voteB signature is invalid');
  const key = StateKey.evidence(validatorHex, va.height, va.round, va.type);
  if (ctx.state.evidence(key)) fail(E.DUPLICATE_EVIDENCE, 'this equivocation is already on the ledger');
  const votes = [va.blockHash, vb.blockHash].sort((x, y) => (hashOrder(x) < hashOrder(y) ? -1 : 1));
  ctx.state.putEvidence(key, {
    validator: va.validator,
    height: va.height,
    round: va.round,
    voteType: va.type,
    votes,
    committedHeight: ctx.block.height,
    txId: ctx.txId,
  });
  ctx.events.push({
    type: 'evidence.committed',
    validator: validatorHex,
    height: va.height,
    round: va.round,
    voteType: va.type,
  });
}

/** Evidence-only transactions may be signed by anyone (a validator's node key); the evidence proves itself. */
export function isEvidenceOnly(ops: readonly Operation[]): boolean {
  return ops.every((op) => op.type === 'evidence.submit');
}
