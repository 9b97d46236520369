import { decodeTrusted } from '../../../shared/encoding/index.ts';
import { txCodec, type CommitCertificate, type Tx } from '../../../shared/domain/index.ts';
import { verifySignature } from '../crypto/verify.ts';
import { precommitClaims } from './commit-certificate.ts';
import { AdmissionError, AdmissionErrorCode as E } from './errors.ts';
import { prepareTx, type PreparedTx } from './tx-checks.ts';
import { decodeTransfers } from './transfer-decode.ts';
import type { PlainError } from './tx-preparer-wire.ts';

/**
 * What one transaction's stateless checks produce, as plain data (the single-thread preparer's form; the pool's
 * workers pack theirs, tx-preparer-wire.ts). A refusal carries its error as the workers send it, so both preparers
 * hand back the same errors.
 */
export type PrepareOutcome =
  { ok: true; tx: unknown; hash: Uint8Array; id: string; signers: string[] } | { ok: false; error: PlainError };

/**
 * The same checks without the decoded transaction in the answer: for a caller that already holds it decoded from the
 * same bytes (a synced block), so it is neither cloned across the thread boundary nor rebuilt on the other side.
 */
export type CheckOutcome =
  { ok: true; hash: Uint8Array; id: string; signers: string[] } | { ok: false; error: PlainError };

/** Strict decode, hash, and verification of every signature the transaction carries. */
export function prepareAndVerify(encoded: Uint8Array): PrepareOutcome {
  try {
    const p = verifiedTx(encoded);
    return { ok: true, tx: p.tx, hash: p.hash, id: p.id, signers: p.signers };
  } catch (err) {
    return failed(err);
  }
}

/**
 * prepareAndVerify that throws the reason a transaction is refused (for a caller packing its own answer). `tx` is
 * the strict decode of `encoded`, when the caller has it.
 */
export function verifiedTx(encoded: Uint8Array, tx: Tx = decodeTx(encoded)): PreparedTx {
  return verifyClaims(prepareTx(tx, encoded));
}

/** txCodec.decode, through the fast reader for a transaction of transfers (see transfer-decode.ts). */
export function decodeTx(encoded: Uint8Array): Tx {
  return decodeTransfers(encoded) ?? txCodec.decode(encoded);
}

function verifyClaims(prepared: PreparedTx): PreparedTx {
  const { claims } = prepared;
  for (let i = 0; i < claims.length; i++) {
    const c = claims[i]!;
    if (!verifySignature(c.publicKey, c.message, c.signature)) {
      const what = i < prepared.tx.signatures.length ? `signature ${i}` : 'an approval signature';
      throw new AdmissionError(E.BAD_SIGNATURE, `${what} does not verify`);
    }
  }
  return prepared;
}

/** A refusal as plain data, to cross a thread boundary (see rehydrate in tx-preparer.ts). */
export function plainError(err: unknown): PlainError {
  const e = err as Error & { code?: unknown };
  return { name: e.name, message: e.message, ...(typeof e.code === 'string' && { code: e.code }) };
}

function failed(err: unknown): PrepareOutcome {
  return { ok: false, error: plainError(err) };
}

/**
 * prepareAndVerify for bytes the caller has already decoded strictly (a synced block's transactions, checked by the
 * block's strict decode), answering without the decoded transaction. The schema pass would be done twice otherwise:
 * a plain CBOR decode finds the body and the signatures. A transaction carrying approvals — whose proposal hash is
 * computed over the schema's exact values — goes through the strict decode as before.
 */
export function checkAndVerify(encoded: Uint8Array): CheckOutcome {
  try {
    const p = checkedTx(encoded);
    return { ok: true, hash: p.hash, id: p.id, signers: p.signers };
  } catch (err) {
    return failed(err);
  }
}

/** checkAndVerify that throws the reason a transaction is refused; the PreparedTx's `tx` is the plain decode. */
export function checkedTx(encoded: Uint8Array): PreparedTx {
  const transfers = decodeTransfers(encoded);
  if (transfers !== undefined) return verifiedTx(encoded, transfers);
  const prepared = plainlyPrepared(encoded);
  return prepared === undefined ? verifiedTx(encoded) : verifyClaims(prepared);
}

/**
 * prepareTx over a plain decode, or undefined where the strict path must do it: a transaction carrying approvals, or
 * bytes that are not what a strictly decoded transaction looks like (the strict path says why).
 */
function plainlyPrepared(encoded: Uint8Array): PreparedTx | undefined {
  try {
    const plain = decodeTrusted(encoded) as unknown as Tx;
    const approvals = plain.body.ops.some((op) => op.type === 'proposal.create' || op.type === 'proposal.approve');
    return approvals ? undefined : prepareTx(plain, encoded);
  } catch {
    return undefined;
  }
}

/** Whether each precommit's signature verifies over its vote (see precommitClaims), in order. */
export function verifyPrecommits(chainId: string, cert: CommitCertificate): boolean[] {
  return precommitClaims(chainId, cert).map((c) => verifySignature(c.publicKey, c.message, c.signature));
}
