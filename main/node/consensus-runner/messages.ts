import { bytesToHex, hexToBytesStrict } from '../../../shared/crypto/index.ts';
import type { BlockProposal, Vote as SignedVoteBody } from '../../../shared/domain/index.ts';
import type { Proposal, Vote } from '../consensus/index.ts';

/**
 * Translation between the consensus machine's vocabulary (validators and values as hex strings, validRound −1) and
 * the signed wire messages (public keys and block hashes as bytes, validRound null).
 */

export function toMachineVote(v: SignedVoteBody): Vote {
  return {
    type: v.type,
    height: v.height,
    round: v.round,
    value: v.blockHash === null ? null : bytesToHex(v.blockHash),
    validator: bytesToHex(v.validator),
  };
}

export function toWireVote(chainId: string, v: Vote): SignedVoteBody {
  return {
    chainId: chainId as SignedVoteBody['chainId'],
    type: v.type,
    height: v.height,
    round: v.round,
    blockHash: v.value === null ? null : hexToBytesStrict(v.value),
    validator: hexToBytesStrict(v.validator),
  };
}

export function toMachineProposal(p: BlockProposal): Proposal {
  return {
    height: p.height,
    round: p.round,
    value: bytesToHex(p.blockHash),
    validRound: p.validRound ?? -1,
    proposer: bytesToHex(p.proposer),
  };
}

export function toWireProposal(chainId: string, p: Proposal): BlockProposal {
  return {
    chainId: chainId as BlockProposal['chainId'],
    height: p.height,
    round: p.round,
    validRound: p.validRound < 0 ? null : p.validRound,
    blockHash: hexToBytesStrict(p.value),
    proposer: hexToBytesStrict(p.proposer),
  };
}

/** Key of a vote slot: one validator's vote of one type in one round. */
export function voteSlot(v: { height: number; round: number; type: string; validator: string }): string {
  return `${v.height}/${v.round}/${v.type}/${v.validator}`;
}
