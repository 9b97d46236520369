import { bytesToHex } from '../../shared/crypto/index.ts';
import type { ApiParams, SignerJson } from '../../shared/api/index.ts';
import {
  approvalFileSchema,
  assetCodec,
  describeAction,
  proposalCodec,
  signatoryCodec,
  type Action,
  type Operation,
  type Proposal,
} from '../../shared/domain/index.ts';
import { notFound, rejected, type ApiHandlers } from './api/index.ts';
import { approveOp, buildTx, proposeOp } from './client/build-tx.ts';
import { findTemplate } from './contracts/index.ts';
import { StateKey, StatePrefix } from './ledger/keys.ts';
import { proposalProgress } from './ledger/progress.ts';
import { effectiveStatus } from './ledger/proposals.ts';
import type { CountersignNode } from './node.ts';
import { parseOfflineText } from './offline/files.ts';
import { checkApprovalFile } from './offline/signing.ts';
import type { Signer } from './signer/interface.ts';
import { findHomeKey, listHomeKeys, openKeyEntry, type KeyEntry } from './signer/registry.ts';
import { stateReaderOf } from './state-reader.ts';
import { entities, entity, listProposals, tx as storedTx } from './storage/index.ts';

/**
 * API methods that sign with the keys of this node's home, for the console and the desktop window: the caller names
 * a key by label and passes its passphrase or PIN; the node opens the key, signs, submits, closes the key and waits
 * for the block. Secrets are used for the one call and never kept or logged; private keys never leave the signer.
 */

/** How long a signing call waits for its transaction to be in a block before giving up (it may still commit). */
const COMMIT_WAIT_MS = 30_000;

export function signingHandlers(node: CountersignNode): ApiHandlers {
  const db = node.readDb;
  const reader = stateReaderOf(db);
  const chainId = node.genesis.chainId;
  const blockTime = () => node.store.tip()?.time ?? node.genesis.genesisTime;

  const signatoryOf = (id: string) => entity(db, StateKey.signatory(id), signatoryCodec);
  const proposalOf = (id: string): Proposal => {
    const found = entity(db, StateKey.proposal(id), proposalCodec);
    if (!found) throw notFound(`proposal ${id}`);
    return found;
  };

  /** Opens the key, lets `use` sign with it, and always closes it (ends a token session, wipes a keystore secret). */
  async function withSigner<T>(label: string, secret: string | undefined, use: (s: Signer) => Promise<T>): Promise<T> {
    const entry = findHomeKey(node.home, label);
    const needSecret = (what: string) => {
      if (secret === undefined) throw rejected('SECRET_REQUIRED', `the ${what} of key "${label}" is needed`, 'secret');
      return Promise.resolve(secret);
    };
    const signer = await openKeyEntry(entry, {
      passphrase: () => needSecret('passphrase'),
      pin: () => needSecret('PIN'),
    });
    try {
      return await use(signer);
    } finally {
      const closable = signer as { lock?: () => void; close?: () => void };
      closable.lock?.();
      closable.close?.();
    }
  }

  /** Submits one signed transaction and waits for its block; a refusal by the ledger becomes a REJECTED error. */
  async function submitAndWait(ops: Operation[], signer: Signer, proposalId: string) {
    const built = await buildTx(chainId, ops, [signer], { now: BigInt(Date.now()) });
    await node.submitTx(built.encoded);
    const committed = await waitForTx(node, built.id);
    if (committed.code !== 'OK') throw rejected(committed.code, committed.message ?? 'the ledger refused it');
    const proposal = proposalOf(proposalId);
    return {
      proposal: proposalId,
      tx: built.id,
      height: committed.height,
      status: effectiveStatus(proposal, blockTime()),
      progress: proposalProgress(reader, proposal),
    };
  }

  return {
    'signer.list': (): SignerJson[] =>
      listHomeKeys(node.home).map((k) => {
        const s = signatoryOf(k.id);
        return {
          label: k.label,
          kind: k.kind,
          scheme: k.scheme,
          id: k.id,
          publicKey: bytesToHex(k.publicKey),
          secret: secretKind(k),
          signatory: s ? { name: s.name, member: s.member, roles: [...s.roles], active: s.active } : null,
        };
      }),

    // Results hold bigints and bytes here; the router makes them the JSON of InboxItemJson.
    'proposal.inbox': ({ limit }) => {
      // One signatory may have several keys here (a development file and a keystore of the same key, say).
      const labels = new Map<string, string[]>();
      for (const k of listHomeKeys(node.home)) labels.set(k.id, [...(labels.get(k.id) ?? []), k.label]);
      const assets = Object.fromEntries(
        entities(db, StatePrefix.asset, assetCodec).map((a) => [
          a.id as string,
          { decimals: a.decimals, code: a.code },
        ]),
      );
      const now = blockTime();
      const items: { proposal: Proposal; progress: unknown; description: string; awaiting: string[] }[] = [];
      for (const row of listProposals(db, { status: 'pending', limit: 1000 })) {
        const proposal = entity(db, StateKey.proposal(row.id), proposalCodec);
        if (!proposal || effectiveStatus(proposal, now) !== 'pending') continue;
        const progress = proposalProgress(reader, proposal);
        const awaiting = new Set<string>();
        for (const g of progress) {
          if (g.satisfied) continue;
          for (const s of g.signatories) {
            if (s.status === 'pending') for (const label of labels.get(s.id) ?? []) awaiting.add(label);
          }
        }
        if (awaiting.size === 0) continue;
        items.push({
          proposal,
          progress,
          description: describeAction(proposal.action, assets),
          awaiting: [...awaiting].sort(),
        });
      }
      // Soonest deadline first: what must be signed before it lapses comes to the top.
      items.sort((a, b) => compareBig(a.proposal.expiresAt, b.proposal.expiresAt));
      return items.slice(0, limit ?? 200);
    },

    'proposal.propose': (p) =>
      withSigner(p.signer, p.secret, async (signer) => {
        const now = BigInt(Date.now());
        const action = ledgerAction(p.action);
        // A transfer names its account (the proposal is listed under it); settlement actions are guarded by the
        // instruction's debtor, which the ledger finds itself.
        const account = p.action.type === 'transfer' ? p.action.from : undefined;
        const { op, proposalId } = await proposeOp(chainId, action, signer, {
          ...(account !== undefined && { account }),
          expiresAt: now + BigInt(p.expiresInMs),
        });
        // Without `approve` the proposer only prepares it: the approvals all come from the signatories afterwards.
        const created = p.approve ? op : withoutApproval(op);
        return submitAndWait([created], signer, proposalId);
      }),

    'proposal.approve': (p) =>
      withSigner(p.signer, p.secret, async (signer) => submitAndWait([await approveOp(p.id, signer)], signer, p.id)),

    'proposal.reject': (p) =>
      withSigner(p.signer, p.secret, (signer) =>
        submitAndWait([{ type: 'proposal.reject', proposal: p.id, reason: p.reason } as Operation], signer, p.id),
      ),

    'proposal.cancel': (p) =>
      withSigner(p.signer, p.secret, (signer) =>
        submitAndWait([{ type: 'proposal.cancel', proposal: p.id } as Operation], signer, p.id),
      ),

    'proposal.importApproval': async ({ file }) => {
      const approval = parseOfflineText(file, approvalFileSchema, 'approval file');
      const { encodedTx, txId } = checkApprovalFile(approval, chainId);
      const proposal = proposalOf(approval.proposal);
      const status = effectiveStatus(proposal, blockTime());
      if (status !== 'pending') throw rejected('PROPOSAL_CLOSED', `proposal ${approval.proposal} is ${status}`);
      const inPolicy = proposalProgress(reader, proposal).some((g) =>
        g.signatories.some((s) => s.id === approval.signatory.id),
      );
      if (!inPolicy) {
        throw rejected(
          'NOT_A_SIGNATORY',
          `${approval.signatory.label} (${approval.signatory.id}) is not a signatory of the policy guarding this proposal`,
        );
      }
      await node.submitTx(encodedTx);
      const committed = await waitForTx(node, txId);
      if (committed.code !== 'OK') throw rejected(committed.code, committed.message ?? 'the ledger refused it');
      const after = proposalOf(approval.proposal);
      return {
        proposal: approval.proposal,
        tx: txId,
        height: committed.height,
        status: effectiveStatus(after, blockTime()),
        progress: proposalProgress(reader, after),
      };
    },
  };
}

/** The ledger's action for an API request: amounts and times from decimal strings to bigint, nothing else changed. */
function ledgerAction(a: ApiParams<'proposal.propose'>['action']): Action {
  switch (a.type) {
    case 'transfer':
      return {
        type: 'transfer',
        from: a.from,
        to: a.to,
        asset: a.asset,
        amount: BigInt(a.amount),
        ...(a.memo !== undefined && a.memo !== '' && { memo: a.memo }),
      } as Action;
    case 'settlement.instruct':
      return {
        type: 'settlement.instruct',
        instruction: a.instruction,
        mode: a.mode,
        priority: a.priority,
        legs: a.legs.map((l) => ({ ...l, amount: BigInt(l.amount) })),
        ...(a.settleAt !== undefined && { settleAt: BigInt(a.settleAt) }),
        ...(a.expiresAt !== undefined && { expiresAt: BigInt(a.expiresAt) }),
      } as Action;
    case 'settlement.action':
    case 'contract.sign':
    case 'contract.attest':
      return { ...a } as Action;
    case 'contract.create': {
      // The template says which terms are numbers (u64 on the ledger); an unknown template is the ledger's refusal.
      const kinds = new Map(findTemplate(a.template, a.version)?.terms.map((t) => [t.name, t.kind]) ?? []);
      const terms = Object.fromEntries(
        Object.entries(a.terms).map(([name, value]) => [
          name,
          typeof value === 'string' && NUMERIC_TERMS.has(kinds.get(name) ?? '') && /^[0-9]{1,20}$/.test(value)
            ? BigInt(value)
            : value,
        ]),
      );
      return { ...a, terms } as Action;
    }
  }
}

const NUMERIC_TERMS = new Set(['amount', 'time', 'duration', 'count']);

function secretKind(k: KeyEntry): SignerJson['secret'] {
  return k.kind === 'software' ? 'passphrase' : k.kind === 'pkcs11' ? 'pin' : 'none';
}

function withoutApproval(op: Operation): Operation {
  const { approval: _approval, ...rest } = op as Operation & { approval?: unknown };
  return rest as Operation;
}

const compareBig = (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0);

/** Polls the read handle until the transaction is stored (each block is one SQLite transaction, so all or nothing). */
async function waitForTx(
  node: CountersignNode,
  id: string,
): Promise<{ code: string; message?: string; height: number }> {
  const deadline = Date.now() + COMMIT_WAIT_MS;
  for (let delay = 10; ; delay = Math.min(delay * 2, 100)) {
    const found = storedTx(node.readDb, id);
    if (found) return found;
    if (Date.now() > deadline) {
      throw rejected('TX_TIMEOUT', `transaction ${id} was admitted but not committed within ${COMMIT_WAIT_MS} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}
