import { bytesToHex } from '../../../../shared/crypto/index.ts';
import type { LedgerEvent } from '../../../../shared/domain/index.ts';
import type { Database } from '../db.ts';
import { decodeEvent } from '../events.ts';
import { prepared } from '../statement-cache.ts';

/** One event in the life of a proposal or a bill, with where and when it happened. */
export interface TrailEntry {
  readonly height: number;
  readonly time: bigint;
  /** Hex of the id of the transaction that caused it; "" for a block event (the end-of-block phase). */
  readonly txId: string;
  readonly event: LedgerEvent;
}

interface Row {
  height: number;
  time: string;
  tx_id: Uint8Array | null;
  data: Uint8Array;
}

/**
 * The partial index on the subject column holds (subject, height, tx_idx, idx) — the table's key rides along in
 * every index entry — so the rows come out in chain order without a sort. Block events sit at tx_idx = the block's
 * transaction count (after its transactions) and match no transaction row, hence the LEFT JOIN.
 */
const trailSql = (column: 'proposal' | 'bill' | 'instruction' | 'contract') =>
  `SELECT e.height, CAST(b.time AS TEXT) AS time, t.id AS tx_id, e.data
   FROM events AS e
   LEFT JOIN txs AS t ON t.height = e.height AND t.idx = e.tx_idx
   CROSS JOIN blocks AS b ON b.height = e.height
   WHERE e.${column} = ?
   ORDER BY e.height, e.tx_idx, e.idx`;
export const PROPOSAL_TRAIL_SQL = trailSql('proposal');
export const BILL_CHAIN_SQL = trailSql('bill');
export const INSTRUCTION_TRAIL_SQL = trailSql('instruction');
export const CONTRACT_TRAIL_SQL = trailSql('contract');

/** Every event about a proposal (created, approvals, rejections, outcome), oldest first. */
export function proposalTrail(db: Database, proposalId: string): TrailEntry[] {
  return prepared<[string], Row>(db, PROPOSAL_TRAIL_SQL).all(proposalId).map(toEntry);
}

/** Every event about a bill (issue, endorsements, discounting, payment), oldest first: its chain of title. */
export function billChain(db: Database, serial: string): TrailEntry[] {
  return prepared<[string], Row>(db, BILL_CHAIN_SQL).all(serial).map(toEntry);
}

/**
 * Every event about a settlement instruction, oldest first: submitted (its transaction), queue actions, each change
 * of why it waits, and how it settled, expired or was cancelled (block events, txId "").
 */
export function instructionTrail(db: Database, instructionId: string): TrailEntry[] {
  return prepared<[string], Row>(db, INSTRUCTION_TRAIL_SQL).all(instructionId).map(toEntry);
}

/** Every event about a contract, oldest first: its timeline (transaction steps and end-of-block obligations). */
export function contractTrail(db: Database, contractId: string): TrailEntry[] {
  return prepared<[string], Row>(db, CONTRACT_TRAIL_SQL).all(contractId).map(toEntry);
}

function toEntry(row: Row): TrailEntry {
  return {
    height: row.height,
    time: BigInt(row.time),
    txId: row.tx_id === null ? '' : bytesToHex(row.tx_id),
    event: decodeEvent(row.data),
  };
}
