import type {
  AccountId,
  AssetId,
  Contract,
  ContractId,
  ContractStatus,
  ContractTermValue,
} from '../../../shared/domain/index.ts';
import { credit, debit, move, requirePositive, type BalanceKind } from '../ledger/actions/balances.ts';
import { childContext, commitChild, type ExecContext } from '../ledger/context.ts';
import { fail, LedgerError, LedgerErrorCode as E } from '../ledger/errors.ts';
import { contractHolding, StatePrefix } from '../ledger/keys.ts';
import { decodeCanonical } from '../../../shared/encoding/index.ts';
import { saveContract } from './store.ts';
import type { ContractTemplate } from './template.ts';
import type { Terms } from './terms.ts';

/**
 * One step of one contract: the template's behaviour runs against this object, which moves funds (with their
 * balance events and a contract event naming the contract), schedules the next step and closes the contract. The
 * caller saves the instance when the step is done (`save`). Everything runs in the ExecContext it was given: a
 * transaction's (signing, terminating) or the end-of-block phase's.
 */
export class ContractRun {
  private execCtx: ExecContext;
  readonly template: ContractTemplate;
  readonly terms: Terms;
  /** What balance events name as their cause. */
  readonly kind: BalanceKind;
  private readonly stored: Contract | undefined;
  private current: Contract;

  constructor(
    ctx: ExecContext,
    template: ContractTemplate,
    terms: Terms,
    contract: Contract,
    stored: Contract | undefined,
    kind: BalanceKind,
  ) {
    this.execCtx = ctx;
    this.template = template;
    this.terms = terms;
    this.current = contract;
    this.stored = stored;
    this.kind = kind;
  }

  /** Where the step's moves and events go (a child context inside `atomically`). */
  get ctx(): ExecContext {
    return this.execCtx;
  }
  get contract(): Contract {
    return this.current;
  }
  get id(): ContractId {
    return this.current.id;
  }
  get time(): bigint {
    return this.ctx.block.time;
  }
  get status(): ContractStatus {
    return this.current.status;
  }

  /** The account that plays `role`. */
  account(role: string): AccountId {
    const party = this.current.parties.find((p) => p.role === role);
    if (!party) throw new Error(`bug: contract ${this.current.id} has no party "${role}"`);
    return party.account;
  }

  /** The contract's holding of `asset` (locked funds). */
  holding(asset: string): bigint {
    return this.ctx.state.balance(contractHolding(this.id), asset);
  }

  /** Every asset the contract holds, in asset order. */
  holdings(): { asset: AssetId; amount: bigint }[] {
    const prefix = `${StatePrefix.balance}${contractHolding(this.id)}/`;
    return [...this.ctx.state.overlay.scan(prefix)].map(([key, value]) => ({
      asset: key.slice(prefix.length) as AssetId,
      amount: BigInt(decodeCanonical(value) as number | bigint),
    }));
  }

  /** Moves funds from a party into the contract's holding (INSUFFICIENT_FUNDS when it lacks them). */
  lock(from: AccountId, asset: AssetId, amount: bigint): void {
    requirePositive(amount);
    debit(this.ctx, this.kind, from, asset, amount);
    credit(this.ctx, this.kind, contractHolding(this.id) as AccountId, asset, amount, from);
    this.ctx.events.push({ type: 'contract.locked', contract: this.id, account: from, asset, amount });
  }

  /** Moves funds out of the contract's holding to an account. */
  release(to: AccountId, asset: AssetId, amount: bigint, reason: 'release' | 'refund' | 'payout'): void {
    requirePositive(amount);
    debit(this.ctx, this.kind, contractHolding(this.id) as AccountId, asset, amount);
    credit(this.ctx, this.kind, to, asset, amount);
    this.ctx.events.push({ type: 'contract.released', contract: this.id, to, asset, amount, reason });
  }

  /** Releases everything the contract holds to one account. */
  releaseAll(to: AccountId, reason: 'release' | 'refund' | 'payout'): void {
    for (const h of this.holdings()) this.release(to, h.asset, h.amount, reason);
  }

  /** A payment between two accounts that the contract makes on its parties' behalf. */
  pay(from: AccountId, to: AccountId, asset: AssetId, amount: bigint, purpose: string): void {
    requirePositive(amount);
    if (from === to) fail(E.SAME_ACCOUNT, `contract ${this.id}: ${purpose} from and to the same account`);
    move(this.ctx, this.kind, from, to, asset, amount);
    this.ctx.events.push({ type: 'contract.paid', contract: this.id, from, to, asset, amount, purpose });
  }

  /**
   * Runs `work` all or nothing: its moves and events are kept if it succeeds; if it fails with a ledger error
   * (funds missing), nothing it did remains and the error is returned for the template to act on.
   */
  atomically(work: () => void): LedgerError | undefined {
    const parent = this.execCtx;
    const child = childContext(parent);
    const before = this.current;
    this.execCtx = child;
    try {
      work();
    } catch (err) {
      if (!(err instanceof LedgerError)) throw err;
      this.current = before;
      return err;
    } finally {
      this.execCtx = parent;
    }
    commitChild(parent, child);
    return undefined;
  }

  /** Sets (or clears) the block time of the next timed step. */
  schedule(at: bigint | undefined): void {
    const { nextAt: _, ...rest } = this.current;
    this.current = at === undefined ? rest : { ...rest, nextAt: at };
  }

  progress(key: string): ContractTermValue | undefined {
    return this.current.progress[key];
  }
  setProgress(key: string, value: ContractTermValue): void {
    this.current = { ...this.current, progress: { ...this.current.progress, [key]: value } };
  }

  /** Changes the instance (lifecycle fields: signatures, attestations, status on activation). */
  update(patch: Partial<Contract>): void {
    this.current = { ...this.current, ...patch };
  }

  /** Closes the contract with its outcome, its event and no further step. */
  finish(
    status: Exclude<ContractStatus, 'drafted' | 'active'>,
    detail: { code?: string; message?: string; reason?: string } = {},
  ): void {
    const id = this.id;
    const code = detail.code ?? status.toUpperCase();
    const message = (detail.message ?? detail.reason)?.slice(0, 512); // the stored bound
    this.schedule(undefined);
    this.current = {
      ...this.current,
      status,
      closed: {
        height: this.ctx.block.height,
        time: this.ctx.block.time,
        code,
        ...(message !== undefined && { message }),
      },
    };
    switch (status) {
      case 'executed':
        return void this.ctx.events.push({ type: 'contract.executed', contract: id });
      case 'expired':
        return void this.ctx.events.push({ type: 'contract.expired', contract: id, stage: this.stage() });
      case 'terminated':
        return void this.ctx.events.push({ type: 'contract.terminated', contract: id, reason: detail.reason ?? '' });
      case 'defaulted':
        return void this.ctx.events.push({ type: 'contract.defaulted', contract: id, code, message: message ?? '' });
    }
  }

  /** Writes the instance (and its timer entry). */
  save(): void {
    saveContract(this.ctx.state, this.stored, this.current);
  }

  private stage(): 'draft' | 'active' {
    return this.current.activated ? 'active' : 'draft';
  }
}
