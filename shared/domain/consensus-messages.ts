import { z } from 'zod';
import { taggedHash, HashTag } from '../crypto/index.ts';
import { defineCodec, s } from '../encoding/index.ts';
import { blockSchema, MAX_BLOCK_BYTES, signedVoteSchema, type SignedVote } from './block.ts';
import { chainIdSchema } from './ids.ts';

/**
 * What validators send each other for consensus. A vote is a SignedVote (block.ts). A block proposal names the block
 * by hash and carries it whole, signed by the round's proposer over proposalSignBytes: the signature binds
 * (chain, height, round, validRound, block hash), so a proposer that signs two different blocks for one (height,
 * round) has equivocated and the two signed proposals are evidence.
 */

const hash = s.bytes({ length: 32 });
const publicKey = s.bytes({ max: 65 });
const signature = s.bytes({ max: 65 });

export const blockProposalSchema = z.strictObject({
  chainId: chainIdSchema,
  height: s.uint(),
  round: s.uint(1_000_000),
  /** Algorithm 1's validRound: null for −1 (a fresh value), else a round below `round`. */
  validRound: s.uint(1_000_000).nullable(),
  blockHash: hash,
  proposer: publicKey,
});
export type BlockProposal = z.output<typeof blockProposalSchema>;

export const signedBlockProposalSchema = z.strictObject({
  proposal: blockProposalSchema,
  signature,
  block: blockSchema,
});
export type SignedBlockProposal = z.output<typeof signedBlockProposalSchema>;

export const blockProposalCodec = defineCodec('block proposal', blockProposalSchema, { maxBytes: 1024, maxDepth: 4 });
export const signedBlockProposalCodec = defineCodec('signed block proposal', signedBlockProposalSchema, {
  maxBytes: MAX_BLOCK_BYTES + 4096,
  maxDepth: 18,
});

/** What a proposer signs: the proposal without the block (the block hash stands for it). */
export function proposalSignBytes(proposal: BlockProposal): Uint8Array {
  return taggedHash(HashTag.BLOCK_PROPOSAL, proposal.chainId, blockProposalCodec.encode(proposal));
}

/** One consensus message on the wire: a signed block proposal or a signed vote. */
export const consensusMessageSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('proposal'), proposal: signedBlockProposalSchema }),
  z.strictObject({ kind: z.literal('vote'), vote: signedVoteSchema }),
]);
export type ConsensusMessage = { kind: 'proposal'; proposal: SignedBlockProposal } | { kind: 'vote'; vote: SignedVote };
export const consensusMessageCodec = defineCodec('consensus message', consensusMessageSchema, {
  maxBytes: MAX_BLOCK_BYTES + 8192,
  maxDepth: 20,
});
