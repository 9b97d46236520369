import { assetIdSchema, billSerialSchema, roleSchema, type ContractTermValue } from '../../../shared/domain/index.ts';
import { fail, LedgerErrorCode as E } from '../ledger/errors.ts';
import type { TermKind, TermSpec } from './template.ts';

/** Terms every template accepts: the signing deadline of the draft. */
export const COMMON_TERMS: readonly TermSpec[] = [
  {
    name: 'signBy',
    kind: 'time',
    required: false,
    description: 'block time by which every party must have signed (default: 30 days after drafting)',
  },
];

const MAX_COUNT = 1000n;

/** Checks one value against its kind; returns why it is wrong, or undefined. */
function problem(kind: TermKind, value: ContractTermValue, roles: readonly string[]): string | undefined {
  switch (kind) {
    case 'asset':
      return typeof value === 'string' && assetIdSchema.safeParse(value).success ? undefined : 'must be an asset id';
    case 'bill':
      return typeof value === 'string' && billSerialSchema.safeParse(value).success
        ? undefined
        : 'must be a bill serial';
    case 'role':
      return typeof value === 'string' && roleSchema.safeParse(value).success && roles.includes(value)
        ? undefined
        : `must be one of the roles ${roles.join(', ')}`;
    case 'text':
      return typeof value === 'string' && value.length >= 1 && value.length <= 128
        ? undefined
        : 'must be 1–128 characters';
    case 'amount':
      return typeof value === 'bigint' && value > 0n ? undefined : 'must be a whole number of minor units above zero';
    case 'time':
      return typeof value === 'bigint' ? undefined : 'must be a block time in ms since the epoch';
    case 'duration':
      return typeof value === 'bigint' && value > 0n ? undefined : 'must be a number of milliseconds above zero';
    case 'count':
      return typeof value === 'bigint' && value >= 1n && value <= MAX_COUNT ? undefined : `must be 1 to ${MAX_COUNT}`;
  }
}

/**
 * A contract's terms, checked against its template's term specs: no unknown term, every required one present,
 * each of its kind. Typed getters read them; asking for a term the specs do not declare is a bug.
 */
export class Terms {
  readonly values: Readonly<Record<string, ContractTermValue>>;
  private readonly specs: ReadonlyMap<string, TermSpec>;

  private constructor(values: Readonly<Record<string, ContractTermValue>>, specs: ReadonlyMap<string, TermSpec>) {
    this.values = values;
    this.specs = specs;
  }

  /** Checks `values` against `specs` (plus the common terms); BAD_TERMS names the first term that is wrong. */
  static parse(
    values: Readonly<Record<string, ContractTermValue>>,
    specs: readonly TermSpec[],
    roles: readonly string[],
  ): Terms {
    const all = new Map([...COMMON_TERMS, ...specs].map((s) => [s.name, s]));
    for (const name of Object.keys(values).sort()) {
      if (!all.has(name))
        fail(E.BAD_TERMS, `unknown term "${name}"; the template's terms are ${[...all.keys()].join(', ')}`);
    }
    for (const spec of all.values()) {
      const value = values[spec.name];
      if (value === undefined) {
        if (spec.required) fail(E.BAD_TERMS, `term "${spec.name}" is required (${spec.description})`);
        continue;
      }
      const why = problem(spec.kind, value, roles);
      if (why !== undefined) fail(E.BAD_TERMS, `term "${spec.name}" ${why}`);
    }
    return new Terms(values, all);
  }

  has(name: string): boolean {
    return this.values[name] !== undefined;
  }

  text(name: string): string {
    return this.get(name, ['asset', 'bill', 'role', 'text']) as string;
  }

  /** Amounts, times, durations and counts. */
  int(name: string): bigint {
    return this.get(name, ['amount', 'time', 'duration', 'count']) as bigint;
  }

  optionalInt(name: string): bigint | undefined {
    return this.has(name) ? this.int(name) : undefined;
  }

  private get(name: string, kinds: readonly TermKind[]): ContractTermValue {
    const spec = this.specs.get(name);
    if (!spec || !kinds.includes(spec.kind))
      throw new Error(`bug: term "${name}" is not declared as ${kinds.join('/')}`);
    const value = this.values[name];
    if (value === undefined) throw new Error(`bug: optional term "${name}" read without checking it is present`);
    return value;
  }
}
