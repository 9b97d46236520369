import { contractCodec, type Contract } from '../../shared/domain/index.ts';
import { notFound, type ApiHandlers } from './api/index.ts';
import { describeTemplate, listTemplates } from './contracts/index.ts';
import { contractHolding, StateKey, StatePrefix } from './ledger/keys.ts';
import type { CountersignNode } from './node.ts';
import { balances, contractTrail, entities, entity } from './storage/index.ts';

/**
 * The API's contract methods (docs/contracts.md): the template registry, contracts by status / party / template,
 * and one contract with its holdings and timeline. Reads go through the node's read handle, like every query.
 */
export function contractHandlers(
  node: CountersignNode,
): Pick<ApiHandlers, 'contract.templates' | 'contract.list' | 'contract.get'> {
  const db = node.readDb;
  return {
    'contract.templates': () => listTemplates().map(describeTemplate),

    'contract.list': ({ status, party, template, limit }) =>
      entities(db, StatePrefix.contract, contractCodec)
        .filter(
          (c) =>
            (status === undefined || c.status === status) &&
            (party === undefined || c.parties.some((p) => p.account === party)) &&
            (template === undefined || c.template === template),
        )
        .slice(0, limit ?? 100),

    'contract.get': ({ id }) => {
      const contract = entity(db, StateKey.contract(id), contractCodec);
      if (!contract) throw notFound(`contract "${id}"`);
      return {
        contract,
        unsigned: unsigned(contract),
        holdings: balances(db, contractHolding(id)),
        timeline: contractTrail(db, id),
      };
    },
  };
}

/** The roles whose signature a draft still waits for. */
function unsigned(contract: Contract): string[] {
  if (contract.status !== 'drafted') return [];
  return contract.parties.filter((p) => !contract.signatures.some((s) => s.role === p.role)).map((p) => p.role);
}
