import type { LedgerState } from '../ledger/ledger-state.ts';
import type { MovedAmount } from '../ledger/policy.ts';
import type { ContractRun } from './run.ts';
import type { Terms } from './terms.ts';

/**
 * What a contract template is: a versioned, self-describing definition (roles, terms and what may be attested) and
 * the behaviour that runs its instances. Behaviour is bound to (id, version): an instance keeps running under the
 * version it was drafted with, so a new version of a template never changes a signed contract.
 */

/** How a term's value is read and checked; also tells the CLI and the window how to ask for it. */
export type TermKind =
  /** An asset id on the ledger. */
  | 'asset'
  /** Minor units of the asset named by the spec's `asset` term; greater than zero. */
  | 'amount'
  /** Block time, ms since the Unix epoch. */
  | 'time'
  /** Milliseconds. */
  | 'duration'
  /** A whole number from 1 to 1000. */
  | 'count'
  /** Free text, 1–128 characters. */
  | 'text'
  /** The name of one of the template's roles. */
  | 'role'
  /** A digital bill's serial. */
  | 'bill';

export interface TermSpec {
  readonly name: string;
  readonly kind: TermKind;
  readonly required: boolean;
  readonly description: string;
  /** For an amount: the name of the term holding its asset (which gives its decimals). */
  readonly asset?: string;
}

export interface RoleSpec {
  readonly name: string;
  /** A required role must be named when the contract is drafted; every named party signs. */
  readonly required: boolean;
  readonly description: string;
}

/** Who may attest which facts while the contract is active. */
export interface AttestationRule {
  readonly role: string;
  readonly facts: readonly string[];
}

/** What a template's checks can see: the ledger at the time of the check, the terms and the parties. */
export interface CheckContext {
  readonly state: LedgerState;
  readonly time: bigint;
  readonly terms: Terms;
  /** The account of a role, or undefined when the role is not named. */
  party(role: string): string | undefined;
}

export interface ContractTemplate {
  readonly id: string;
  readonly version: number;
  readonly title: string;
  readonly description: string;
  readonly roles: readonly RoleSpec[];
  readonly terms: readonly TermSpec[];
  /** Whether an active instance may be terminated (by every party together); otherwise only a draft can be. */
  readonly terminableWhenActive: boolean;
  /** Who may attest what, given the terms and the roles named (empty: the template reacts to no attestation). */
  attestations(terms: Terms, roles: readonly string[]): readonly AttestationRule[];
  /**
   * Checks that need the ledger (assets exist and have the right kind, times lie ahead). Run when the contract is
   * drafted and again when the last signature activates it; throws a LedgerError (BAD_TERMS, UNKNOWN_ASSET, ...).
   */
  check(c: CheckContext): void;
  /** What a party commits by signing: the amounts that select its policy's amount tiers. */
  exposure(state: LedgerState, terms: Terms, role: string): MovedAmount[];
  /** Runs in the transaction of the last signature: locks funds, pays a premium, schedules the first step. */
  activate(run: ContractRun): void;
  /** Runs at the end of the block of an accepted attestation (contract active). */
  onAttested(run: ContractRun, role: string, fact: string): void;
  /** Runs at the end of the first block whose time is at or after `nextAt` (contract active). */
  onTime(run: ContractRun): void;
  /** Runs when every party terminates the active contract: give back what it holds. */
  onTerminate(run: ContractRun): void;
}

/** The template's public description, as contract.templates returns it. */
export function describeTemplate(t: ContractTemplate) {
  return {
    id: t.id,
    version: t.version,
    title: t.title,
    description: t.description,
    roles: t.roles,
    terms: t.terms,
    terminableWhenActive: t.terminableWhenActive,
  };
}
