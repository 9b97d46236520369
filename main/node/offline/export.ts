import { bytesToHex, HashTag, taggedHash } from '../../../shared/crypto/index.ts';
import {
  describeAction,
  proposalContentBytes,
  SIGNING_REQUEST_FORMAT,
  type Asset,
  type Proposal,
  type SigningRequestFile,
} from '../../../shared/domain/index.ts';
import type { GuardProgress } from '../ledger/progress.ts';

/**
 * A proposal's signing request: its exact canonical content, the hash an approval signs, and a plain-language
 * summary (the action, who proposed it, each policy's progress, the expiry) with display hints for amounts.
 */
export function signingRequestFor(
  chainId: string,
  maxTxLifetimeMs: bigint,
  proposal: Proposal,
  context: { assets: Map<string, Asset>; progress: readonly GuardProgress[]; proposerName: string },
): Omit<SigningRequestFile, 'digest'> {
  const bytes = proposalContentBytes(proposal);
  const hash = bytesToHex(taggedHash(HashTag.PROPOSAL, chainId, bytes));
  if (hash !== proposal.id) throw new Error(`stored proposal ${proposal.id} does not hash to its id`);
  const hints = Object.fromEntries(
    [...context.assets.values()].map((a) => [a.id as string, { decimals: a.decimals, code: a.code }]),
  );
  const lines = [
    describeAction(proposal.action, hints),
    `Proposed by ${context.proposerName} at block ${proposal.created.height}`,
    ...context.progress.map(
      (g) =>
        `${g.guard}: approval weight ${g.weight} of ${g.threshold} — ` +
        g.signatories.map((s) => `${s.name} ${s.status === 'approved' ? '✓' : s.status}`).join(', '),
    ),
    `Expires ${new Date(Number(proposal.expiresAt)).toISOString()}`,
  ];
  return {
    format: SIGNING_REQUEST_FORMAT,
    version: 1,
    chainId: chainId as SigningRequestFile['chainId'],
    proposal: proposal.id,
    bytes: bytesToHex(bytes),
    hash,
    maxTxLifetimeMs: maxTxLifetimeMs.toString(),
    summary: { lines, assets: hints },
    exportedAt: new Date().toISOString(),
  };
}
