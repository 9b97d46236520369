import type { Statement } from 'better-sqlite3';
import type { Database } from './db.ts';

type Bytes = Uint8Array;

/** Every statement the block store runs, prepared once per store: preparing is the costly part of a small query. */
export interface WriteStatements {
  readonly insertBlock: Statement<[number, Bytes, Bytes, Bytes, bigint, number, Bytes, Bytes | null]>;
  readonly insertTx: Statement<[Bytes, number, number, Bytes, string, string | null, Bytes]>;
  readonly insertEvent: Statement<
    [number, number, number, string, Bytes, string | null, string | null, string | null, string | null]
  >;
  readonly insertBlockEvents: Statement<[number, Bytes]>;
  readonly putInstruction: Statement<[string, string, string, string, bigint]>;
  readonly deleteInstruction: Statement<[string]>;
  readonly insertHistory: Statement<
    [number | bigint, string, string, number, number, string, string, string | null, string]
  >;
  readonly putState: Statement<[string, Bytes]>;
  readonly deleteState: Statement<[string]>;
  readonly putProposal: Statement<[string, string | null, string, string, number, bigint, string]>;
  readonly deleteProposal: Statement<[string]>;
  readonly putMeta: Statement<[string, Bytes]>;
  readonly getMeta: Statement<[string], Bytes>;
  readonly getState: Statement<[string], Bytes>;
  readonly scanState: Statement<[string, string], [string, Bytes]>;
  readonly scanFrom: Statement<[string], [string, Bytes]>;
  readonly hasTx: Statement<[Bytes], number>;
  readonly committedAmong: Statement<[string], string>;
  readonly tip: Statement<[], TipRow>;
  readonly blockCount: Statement<[], number>;
}

/** Read with safe integers: block time is a u64 in the domain, so it comes back as bigint (and so does height). */
export interface TipRow {
  height: bigint;
  hash: Bytes;
  app_hash: Bytes;
  time: bigint;
}

export function prepareWriteStatements(db: Database): WriteStatements {
  const p = <P extends unknown[], R = unknown>(sql: string) => db.prepare<P, R>(sql);
  return {
    insertBlock: p(
      `INSERT INTO blocks (height, hash, previous_hash, app_hash, time, tx_count, header, commit_cert)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertTx: p('INSERT INTO txs (id, height, idx, body, code, message, events) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    insertEvent: p(
      `INSERT INTO events (height, tx_idx, idx, type, data, proposal, bill, instruction, contract)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertBlockEvents: p('INSERT INTO block_events (height, events) VALUES (?, ?)'),
    putInstruction: p(
      `INSERT INTO instructions (id, status, mode, priority, seq) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET status = excluded.status, mode = excluded.mode, priority = excluded.priority,
         seq = excluded.seq`,
    ),
    deleteInstruction: p('DELETE FROM instructions WHERE id = ?'),
    insertHistory: p(
      `INSERT INTO history (id, account, asset, height, tx_idx, delta, balance, counterparty, kind)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    putState: p('INSERT INTO state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
    deleteState: p('DELETE FROM state WHERE key = ?'),
    putProposal: p(
      `INSERT INTO proposals (id, account, status, proposer, created_height, expires_at, action_type)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET account = excluded.account, status = excluded.status,
         proposer = excluded.proposer, created_height = excluded.created_height, expires_at = excluded.expires_at,
         action_type = excluded.action_type`,
    ),
    deleteProposal: p('DELETE FROM proposals WHERE id = ?'),
    putMeta: p('INSERT INTO meta (key, value) VALUES (?, ?)'),
    getMeta: p<[string], Bytes>('SELECT value FROM meta WHERE key = ?').pluck(),
    getState: p<[string], Bytes>('SELECT value FROM state WHERE key = ?').pluck(),
    scanState: p<[string, string], [string, Bytes]>(
      'SELECT key, value FROM state WHERE key >= ? AND key < ? ORDER BY key',
    ).raw(),
    scanFrom: p<[string], [string, Bytes]>('SELECT key, value FROM state WHERE key >= ? ORDER BY key').raw(),
    hasTx: p<[Bytes], number>('SELECT 1 FROM txs WHERE id = ?').pluck(),
    // The ids travel as one JSON array of hex strings: a single statement probes the id index for all of them.
    committedAmong: p<[string], string>(
      'SELECT lower(hex(id)) FROM txs WHERE id IN (SELECT unhex(value) FROM json_each(?))',
    ).pluck(),
    tip: p<[], TipRow>('SELECT height, hash, app_hash, time FROM blocks ORDER BY height DESC LIMIT 1').safeIntegers(),
    blockCount: p<[], number>('SELECT count(*) FROM blocks').pluck(),
  };
}
