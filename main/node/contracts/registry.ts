import { fail, LedgerErrorCode as E } from '../ledger/errors.ts';
import type { ContractTemplate } from './template.ts';
import { billMaturityV1 } from './templates/bill-maturity.ts';
import { bondCouponV1 } from './templates/bond-coupon.ts';
import { dvpV1 } from './templates/dvp.ts';
import { escrowV1 } from './templates/escrow.ts';
import { parametricInsuranceV1 } from './templates/parametric-insurance.ts';

/**
 * The template registry: (id, version) → template. It is part of the protocol, like the operations: every node
 * must run the same registry, and a template version, once on a network, never changes behaviour — a change is a
 * new version, and instances keep the version they were drafted with.
 */
const BUILT_IN: readonly ContractTemplate[] = [escrowV1, dvpV1, bondCouponV1, billMaturityV1, parametricInsuranceV1];

/** At most this many roles: terminating needs every party's account, and a proposal has at most 4 guards. */
const MAX_ROLES = 4;

function keyOf(id: string, version: number): string {
  return `${id}@${version}`;
}

function buildRegistry(list: readonly ContractTemplate[]): ReadonlyMap<string, ContractTemplate> {
  const map = new Map<string, ContractTemplate>();
  for (const t of list) {
    const key = keyOf(t.id, t.version);
    if (map.has(key)) throw new Error(`template ${key} is registered twice`);
    if (t.roles.length > MAX_ROLES) throw new Error(`template ${key} has more than ${MAX_ROLES} roles`);
    map.set(key, t);
  }
  return map;
}

const REGISTRY = buildRegistry(BUILT_IN);

export function findTemplate(id: string, version: number): ContractTemplate | undefined {
  return REGISTRY.get(keyOf(id, version));
}

export function requireTemplate(id: string, version: number): ContractTemplate {
  const template = findTemplate(id, version);
  if (!template) {
    fail(E.UNKNOWN_TEMPLATE, `no template ${keyOf(id, version)}; known: ${[...REGISTRY.keys()].sort().join(', ')}`);
  }
  return template;
}

/** Every template, by id then version. */
export function listTemplates(): ContractTemplate[] {
  return [...REGISTRY.values()].sort((a, b) => (a.id === b.id ? a.version - b.version : a.id < b.id ? -1 : 1));
}
