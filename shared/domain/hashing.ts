import { encodeCanonical, type CborValue } from '../encoding/index.ts';
import { bytesToHex, concatBytes, HashTag, taggedHash } from '../crypto/index.ts';
import type { BlockHeader, Vote } from './block.ts';
import { blockHeaderCodec, voteCodec } from './block.ts';
import type { BlockHash, ProposalId, TxId } from './ids.ts';
import type { Action } from './operations.ts';
import type { TxBody } from './tx.ts';

/**
 * The hashes that identify things and that people and validators sign. Each is a tagged hash (shared/crypto) over
 * canonical bytes, in its own domain and with the chain id, so no signature can be replayed as another kind of
 * message or on another network.
 */

/**
 * What a transaction's signers sign; its hex is the transaction id. The body is encoded without re-running its
 * schema: it is either freshly decoded (so already validated) or about to be signed and submitted, where a body the
 * schema refuses is refused anyway. encodeCanonical still refuses anything without a canonical form.
 */
export function txHash(body: TxBody): Uint8Array {
  return taggedHash(HashTag.TX, body.chainId, encodeCanonical(body as unknown as CborValue));
}
export function txId(body: TxBody): TxId {
  return bytesToHex(txHash(body)) as TxId;
}

/** The fields of a proposal that approvals sign: everything but the approvals themselves. */
export interface ProposalContent {
  readonly account?: string | undefined;
  readonly action: Action;
  readonly expiresAt: bigint;
  readonly salt: Uint8Array;
}

/** The canonical bytes of a proposal's content: what its hash covers, and what a signing request carries. */
export function proposalContentBytes(content: ProposalContent): Uint8Array {
  return encodeCanonical({
    account: content.account,
    action: content.action as unknown as CborValue,
    expiresAt: content.expiresAt,
    salt: content.salt,
  });
}

/** The proposal hash that every approval signs; its hex is the proposal id. */
export function proposalHash(chainId: string, content: ProposalContent): Uint8Array {
  return taggedHash(HashTag.PROPOSAL, chainId, proposalContentBytes(content));
}
export function proposalId(chainId: string, content: ProposalContent): ProposalId {
  return bytesToHex(proposalHash(chainId, content)) as ProposalId;
}

export function blockHash(header: BlockHeader): Uint8Array {
  return taggedHash(HashTag.BLOCK_HEADER, header.chainId, blockHeaderCodec.encode(header));
}
export function blockHashHex(header: BlockHeader): BlockHash {
  return bytesToHex(blockHash(header)) as BlockHash;
}

/** What a validator signs for a vote. */
export function voteSignBytes(vote: Vote): Uint8Array {
  return taggedHash(HashTag.VOTE, vote.chainId, voteCodec.encode(vote));
}

/** Commits to the block's transactions in order: a hash over their ids (an empty block has the hash of nothing). */
export function txRoot(chainId: string, txHashes: readonly Uint8Array[]): Uint8Array {
  return taggedHash(HashTag.TX_ROOT, chainId, concatBytes(...txHashes));
}

/** A validator set: its members' keys and powers, in the order given (the order is part of the set). */
export interface ValidatorEntry {
  readonly publicKey: Uint8Array;
  readonly power: number;
}

/** Commits a block header to the validator set whose precommits must decide it. */
export function validatorSetHash(chainId: string, validators: readonly ValidatorEntry[]): Uint8Array {
  return taggedHash(HashTag.VALIDATORS, chainId, encodeCanonical(validators.map((v) => [v.publicKey, v.power])));
}
