import { isinCheckDigit, leiCheckDigits } from '../../../shared/finance/index.ts';

/**
 * The demo consortium of `countersign devnet`: three institutions, their signatories, accounts under 2-of-3
 * policies, three currencies, a bond and an equity. Identifiers are well-formed (valid LEI and ISIN check digits)
 * but belong to no real entity or security.
 */
const lei = (body18: string) => body18 + leiCheckDigits(body18);
const isin = (body11: string) => body11 + isinCheckDigit(body11);

export const DEMO_MEMBERS = [
  { key: 'jhcb', id: lei('549300JHCB00DEMO01'), name: 'Jinhua Commercial Bank' },
  { key: 'hbsec', id: lei('549300HBSEC0DEMO02'), name: 'Harbour Securities' },
  { key: 'lotus', id: lei('549300LOTUS0DEMO03'), name: 'Lotus Trade Finance' },
] as const;

/** Each member has two treasury officers and one operations officer: the 2-of-3 of its accounts. */
export const DEMO_SIGNATORY_ROLES = [
  { suffix: 'treasury-1', roles: ['treasury'] },
  { suffix: 'treasury-2', roles: ['treasury'] },
  { suffix: 'operations-1', roles: ['operations'] },
] as const;

export const DEMO_ASSETS = [
  {
    id: 'CNY',
    kind: 'currency',
    code: 'CNY',
    name: 'Renminbi (settlement token)',
    decimals: 2,
    issuer: 'jhcb.issuance',
  },
  {
    id: 'USD',
    kind: 'currency',
    code: 'USD',
    name: 'US dollar (settlement token)',
    decimals: 2,
    issuer: 'jhcb.issuance',
  },
  {
    id: 'HKD',
    kind: 'currency',
    code: 'HKD',
    name: 'Hong Kong dollar (settlement token)',
    decimals: 2,
    issuer: 'jhcb.issuance',
  },
  {
    id: 'HB-BOND-2030',
    kind: 'security',
    code: isin('CND0000HB30'),
    name: 'Harbour 3.2% notes 2030',
    decimals: 0,
    issuer: 'hbsec.issuance',
  },
  {
    id: 'LOTUS-EQ',
    kind: 'security',
    code: isin('HK0000LOTUS'),
    name: 'Lotus Trade Finance ordinary shares',
    decimals: 0,
    issuer: 'lotus.issuance',
  },
] as const;

/** Opening balances, minor units. */
export const DEMO_BALANCES = [
  { account: 'jhcb.treasury', asset: 'CNY', amount: 10_000_000_00n },
  { account: 'jhcb.treasury', asset: 'USD', amount: 2_000_000_00n },
  { account: 'hbsec.treasury', asset: 'CNY', amount: 5_000_000_00n },
  { account: 'hbsec.treasury', asset: 'USD', amount: 1_000_000_00n },
  { account: 'hbsec.treasury', asset: 'HB-BOND-2030', amount: 10_000n },
  { account: 'lotus.treasury', asset: 'HKD', amount: 8_000_000_00n },
  { account: 'lotus.treasury', asset: 'CNY', amount: 500_000_00n },
  { account: 'lotus.treasury', asset: 'LOTUS-EQ', amount: 50_000n },
] as const;

const HOUR_MS = 3_600_000n;

/**
 * The demo's deferred-net cycle: CNY nets every hour on the hour (the first cut-off is the first full hour after
 * genesis); a participant that cannot cover its net debit is excluded and the rest settle (docs/settlement.md).
 */
export function demoSettlementCycles(genesisTime: bigint) {
  return [
    {
      asset: 'CNY',
      firstCutoff: (genesisTime / HOUR_MS + 1n) * HOUR_MS,
      intervalMs: HOUR_MS,
      onShortfall: 'exclude',
    },
  ] as const;
}

/**
 * Demo settlement instructions, submitted when a devnet starts so the settlement queue has something to show:
 * three CNY payments in a ring waiting for the hourly net cut-off (600,000.00 gross; net, Jinhua pays 150,000.00 to
 * Lotus and Harbour's position is zero), and an urgent HKD payment Harbour Securities cannot fund yet (it holds no
 * HKD), queued until it can. Signed by two treasury officers of each paying member.
 */
export const DEMO_INSTRUCTIONS = [
  {
    instruction: 'demo-net-0001',
    mode: 'deferred-net',
    priority: 'normal',
    legs: [{ from: 'jhcb.treasury', to: 'hbsec.treasury', asset: 'CNY', amount: 250_000_00n }],
  },
  {
    instruction: 'demo-net-0002',
    mode: 'deferred-net',
    priority: 'normal',
    legs: [{ from: 'hbsec.treasury', to: 'lotus.treasury', asset: 'CNY', amount: 250_000_00n }],
  },
  {
    instruction: 'demo-net-0003',
    mode: 'deferred-net',
    priority: 'normal',
    legs: [{ from: 'lotus.treasury', to: 'jhcb.treasury', asset: 'CNY', amount: 100_000_00n }],
  },
  {
    instruction: 'demo-rtgs-0001',
    mode: 'rtgs',
    priority: 'urgent',
    legs: [{ from: 'hbsec.treasury', to: 'lotus.treasury', asset: 'HKD', amount: 50_000_00n }],
  },
] as const;
export const DEMO_INSTRUCTION_SIGNERS = [
  'jhcb-treasury-1',
  'jhcb-treasury-2',
  'hbsec-treasury-1',
  'hbsec-treasury-2',
  'lotus-treasury-1',
  'lotus-treasury-2',
];
