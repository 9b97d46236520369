import { bytesToHex, hexToBytesStrict } from '../../../../shared/crypto/index.ts';
import {
  blockHeaderCodec,
  commitCertificateCodec,
  type BlockHeader,
  type CommitCertificate,
  type LedgerEvent,
} from '../../../../shared/domain/index.ts';
import type { Database } from '../db.ts';
import { decodeEventList } from '../events.ts';
import { prepared } from '../statement-cache.ts';
import { checkLimit } from './page.ts';
import { blockTxs, type TxDetail } from './tx-details.ts';

export interface StoredBlock {
  readonly height: number;
  /** Hex of the header hash. */
  readonly hash: string;
  readonly header: BlockHeader;
  readonly commit: CommitCertificate | null;
  readonly txs: TxDetail[];
  /** The block events: what the end-of-block phase did (settlement, contract obligations), after the transactions. */
  readonly events: LedgerEvent[];
}

/** A block in a list: its header's fields flattened, byte strings as hex. */
export interface BlockSummary {
  readonly height: number;
  readonly hash: string;
  readonly previousHash: string;
  readonly appHash: string;
  readonly txRoot: string;
  readonly time: bigint;
  readonly txCount: number;
  readonly proposer: string;
}

export type BlockRef = { readonly height: number } | { readonly hash: string };

interface BlockRow {
  height: number;
  hash: Uint8Array;
  header: Uint8Array;
  commit_cert: Uint8Array | null;
  tx_count: number;
}

const COLUMNS = 'height, hash, header, commit_cert, tx_count';
const HEX_HASH = /^[0-9a-f]{64}$/;

/** A block by height or by hash (hex), with its transactions and their events; undefined if not stored. */
export function block(db: Database, ref: BlockRef): StoredBlock | undefined {
  let row: BlockRow | undefined;
  if ('height' in ref) {
    row = prepared<[number], BlockRow>(db, `SELECT ${COLUMNS} FROM blocks WHERE height = ?`).get(ref.height);
  } else {
    // A malformed hash names no block; the API validates its input before this.
    if (!HEX_HASH.test(ref.hash)) return undefined;
    row = prepared<[Uint8Array], BlockRow>(db, `SELECT ${COLUMNS} FROM blocks WHERE hash = ?`).get(
      hexToBytesStrict(ref.hash),
    );
  }
  if (!row) return undefined;
  return {
    height: row.height,
    hash: bytesToHex(row.hash),
    header: blockHeaderCodec.decode(row.header),
    commit: row.commit_cert === null ? null : commitCertificateCodec.decode(row.commit_cert),
    txs: blockTxs(db, row.height),
    events: blockEvents(db, row.height),
  };
}

/** The newest blocks below `before` (exclusive; default: from the tip), newest first. */
export function recentBlocks(
  db: Database,
  q: { readonly before?: number | undefined; readonly limit: number },
): BlockSummary[] {
  const limit = checkLimit(q.limit);
  const before = q.before ?? Number.MAX_SAFE_INTEGER;
  const rows = prepared<[number, number], BlockRow>(
    db,
    `SELECT ${COLUMNS} FROM blocks WHERE height < ? ORDER BY height DESC LIMIT ?`,
  ).all(before, limit);
  return rows.map((row) => {
    const header = blockHeaderCodec.decode(row.header);
    return {
      height: row.height,
      hash: bytesToHex(row.hash),
      previousHash: bytesToHex(header.previousHash),
      appHash: bytesToHex(header.appHash),
      txRoot: bytesToHex(header.txRoot),
      time: header.time,
      txCount: row.tx_count,
      proposer: bytesToHex(header.proposer),
    };
  });
}

/** A block's end-of-block events, in order (none stored for a block without end-of-block work). */
export function blockEvents(db: Database, height: number): LedgerEvent[] {
  const bytes = prepared<[number], Uint8Array>(db, 'SELECT events FROM block_events WHERE height = ?', 'pluck').get(
    height,
  );
  return bytes === undefined ? [] : decodeEventList(bytes);
}
