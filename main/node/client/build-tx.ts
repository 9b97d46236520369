import { randomBytes } from 'node:crypto';
import { bytesToHex, hexToBytesStrict } from '../../../shared/crypto/index.ts';
import {
  proposalHash,
  txBodySchema,
  txCodec,
  txHash,
  type Action,
  type Operation,
  type ProposalId,
  type Tx,
} from '../../../shared/domain/index.ts';
import type { Signer } from '../signer/interface.ts';

export interface BuiltTx {
  readonly tx: Tx;
  readonly encoded: Uint8Array;
  readonly id: string;
}

/**
 * A signed transaction: the operations, a random nonce, an expiry `ttlMs` after `now`, and one signature per
 * signer over the transaction hash.
 */
export async function buildTx(
  chainId: string,
  ops: readonly Operation[],
  signers: readonly Signer[],
  opts: { now: bigint; ttlMs?: bigint; memo?: string },
): Promise<BuiltTx> {
  const body = txBodySchema.parse({
    chainId,
    expiresAt: opts.now + (opts.ttlMs ?? 3_600_000n),
    nonce: new Uint8Array(randomBytes(8)),
    ops,
    ...(opts.memo !== undefined && { memo: opts.memo }),
  });
  const hash = txHash(body);
  const signatures = [];
  for (const s of signers) signatures.push({ publicKey: s.publicKey, signature: await s.sign(hash) });
  const tx: Tx = { body, signatures };
  return { tx, encoded: txCodec.encode(tx), id: bytesToHex(hash) };
}

/** A proposal.create operation carrying the proposer's own approval. */
export async function proposeOp(
  chainId: string,
  action: Action,
  proposer: Signer,
  opts: { account?: string; expiresAt: bigint },
): Promise<{ op: Operation; proposalId: ProposalId }> {
  const content = {
    ...(opts.account !== undefined && { account: opts.account }),
    action,
    expiresAt: opts.expiresAt,
    salt: new Uint8Array(randomBytes(16)),
  };
  const hash = proposalHash(chainId, content);
  const op = {
    type: 'proposal.create',
    ...content,
    approval: { publicKey: proposer.publicKey, signature: await proposer.sign(hash) },
  } as Operation;
  return { op, proposalId: bytesToHex(hash) as ProposalId };
}

/** A proposal.approve operation: the approver's signature over the proposal hash (which is the proposal id). */
export async function approveOp(proposalId: string, approver: Signer): Promise<Operation> {
  return {
    type: 'proposal.approve',
    proposal: proposalId as ProposalId,
    approval: { publicKey: approver.publicKey, signature: await approver.sign(hexToBytesStrict(proposalId)) },
  };
}
