import { z } from 'zod';
import { defineCodec, s } from '../encoding/index.ts';
import { chainIdSchema } from './ids.ts';
import { timeMs } from './operations.ts';
import { txSchema } from './tx.ts';

export const MAX_BLOCK_BYTES = 8 * 1024 * 1024;
export const MAX_TXS_PER_BLOCK = 10_000;

const hash = s.bytes({ length: 32 });
const publicKey = s.bytes({ max: 65 });
const signature = s.bytes({ max: 65 });

/**
 * A block header. `appHash` is the state hash *after* this block's transactions (execution happens before the block
 * is proposed and is re-checked by every validator before it votes), so a header alone pins the state it produced.
 * `height` starts at 1; the genesis state is height 0 and has no header. `previousHash` is 32 zero bytes at height 1.
 */
export const blockHeaderSchema = z.strictObject({
  chainId: chainIdSchema,
  height: s.uint(),
  time: timeMs,
  previousHash: hash,
  txRoot: hash,
  appHash: hash,
  /** Hash of the validator set that must sign this block's commit. */
  validatorsHash: hash,
  proposer: publicKey,
});
export type BlockHeader = z.output<typeof blockHeaderSchema>;

export const voteTypeSchema = z.enum(['prevote', 'precommit']);
export type VoteType = z.output<typeof voteTypeSchema>;

/** A consensus vote. `blockHash` null is a vote for nil. Signed as voteSignBytes (hash tag "vote"). */
export const voteSchema = z.strictObject({
  chainId: chainIdSchema,
  type: voteTypeSchema,
  height: s.uint(),
  round: s.uint(1_000_000),
  blockHash: hash.nullable(),
  validator: publicKey,
});
export type Vote = z.output<typeof voteSchema>;

export const signedVoteSchema = z.strictObject({ vote: voteSchema, signature });
export type SignedVote = z.output<typeof signedVoteSchema>;

/**
 * Proof that a block was decided: precommits for `blockHash` at (height, round) from validators holding more than
 * two thirds of the voting power of the set named by the header's validatorsHash.
 */
export const commitCertificateSchema = z.strictObject({
  height: s.uint(),
  round: s.uint(1_000_000),
  blockHash: hash,
  precommits: z
    .array(z.strictObject({ validator: publicKey, signature }))
    .min(1)
    .max(256),
});
export type CommitCertificate = z.output<typeof commitCertificateSchema>;

export const blockSchema = z.strictObject({
  header: blockHeaderSchema,
  txs: z.array(txSchema).max(MAX_TXS_PER_BLOCK),
});
export type Block = z.output<typeof blockSchema>;

export const blockHeaderCodec = defineCodec('block header', blockHeaderSchema, { maxBytes: 4096, maxDepth: 4 });
export const blockCodec = defineCodec('block', blockSchema, { maxBytes: MAX_BLOCK_BYTES, maxDepth: 16 });
export const signedVoteCodec = defineCodec('vote', signedVoteSchema, { maxBytes: 1024, maxDepth: 4 });
export const voteCodec = defineCodec('vote', voteSchema, { maxBytes: 1024, maxDepth: 4 });
export const commitCertificateCodec = defineCodec('commit certificate', commitCertificateSchema, {
  maxBytes: 64 * 1024,
  maxDepth: 4,
});
