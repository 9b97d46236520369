import type { Database } from '../db.ts';
import { prepared } from '../statement-cache.ts';
import { checkLimit } from './page.ts';

/** The indexed fields of a proposal; the full record is entity(db, StateKey.proposal(id), proposalCodec). */
export interface ProposalSummary {
  readonly id: string;
  readonly account?: string;
  readonly status: string;
  readonly proposer: string;
  readonly createdHeight: number;
  readonly expiresAt: bigint;
  /** The action's operation type. */
  readonly actionType: string;
}

export interface ProposalFilter {
  readonly status?: string | undefined;
  readonly account?: string | undefined;
  readonly limit: number;
}

interface Row {
  id: string;
  account: string | null;
  status: string;
  proposer: string;
  created_height: number;
  expires_at: string;
  action_type: string;
}

/**
 * Each filter has an index ending in created_height (and the primary key id after it), so "newest first" reads the
 * index backwards without sorting. With both filters the account index narrows and status is checked per row.
 */
const select = `SELECT id, account, status, proposer, created_height, CAST(expires_at AS TEXT) AS expires_at,
  action_type FROM proposals`;
const order = 'ORDER BY created_height DESC, id DESC LIMIT ?';
export const PROPOSAL_LIST_SQL = {
  all: `${select} ${order}`,
  status: `${select} WHERE status = ? ${order}`,
  account: `${select} WHERE account = ? ${order}`,
  both: `${select} WHERE account = ? AND status = ? ${order}`,
};

/** Proposals, newest (highest creation height) first, optionally by status and/or account. */
export function listProposals(db: Database, filter: ProposalFilter): ProposalSummary[] {
  const limit = checkLimit(filter.limit);
  const { status, account } = filter;
  let rows: Row[];
  if (status !== undefined && account !== undefined) {
    rows = prepared<[string, string, number], Row>(db, PROPOSAL_LIST_SQL.both).all(account, status, limit);
  } else if (status !== undefined) {
    rows = prepared<[string, number], Row>(db, PROPOSAL_LIST_SQL.status).all(status, limit);
  } else if (account !== undefined) {
    rows = prepared<[string, number], Row>(db, PROPOSAL_LIST_SQL.account).all(account, limit);
  } else {
    rows = prepared<[number], Row>(db, PROPOSAL_LIST_SQL.all).all(limit);
  }
  return rows.map(toSummary);
}

function toSummary(row: Row): ProposalSummary {
  const summary = {
    id: row.id,
    status: row.status,
    proposer: row.proposer,
    createdHeight: row.created_height,
    expiresAt: BigInt(row.expires_at),
    actionType: row.action_type,
  };
  return row.account === null ? summary : { ...summary, account: row.account };
}
