import { hexToBytesStrict } from '../../shared/crypto/index.ts';
import {
  accountCodec,
  assetCodec,
  billCodec,
  evidenceCodec,
  memberCodec,
  proposalCodec,
  signatoryCodec,
  type Asset,
} from '../../shared/domain/index.ts';
import { notFound, rejected, type ApiHandlers } from './api/index.ts';
import { signingRequestFor } from './offline/export.ts';
import { StateKey, StatePrefix } from './ledger/keys.ts';
import { proposalProgress } from './ledger/progress.ts';
import { effectiveStatus } from './ledger/proposals.ts';
import { contractHandlers } from './contracts-handlers.ts';
import type { CountersignNode } from './node.ts';
import { settlementHandlers } from './settlement-handlers.ts';
import { signingHandlers } from './signing-handlers.ts';
import { stateReaderOf } from './state-reader.ts';
import {
  accountHistory,
  balances,
  billChain,
  block,
  entities,
  entity,
  listProposals,
  proposalTrail,
  recentBlocks,
  tx,
} from './storage/index.ts';

/**
 * The API's methods over a running node. Reads go through the read handle (they never wait for a block being
 * written); submissions go through the mempool's admission checks. Results may hold bigints and byte strings: the
 * router turns them into decimal strings and hex.
 */
export function nodeHandlers(node: CountersignNode): ApiHandlers {
  const db = node.readDb;
  const reader = stateReaderOf(db);
  const now = () => node.store.tip()?.time ?? node.genesis.genesisTime;
  const assets = () => new Map(entities(db, StatePrefix.asset, assetCodec).map((a) => [a.id as string, a]));
  const withStatus = <T extends { status: string; expiresAt: bigint }>(p: T) => ({
    ...p,
    status: effectiveStatus(p, now()),
  });

  return {
    'node.status': () => node.status(),

    'block.get': (params) => {
      const found = block(db, params);
      if (!found) throw notFound('height' in params ? `block ${params.height}` : `block ${params.hash}`);
      return found;
    },
    'block.list': (params) => recentBlocks(db, params),

    'tx.get': ({ id }) => tx(db, id) ?? notFoundThrow(`transaction ${id}`),
    'tx.submit': async (params) => {
      const admitted = await node.submitTx(hexToBytesStrict(params.tx));
      return { id: admitted.id, status: 'pending' };
    },

    'member.list': () => entities(db, StatePrefix.member, memberCodec),
    'signatory.list': () => entities(db, StatePrefix.signatory, signatoryCodec),
    'account.list': () => entities(db, StatePrefix.account, accountCodec),
    'account.get': ({ account }) => {
      const found = entity(db, StateKey.account(account), accountCodec);
      if (!found) throw notFound(`account "${account}"`);
      return { ...found, balances: withDecimals(balances(db, account), assets()) };
    },
    'account.balances': ({ account }) => {
      if (!entity(db, StateKey.account(account), accountCodec)) throw notFound(`account "${account}"`);
      return withDecimals(balances(db, account), assets());
    },
    'account.history': (params) => accountHistory(db, params),

    'asset.list': () => [...assets().values()],

    'proposal.get': ({ id }) => {
      const proposal = entity(db, StateKey.proposal(id), proposalCodec);
      if (!proposal) throw notFound(`proposal ${id}`);
      return {
        proposal: { ...proposal, status: effectiveStatus(proposal, now()) },
        progress: proposalProgress(reader, proposal),
        trail: proposalTrail(db, id),
      };
    },
    'proposal.list': (params) => {
      const wanted = params.status;
      const stored = wanted === 'expired' ? undefined : wanted;
      let rows = listProposals(db, { status: stored, account: params.account, limit: params.limit ?? 100 }).map(
        withStatus,
      );
      if (wanted) rows = rows.filter((r) => r.status === wanted);
      if (params.awaiting) {
        const who = params.awaiting;
        rows = rows.filter((r) => {
          if (r.status !== 'pending') return false;
          const p = entity(db, StateKey.proposal(r.id), proposalCodec);
          if (!p) return false;
          return proposalProgress(reader, p).some(
            (g) => !g.satisfied && g.signatories.some((s) => s.id === who && s.status === 'pending'),
          );
        });
      }
      return rows;
    },

    'proposal.signingRequest': ({ id }) => {
      const proposal = entity(db, StateKey.proposal(id), proposalCodec);
      if (!proposal) throw notFound(`proposal ${id}`);
      const status = effectiveStatus(proposal, now());
      if (status !== 'pending') throw rejected('PROPOSAL_NOT_PENDING', `proposal ${id} is ${status}`);
      return signingRequestFor(node.genesis.chainId, node.genesis.params.maxTxLifetimeMs, proposal, {
        assets: assets(),
        progress: proposalProgress(reader, proposal),
        proposerName: entity(db, StateKey.signatory(proposal.proposer), signatoryCodec)?.name ?? proposal.proposer,
      });
    },

    'bill.get': ({ serial }) => {
      const bill = entity(db, StateKey.bill(serial), billCodec);
      if (!bill) throw notFound(`bill "${serial}"`);
      return { bill, chain: billChain(db, serial) };
    },
    'bill.list': () => entities(db, StatePrefix.bill, billCodec),
    'evidence.list': () => entities(db, StatePrefix.evidence, evidenceCodec),
    ...contractHandlers(node),
    ...settlementHandlers(node),

    // Signing with this node's keys (signer.list, proposal.inbox/propose/approve/reject/cancel/importApproval).
    ...signingHandlers(node),
  };
}

function withDecimals(list: { asset: string; amount: bigint }[], assets: Map<string, Asset>) {
  return list.map((b) => ({ ...b, decimals: assets.get(b.asset)?.decimals ?? 0 }));
}

function notFoundThrow(what: string): never {
  throw notFound(what);
}
