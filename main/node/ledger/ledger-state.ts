import { decodeCanonical, encodeUnsigned, type Codec } from '../../../shared/encoding/index.ts';
import {
  accountCodec,
  assetCodec,
  billCodec,
  governanceCodec,
  memberCodec,
  proposalCodec,
  signatoryCodec,
  validatorCodec,
  evidenceCodec,
  type Evidence,
  type ValidatorRecord,
  type Account,
  type Asset,
  type Bill,
  type Governance,
  type Member,
  type Proposal,
  type Signatory,
} from '../../../shared/domain/index.ts';
import { StateKey } from './keys.ts';
import type { StateOverlay } from './overlay.ts';

/**
 * Typed access to ledger state over an overlay. Decoded entities are cached per instance (decoding and schema
 * checks dominate execution cost otherwise); a child made for one transaction reads through its parent's cache and
 * hands its entries back only if the transaction commits, exactly like the overlay's writes.
 *
 * Entities returned here are shared with the cache: treat them as immutable and put a new object to change one.
 */
export class LedgerState {
  readonly overlay: StateOverlay;
  private readonly cache = new Map<string, unknown>();
  private readonly parent: LedgerState | undefined;

  constructor(overlay: StateOverlay, parent?: LedgerState) {
    this.overlay = overlay;
    this.parent = parent;
  }

  /** A state for one transaction (or one nested action) whose changes can be committed or dropped. */
  child(): LedgerState {
    return new LedgerState(this.overlay.child(), this);
  }

  /**
   * Takes a child's decoded entities into this cache without its writes: for a long-lived view of committed state,
   * after the child's writes have been committed to the store underneath. Bounded: past `limit` entries the cache
   * starts over (it is only a cache; the store has everything).
   */
  adoptCache(child: LedgerState, limit = 200_000): void {
    if (this.cache.size + child.cache.size > limit) this.cache.clear();
    for (const [k, v] of child.cache) this.cache.set(k, v);
  }

  /** Commits a child's writes and cache into this state. */
  absorb(child: LedgerState): void {
    child.overlay.mergeInto(this.overlay);
    for (const [k, v] of child.cache) this.cache.set(k, v);
  }

  member(id: string): Member | undefined {
    return this.read(StateKey.member(id), memberCodec);
  }
  putMember(m: Member): void {
    this.write(StateKey.member(m.id), memberCodec, m);
  }

  signatory(id: string): Signatory | undefined {
    return this.read(StateKey.signatory(id), signatoryCodec);
  }
  putSignatory(s: Signatory): void {
    this.write(StateKey.signatory(s.id), signatoryCodec, s);
  }

  account(id: string): Account | undefined {
    return this.read(StateKey.account(id), accountCodec);
  }
  putAccount(a: Account): void {
    this.write(StateKey.account(a.id), accountCodec, a);
  }

  asset(id: string): Asset | undefined {
    return this.read(StateKey.asset(id), assetCodec);
  }
  putAsset(a: Asset): void {
    this.write(StateKey.asset(a.id), assetCodec, a);
  }

  proposal(id: string): Proposal | undefined {
    return this.read(StateKey.proposal(id), proposalCodec);
  }
  putProposal(p: Proposal): void {
    this.write(StateKey.proposal(p.id), proposalCodec, p);
  }

  bill(serial: string): Bill | undefined {
    return this.read(StateKey.bill(serial), billCodec);
  }
  putBill(b: Bill): void {
    this.write(StateKey.bill(b.serial), billCodec, b);
  }

  validator(publicKeyHex: string): ValidatorRecord | undefined {
    return this.read(StateKey.validator(publicKeyHex), validatorCodec);
  }
  putValidator(publicKeyHex: string, v: ValidatorRecord): void {
    this.write(StateKey.validator(publicKeyHex), validatorCodec, v);
  }
  removeValidator(publicKeyHex: string): void {
    const key = StateKey.validator(publicKeyHex);
    this.overlay.delete(key);
    this.cache.set(key, MISSING);
  }

  evidence(key: string): Evidence | undefined {
    return this.read(key, evidenceCodec);
  }
  putEvidence(key: string, e: Evidence): void {
    this.write(key, evidenceCodec, e);
  }

  governance(): Governance | undefined {
    return this.read(StateKey.governance(), governanceCodec);
  }
  putGovernance(g: Governance): void {
    this.write(StateKey.governance(), governanceCodec, g);
  }

  /** Balance in minor units; absent means zero. Zero balances are deleted, so state has one form per balance. */
  balance(account: string, asset: string): bigint {
    const key = StateKey.balance(account, asset);
    const cached = this.cached(key);
    if (cached !== undefined) return cached as bigint;
    const bytes = this.overlay.get(key);
    const value = bytes ? BigInt(decodeCanonical(bytes) as number | bigint) : 0n;
    this.cache.set(key, value);
    return value;
  }
  setBalance(account: string, asset: string, amount: bigint): void {
    const key = StateKey.balance(account, asset);
    if (amount === 0n) this.overlay.delete(key);
    else this.overlay.put(key, encodeUnsigned(amount));
    this.cache.set(key, amount);
  }

  /** Index entries: a key with an empty value, present or absent. */
  mark(key: string): void {
    this.overlay.put(key, EMPTY);
  }
  unmark(key: string): void {
    this.overlay.delete(key);
  }
  keys(prefix: string): string[] {
    return [...this.overlay.scan(prefix)].map(([k]) => k);
  }

  private read<T>(key: string, codec: Codec<T>): T | undefined {
    const cached = this.cached(key);
    if (cached !== undefined) return cached === MISSING ? undefined : (cached as T);
    const bytes = this.overlay.get(key);
    const value = bytes ? codec.decode(bytes) : undefined;
    this.cache.set(key, value ?? MISSING);
    return value;
  }

  private write<T>(key: string, codec: Codec<T>, value: T): void {
    this.overlay.put(key, codec.encode(value));
    // Cache what a reader would decode (encode validated it), so reads after writes see identical objects.
    this.cache.set(key, value);
  }

  private cached(key: string): unknown {
    const own = this.cache.get(key);
    if (own !== undefined) return own;
    return this.parent?.cached(key);
  }
}

const MISSING = Symbol('missing');
const EMPTY = new Uint8Array([0xf6]); // canonical CBOR null
