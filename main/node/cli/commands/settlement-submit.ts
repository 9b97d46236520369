import type { Action } from '../../../../shared/domain/index.ts';
import { ApiCallError, type ApiClient } from '../../api/index.ts';
import { buildTx, proposeOp } from '../../client/build-tx.ts';
import type { Signer } from '../../signer/interface.ts';
import { CliError, waitForTx } from '../context.ts';

const UNITS = { s: 1000n, m: 60_000n, h: 3_600_000n, d: 86_400_000n } as const;

/** "90m", "24h", "7d", "30s" → ms. */
export function duration(text: string, what: string): bigint {
  const m = /^(\d+)(s|m|h|d)$/.exec(text);
  if (!m) throw new CliError('BAD_ARGUMENT', `${what} must look like 30s, 90m, 24h or 7d, got "${text}"`);
  return BigInt(m[1]!) * UNITS[m[2] as keyof typeof UNITS];
}

/** A block time: ms since the epoch, "+90m" from now, or an ISO 8601 date-time. */
export function blockTime(text: string, what: string, now: bigint): bigint {
  if (/^\d+$/.test(text)) return BigInt(text);
  if (text.startsWith('+')) return now + duration(text.slice(1), what);
  const parsed = Date.parse(text);
  if (Number.isNaN(parsed)) {
    throw new CliError('BAD_ARGUMENT', `${what} must be ms since the epoch, +DURATION or an ISO date, got "${text}"`);
  }
  return BigInt(parsed);
}

/**
 * Proposes settlement actions, one proposal each, in one signed transaction (created together or not at all). The
 * signer's approval comes with each; where the account's policy needs no one else, the action executes in the same
 * block, otherwise co-signers approve with `countersign approve ID`.
 */
export async function proposeAll(
  client: ApiClient,
  chainId: string,
  signer: Signer,
  actions: readonly { action: Action; account: string }[],
  approvalWindowMs: bigint,
): Promise<{ tx: string; height: number; proposals: { id: string; status: string }[] }> {
  const now = BigInt(Date.now());
  const proposed = [];
  for (const a of actions) {
    proposed.push(
      await proposeOp(chainId, a.action, signer, { account: a.account, expiresAt: now + approvalWindowMs }),
    );
  }
  const built = await buildTx(
    chainId,
    proposed.map((p) => p.op),
    [signer],
    { now },
  );
  await client.call('tx.submit', { tx: Buffer.from(built.encoded).toString('hex') });
  const result = await waitForTx(client, built.id);
  if (result.code !== 'OK') throw new CliError(result.code, result.message ?? 'the transaction was refused');
  const proposals = [];
  for (const p of proposed) {
    const shown = (await client.call('proposal.get', { id: p.proposalId })) as {
      proposal: { status: string; closed?: { code: string; message?: string } };
    };
    const { status, closed } = shown.proposal;
    if (status === 'failed') {
      throw new CliError(
        closed?.code ?? 'PROPOSAL_FAILED',
        `proposal ${p.proposalId} failed: ${closed?.message ?? ''}`,
      );
    }
    proposals.push({ id: p.proposalId, status });
  }
  return { tx: built.id, height: result.height, proposals };
}

/** The instruction as the node shows it, or null if it does not exist (yet: its proposal waits for approvals). */
export async function instructionOrNull(client: ApiClient, id: string): Promise<Record<string, unknown> | null> {
  try {
    const found = (await client.call('settlement.instruction', { id })) as { instruction: Record<string, unknown> };
    return found.instruction;
  } catch (err) {
    if (err instanceof ApiCallError && err.code === 'NOT_FOUND') return null;
    throw err;
  }
}
