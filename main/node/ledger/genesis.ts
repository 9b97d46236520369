import { bytesToHex, HashTag, taggedHash } from '../../../shared/crypto/index.ts';
import { genesisCodec, type Genesis } from '../../../shared/domain/index.ts';
import { applyAction } from './actions/apply.ts';
import { validatePolicy } from './actions/governance.ts';
import type { ExecContext } from './context.ts';
import { nextAppHash } from './app-hash.ts';
import type { StateReader } from './interface.ts';
import { LedgerState } from './ledger-state.ts';
import { StateOverlay, type Write } from './overlay.ts';

const EMPTY_STATE: StateReader = { get: () => undefined, scan: () => [] };
const ZERO_HASH = new Uint8Array(32);

export interface GenesisState {
  /** Hash of the canonical genesis document: two nodes are on the same network only if theirs match. */
  readonly hash: Uint8Array;
  /** App hash of the genesis state (height 0). */
  readonly appHash: Uint8Array;
  readonly writes: { key: string; value: Write }[];
}

/**
 * Builds the genesis state by applying the genesis document through the same actions the ledger executes later
 * (so genesis obeys the same rules: valid LEIs, ISINs and policies), at height 0 and genesis time.
 */
export function buildGenesisState(genesis: Genesis): GenesisState {
  const state = new LedgerState(new StateOverlay(EMPTY_STATE));
  const ctx: ExecContext = {
    state,
    block: { chainId: genesis.chainId, height: 0, time: genesis.genesisTime },
    txId: 'genesis',
    signers: [],
    events: [],
  };
  for (const m of genesis.members) applyAction(ctx, { type: 'member.add', member: m.id, name: m.name });
  for (const s of genesis.signatories) applyAction(ctx, { type: 'signatory.add', ...s });
  validatePolicy(state, genesis.governance);
  state.putGovernance({ policy: genesis.governance });
  for (const a of genesis.accounts) {
    applyAction(ctx, { type: 'account.create', account: a.id, owner: a.owner, name: a.name, policy: a.policy });
  }
  for (const { id, ...a } of genesis.assets) applyAction(ctx, { type: 'asset.define', asset: id, ...a });
  for (const b of genesis.balances)
    applyAction(ctx, { type: 'asset.issue', asset: b.asset, to: b.account, amount: b.amount });
  for (const c of genesis.settlement?.cycles ?? []) applyAction(ctx, { type: 'settlement.cycle.set', ...c });
  for (const v of genesis.validators) state.putValidator(bytesToHex(v.publicKey), v);
  const writes = state.overlay.writes();
  return {
    hash: taggedHash(HashTag.GENESIS, genesis.chainId, genesisCodec.encode(genesis)),
    appHash: nextAppHash(genesis.chainId, ZERO_HASH, 0, writes, []),
    writes,
  };
}
