import { decodeCanonical } from '../../../../shared/encoding/index.ts';
import type { Database } from '../db.ts';
import { StatePrefix } from '../../ledger/keys.ts';
import { scanState } from './state.ts';

export interface Balance {
  readonly asset: string;
  readonly amount: bigint;
}

/** An account's balances, by asset id in bytewise order. A balance is stored as a canonical CBOR integer. */
export function balances(db: Database, account: string): Balance[] {
  const prefix = `${StatePrefix.balance}${account}/`;
  return scanState(db, prefix).map(([key, value]) => ({
    asset: key.slice(prefix.length),
    amount: BigInt(decodeCanonical(value) as number | bigint),
  }));
}
