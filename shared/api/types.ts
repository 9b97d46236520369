/**
 * JSON shapes of API results. Amounts are decimal strings of minor units, bytes are hex, times are ms since the
 * epoch as decimal strings (block time).
 */

export interface StatusJson {
  chainId: string;
  height: number;
  lastBlockHash: string | null;
  appHash: string;
  time: string | null;
  role: 'validator' | 'observer';
  validator: string | null;
  peers: { id: string; address: string; height: number }[];
  syncing: boolean;
  mempool: number;
}

export interface BlockSummaryJson {
  height: number;
  hash: string;
  previousHash: string;
  appHash: string;
  txRoot: string;
  time: string;
  txCount: number;
  proposer: string;
}

export interface TxResultJson {
  id: string;
  height: number;
  index: number;
  code: string;
  message?: string;
  /** The decoded transaction (amounts as strings, bytes as hex). */
  tx: unknown;
  events: unknown[];
}

export interface BalanceJson {
  asset: string;
  amount: string;
  decimals: number;
}

export interface HistoryEntryJson {
  height: number;
  time: string;
  txId: string;
  asset: string;
  delta: string;
  balance: string;
  counterparty?: string;
  kind: string;
}

export interface HistoryPageJson {
  entries: HistoryEntryJson[];
  nextCursor: string | null;
}

export interface TrailEntryJson {
  height: number;
  time: string;
  txId: string;
  event: unknown;
}
