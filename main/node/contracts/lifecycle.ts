import type { Action, Contract } from '../../../shared/domain/index.ts';
import type { BalanceKind } from '../ledger/actions/balances.ts';
import type { ExecContext } from '../ledger/context.ts';
import { fail, LedgerErrorCode as E } from '../ledger/errors.ts';
import type { LedgerState } from '../ledger/ledger-state.ts';
import { requireTemplate } from './registry.ts';
import { ContractRun } from './run.ts';
import { loadContract, requireContract } from './store.ts';
import type { ContractTemplate } from './template.ts';
import { Terms } from './terms.ts';

type Of<T extends Action['type']> = Extract<Action, { type: T }>;

/** How long a draft waits for its signatures when the terms do not say (`signBy`): 30 days of block time. */
export const DEFAULT_SIGNING_WINDOW_MS = 30n * 24n * 3600n * 1000n;

/**
 * The operations on contracts: draft (contract.create), co-sign (contract.sign; the last signature activates),
 * attest (contract.attest; acted on at the end of the block) and terminate (contract.terminate). Each runs after
 * its guards (guards.ts) are satisfied: the signing party's account policy, directly or through a proposal.
 */

export function termsOf(template: ContractTemplate, contract: Pick<Contract, 'terms' | 'parties'>): Terms {
  return Terms.parse(
    contract.terms,
    template.terms,
    contract.parties.map((p) => p.role),
  );
}

/** A run over a stored contract, for one step. */
export function runFor(ctx: ExecContext, contract: Contract, kind: BalanceKind): ContractRun {
  const template = requireTemplate(contract.template, contract.version);
  return new ContractRun(ctx, template, termsOf(template, contract), contract, contract, kind);
}

function checkTerms(state: LedgerState, time: bigint, template: ContractTemplate, contract: Contract, terms: Terms) {
  template.check({
    state,
    time,
    terms,
    party: (role) => contract.parties.find((p) => p.role === role)?.account,
  });
}

function stampOf(ctx: ExecContext) {
  return { height: ctx.block.height, time: ctx.block.time, txId: ctx.txId };
}

export function createContract(ctx: ExecContext, op: Of<'contract.create'>): void {
  if (loadContract(ctx.state, op.contract)) fail(E.ALREADY_EXISTS, `contract "${op.contract}" already exists`);
  const template = requireTemplate(op.template, op.version);
  const roles = new Set<string>();
  const accounts = new Set<string>();
  for (const { role, account } of op.parties) {
    if (!template.roles.some((r) => r.name === role)) {
      fail(
        E.BAD_PARTIES,
        `"${role}" is not a role of ${template.id}; its roles are ${template.roles.map((r) => r.name).join(', ')}`,
      );
    }
    if (roles.has(role)) fail(E.BAD_PARTIES, `role "${role}" is named twice`);
    if (accounts.has(account))
      fail(E.BAD_PARTIES, `account "${account}" plays two roles; each party is its own account`);
    if (!ctx.state.account(account)) fail(E.UNKNOWN_ACCOUNT, `party ${role}: account "${account}" does not exist`);
    roles.add(role);
    accounts.add(account);
  }
  for (const r of template.roles) {
    if (r.required && !roles.has(r.name)) fail(E.BAD_PARTIES, `role "${r.name}" is required (${r.description})`);
  }
  const draft = { terms: op.terms, parties: op.parties };
  const terms = termsOf(template, draft);
  const signBy = terms.optionalInt('signBy') ?? ctx.block.time + DEFAULT_SIGNING_WINDOW_MS;
  if (signBy <= ctx.block.time) fail(E.BAD_TERMS, `term "signBy" must lie after the current block time`);
  const contract: Contract = {
    id: op.contract,
    template: op.template,
    version: op.version,
    parties: op.parties,
    terms: op.terms,
    status: 'drafted',
    created: stampOf(ctx),
    signBy,
    signatures: [],
    attestations: [],
    nextAt: signBy,
    progress: {},
  };
  checkTerms(ctx.state, ctx.block.time, template, contract, terms);
  ctx.events.push({
    type: 'contract.created',
    contract: op.contract,
    template: op.template,
    version: op.version,
    drafter: op.parties[0]!.account,
  });
  new ContractRun(ctx, template, terms, contract, undefined, op.type).save();
}

export function signContract(ctx: ExecContext, op: Of<'contract.sign'>): void {
  const contract = requireContract(ctx.state, op.contract);
  if (contract.status !== 'drafted') fail(E.CONTRACT_NOT_DRAFTED, `contract "${op.contract}" is ${contract.status}`);
  if (ctx.block.time >= contract.signBy) {
    fail(E.CONTRACT_EXPIRED, `contract "${op.contract}" had to be signed before ${contract.signBy}`);
  }
  const party = contract.parties.find((p) => p.role === op.party);
  if (!party) fail(E.NOT_A_PARTY, `contract "${op.contract}" has no party "${op.party}"`);
  if (contract.signatures.some((s) => s.role === op.party)) {
    fail(E.ALREADY_SIGNED, `party "${op.party}" has already signed contract "${op.contract}"`);
  }
  const run = runFor(ctx, contract, op.type);
  const signatures = [...contract.signatures, { ...party, ...stampOf(ctx) }];
  const remaining = contract.parties.length - signatures.length;
  run.update({ signatures });
  ctx.events.push({
    type: 'contract.signed',
    contract: contract.id,
    party: op.party,
    account: party.account,
    remaining,
  });
  if (remaining > 0) return run.save();
  // The last signature: the terms are checked against today's ledger again (a bill may have moved, a date passed),
  // then the template activates the contract in this same transaction — if it cannot (funds to lock are missing),
  // the signature fails with it and the draft stays as it was.
  checkTerms(ctx.state, ctx.block.time, run.template, contract, run.terms);
  run.update({ status: 'active', activated: { height: ctx.block.height, time: ctx.block.time } });
  run.schedule(undefined);
  ctx.events.push({ type: 'contract.activated', contract: contract.id });
  run.template.activate(run);
  run.save();
}

export function attestContract(ctx: ExecContext, op: Of<'contract.attest'>): void {
  const contract = requireContract(ctx.state, op.contract);
  if (contract.status !== 'active') fail(E.CONTRACT_NOT_ACTIVE, `contract "${op.contract}" is ${contract.status}`);
  const party = contract.parties.find((p) => p.role === op.party);
  if (!party) fail(E.NOT_A_PARTY, `contract "${op.contract}" has no party "${op.party}"`);
  const run = runFor(ctx, contract, op.type);
  const rules = run.template.attestations(
    run.terms,
    contract.parties.map((p) => p.role),
  );
  const rule = rules.find((r) => r.role === op.party);
  if (!rule) fail(E.NOT_ATTESTER, `party "${op.party}" does not attest anything in contract "${op.contract}"`);
  if (!rule.facts.includes(op.fact)) {
    fail(
      E.UNKNOWN_FACT,
      `"${op.fact}" is not a fact of contract "${op.contract}"; ${op.party} attests ${rule.facts.join(', ')}`,
    );
  }
  // An attestation counts only before the contract's next timed step (its expiry, its release time): at that
  // block's end the timed step wins, so an attestation in the same block would be refused there anyway.
  if (contract.nextAt !== undefined && ctx.block.time >= contract.nextAt) {
    fail(E.ATTESTATION_TOO_LATE, `contract "${op.contract}" reached its timed step at ${contract.nextAt}`);
  }
  if (contract.attestations.some((a) => a.role === op.party && a.fact === op.fact)) {
    fail(E.ALREADY_EXISTS, `party "${op.party}" has already attested "${op.fact}"`);
  }
  run.update({ attestations: [...contract.attestations, { role: op.party, fact: op.fact, ...stampOf(ctx) }] });
  ctx.events.push({
    type: 'contract.attested',
    contract: contract.id,
    party: op.party,
    account: party.account,
    fact: op.fact,
  });
  run.save();
}

export function terminateContract(ctx: ExecContext, op: Of<'contract.terminate'>): void {
  const contract = requireContract(ctx.state, op.contract);
  if (contract.status !== 'drafted' && contract.status !== 'active') {
    fail(E.CONTRACT_CLOSED, `contract "${op.contract}" is already ${contract.status}`);
  }
  const run = runFor(ctx, contract, op.type);
  if (contract.status === 'active') {
    if (!run.template.terminableWhenActive) {
      fail(E.NOT_TERMINABLE, `an active ${contract.template} contract cannot be terminated: others rely on it`);
    }
    run.template.onTerminate(run);
  }
  run.finish('terminated', { code: 'TERMINATED', reason: op.reason });
  run.save();
}
