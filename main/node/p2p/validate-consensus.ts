import { equalBytes } from '../../../shared/crypto/index.ts';
import { blockHash, proposalSignBytes, voteSignBytes, type ConsensusMessage } from '../../../shared/domain/index.ts';
import { Offence } from './errors.ts';
import type { ConsensusGate } from './interface.ts';

export type Verify = (publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array) => boolean;

/** What to do with a decoded consensus message. */
export type ConsensusVerdict =
  | { readonly kind: 'accept' }
  /** Honest but not for us now (another height): dropped without penalty and not remembered, it may fit later. */
  | { readonly kind: 'ignore'; readonly reason: string }
  | { readonly kind: 'reject'; readonly offence: Offence; readonly reason: string };

/**
 * Everything consensus relies on a message for, checked before it sees it: the chain, the height window, that the
 * signer is a validator at that height and that the signature is its own; for a proposal also that the block carried
 * is the block named and signed. Cheap checks run first so a flood of junk costs no signature verifications.
 */
export function checkConsensusMessage(
  message: ConsensusMessage,
  gate: ConsensusGate,
  heightWindow: number,
  verify: Verify,
): ConsensusVerdict {
  if (message.kind === 'vote') {
    const { vote, signature } = message.vote;
    if (vote.chainId !== gate.chainId) return reject(Offence.WRONG_CHAIN, `vote for chain ${vote.chainId}`);
    const window = inWindow(vote.height, gate, heightWindow);
    if (window) return window;
    if (gate.validatorPower(vote.height, vote.validator) <= 0) {
      return reject(Offence.UNKNOWN_VALIDATOR, `vote from a key that is not a validator at height ${vote.height}`);
    }
    if (!verify(vote.validator, voteSignBytes(vote), signature)) {
      return reject(Offence.BAD_SIGNATURE, `vote at height ${vote.height} round ${vote.round} has a bad signature`);
    }
    return ACCEPT;
  }
  const { proposal, signature, block } = message.proposal;
  if (proposal.chainId !== gate.chainId || block.header.chainId !== gate.chainId) {
    return reject(Offence.WRONG_CHAIN, `proposal for chain ${proposal.chainId} / block of ${block.header.chainId}`);
  }
  if (block.header.height !== proposal.height) {
    return reject(
      Offence.MALFORMED,
      `proposal for height ${proposal.height} carries a block of ${block.header.height}`,
    );
  }
  if (proposal.validRound !== null && proposal.validRound >= proposal.round) {
    return reject(Offence.MALFORMED, `proposal validRound ${proposal.validRound} is not below round ${proposal.round}`);
  }
  const window = inWindow(proposal.height, gate, heightWindow);
  if (window) return window;
  if (!equalBytes(blockHash(block.header), proposal.blockHash)) {
    return reject(Offence.MALFORMED, 'proposal blockHash does not match the hash of the block it carries');
  }
  if (gate.validatorPower(proposal.height, proposal.proposer) <= 0) {
    return reject(Offence.UNKNOWN_VALIDATOR, `proposal from a key that is not a validator at ${proposal.height}`);
  }
  if (!verify(proposal.proposer, proposalSignBytes(proposal), signature)) {
    return reject(Offence.BAD_SIGNATURE, `proposal at height ${proposal.height} round ${proposal.round} bad signature`);
  }
  return ACCEPT;
}

const ACCEPT: ConsensusVerdict = { kind: 'accept' };

function reject(offence: Offence, reason: string): ConsensusVerdict {
  return { kind: 'reject', offence, reason };
}

function inWindow(height: number, gate: ConsensusGate, heightWindow: number): ConsensusVerdict | undefined {
  const ours = gate.height();
  if (height < ours - 1 || height > ours + heightWindow) {
    return { kind: 'ignore', reason: `height ${height} is outside [${ours - 1}, ${ours + heightWindow}]` };
  }
  return undefined;
}
