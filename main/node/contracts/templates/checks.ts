import type { Asset, AssetId } from '../../../../shared/domain/index.ts';
import { fail, LedgerErrorCode as E } from '../../ledger/errors.ts';
import type { CheckContext } from '../template.ts';

/** Checks the built-in templates share. */

/** The asset named by a term, which must exist (and be of `kind` when given). */
export function assetTerm(c: CheckContext, term: string, kind?: Asset['kind']): Asset {
  const id = c.terms.text(term) as AssetId;
  const asset = c.state.asset(id);
  if (!asset) fail(E.UNKNOWN_ASSET, `term "${term}": asset "${id}" does not exist`);
  if (kind !== undefined && asset.kind !== kind) {
    fail(E.BAD_TERMS, `term "${term}": asset "${id}" is a ${asset.kind}, not a ${kind}`);
  }
  return asset;
}

/** A time term that must lie after the current block time. */
export function futureTime(c: CheckContext, term: string): bigint {
  const at = c.terms.int(term);
  if (at <= c.time) fail(E.BAD_TERMS, `term "${term}" (${at}) must lie after the current block time ${c.time}`);
  return at;
}
