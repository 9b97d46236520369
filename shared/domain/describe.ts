import { formatAmount } from '../finance/index.ts';
import { bytesToHex } from '../crypto/index.ts';
import type { Action } from './operations.ts';

/** How to show an asset's amounts: its decimals, and the code people know it by (ISO 4217 code or ISIN). */
export interface AssetDisplay {
  readonly decimals: number;
  readonly code?: string;
}

/**
 * One line of plain language for an action: exactly what will happen if it is approved, with amounts in the asset's
 * units and, in brackets, the minor units that are actually signed — so a misleading display can be caught.
 * Used by signing requests, the CLI and the approvals inbox.
 */
export function describeAction(action: Action, assets: Readonly<Record<string, AssetDisplay>>): string {
  const money = (asset: string, amount: bigint) => {
    const a = assets[asset];
    const shown = a ? `${formatAmount(amount, a.decimals)} ${asset}` : `${amount} minor units of ${asset}`;
    return a ? `${shown} (${amount} minor units)` : shown;
  };
  switch (action.type) {
    case 'transfer':
      return (
        `Transfer ${money(action.asset, action.amount)} from ${action.from} to ${action.to}` +
        (action.memo ? ` — memo "${action.memo}"` : '')
      );
    case 'asset.issue':
      return `Issue ${money(action.asset, action.amount)} to ${action.to}`;
    case 'asset.redeem':
      return `Redeem ${money(action.asset, action.amount)} from ${action.from}`;
    case 'asset.define':
      return `Define ${action.kind} asset ${action.asset} (${action.code}, ${action.decimals} decimals) issued by ${action.issuer}`;
    case 'bill.issue':
      return `Issue bill ${action.serial}: ${action.drawer} promises ${money(action.currency, action.faceValue)} to ${action.payee} at maturity ${new Date(Number(action.maturity)).toISOString()}`;
    case 'bill.endorse':
      return `Endorse bill ${action.serial} from ${action.from} to ${action.to}`;
    case 'bill.discount':
      return `Sell bill ${action.serial} from ${action.from} to ${action.to} for a price of ${action.price} minor units of the bill's currency`;
    case 'bill.pay':
      return `Pay bill ${action.serial} at maturity`;
    case 'member.add':
      return `Admit member ${action.name} (LEI ${action.member})`;
    case 'signatory.add':
      return `Add signatory ${action.name} for member ${action.member} with roles ${action.roles.join(', ') || 'none'}`;
    case 'signatory.remove':
      return `Remove signatory ${action.signatory}`;
    case 'account.create':
      return `Open account ${action.account} for member ${action.owner} (${action.policy.threshold} approval weight required)`;
    case 'policy.set':
      return `Change the policy of ${action.account ?? 'governance'}: ${action.policy.threshold} of ${action.policy.signatories.length} signatories by weight`;
    case 'settlement.instruct': {
      const leg = (l: (typeof action.legs)[number]) => `${money(l.asset, l.amount)} from ${l.from} to ${l.to}`;
      const [first, second] = [action.legs[0]!, action.legs[1]];
      const what = second ? `DvP ${action.instruction}: ${leg(first)} against ${leg(second)}` : `Pay ${leg(first)}`;
      const when =
        action.mode === 'rtgs'
          ? 'RTGS'
          : action.mode === 'scheduled'
            ? `scheduled at ${new Date(Number(action.settleAt ?? 0n)).toISOString()}`
            : 'at the next deferred-net cut-off';
      return `${what} (instruction ${action.instruction}, ${when}, ${action.priority} priority)`;
    }
    case 'settlement.action':
      return (
        `${action.action[0]!.toUpperCase()}${action.action.slice(1)} settlement instruction ${action.instruction}` +
        (action.priority ? ` to ${action.priority} priority` : '')
      );
    case 'settlement.cycle.set':
      return `Set the deferred-net cycle of ${action.asset}: cut-offs every ${action.intervalMs / 60_000n} minutes from ${new Date(Number(action.firstCutoff)).toISOString()}, ${action.onShortfall} on a shortfall`;
    case 'validator.set':
      return action.power === 0
        ? `Remove validator ${action.name} (key ${bytesToHex(action.publicKey)})`
        : `Set the voting power of validator ${action.name} (key ${bytesToHex(action.publicKey)}) to ${action.power}`;
    case 'contract.create': {
      const parties = action.parties.map((p) => `${p.role}: ${p.account}`).join(', ');
      const terms = Object.entries(action.terms)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => `${k} = ${String(v)}`)
        .join('; ');
      return `Create contract ${action.contract} from template ${action.template} v${action.version} between ${parties}; terms: ${terms || 'none'}`;
    }
    case 'contract.sign':
      return `Sign contract ${action.contract} as ${action.party}`;
    case 'contract.attest':
      return `Attest "${action.fact}" on contract ${action.contract} as ${action.party}`;
    case 'contract.terminate':
      return `Terminate contract ${action.contract}` + (action.reason ? ` — reason "${action.reason}"` : '');
    default:
      return `${(action as { type: string }).type}`;
  }
}
