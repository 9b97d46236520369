import { decode } from 'cborg';
import { txCodec, type CommitCertificate, type Tx } from '../../../shared/domain/index.ts';
import { verifySignature } from '../crypto/verify.ts';
import { precommitClaims } from './commit-certificate.ts';
import { AdmissionError, AdmissionErrorCode as E } from './errors.ts';
import { prepareTx, type PreparedTx } from './tx-checks.ts';

/**
 * What one transaction's stateless checks produce; plain data, so it can cross a thread boundary. A worker may send
 * tx: null for a transaction the receiving thread rebuilds from its bytes (tx-preparer-rebuild.ts).
 */
export type PrepareOutcome =
  | { ok: true; tx: unknown; hash: Uint8Array; id: string; signers: string[] }
  | { ok: false; error: { name: string; code?: string; message: string } };

/**
 * The same checks without the decoded transaction in the answer: for a caller that already holds it decoded from the
 * same bytes (a synced block), so it is neither cloned across the thread boundary nor rebuilt on the other side.
 */
export type CheckOutcome =
  | { ok: true; hash: Uint8Array; id: string; signers: string[] }
  | { ok: false; error: { name: string; code?: string; message: string } };

/** Strict decode, hash, and verification of every signature the transaction carries. */
export function prepareAndVerify(encoded: Uint8Array): PrepareOutcome {
  try {
    return verifyPrepared(prepareTx(txCodec.decode(encoded), encoded));
  } catch (err) {
    return failed(err);
  }
}

function verifyPrepared(prepared: PreparedTx): PrepareOutcome {
  try {
    const envelope = prepared.tx.signatures.length;
    prepared.claims.forEach((c, i) => {
      if (!verifySignature(c.publicKey, c.message, c.signature)) {
        const what = i < envelope ? `signature ${i}` : 'an approval signature';
        throw new AdmissionError(E.BAD_SIGNATURE, `${what} does not verify`);
      }
    });
    return { ok: true, tx: prepared.tx, hash: prepared.hash, id: prepared.id, signers: prepared.signers };
  } catch (err) {
    return failed(err);
  }
}

function failed(err: unknown): PrepareOutcome {
  const e = err as Error & { code?: unknown };
  return {
    ok: false,
    error: { name: e.name, message: e.message, ...(typeof e.code === 'string' && { code: e.code }) },
  };
}

/**
 * prepareAndVerify for bytes the caller has already decoded strictly (a synced block's transactions, checked by the
 * block's strict decode), answering without the decoded transaction. The schema pass would be done twice otherwise:
 * a plain CBOR decode finds the body and the signatures. A transaction carrying approvals — whose proposal hash is
 * computed over the schema's exact values — goes through the strict decode as before.
 */
export function checkAndVerify(encoded: Uint8Array): CheckOutcome {
  let o: PrepareOutcome;
  try {
    const plain = decode(encoded) as Tx;
    const approvals = plain.body.ops.some((op) => op.type === 'proposal.create' || op.type === 'proposal.approve');
    o = approvals ? prepareAndVerify(encoded) : verifyPrepared(prepareTx(plain, encoded));
  } catch {
    o = prepareAndVerify(encoded); // not what a strictly decoded transaction looks like: the strict path says why
  }
  return o.ok ? { ok: true, hash: o.hash, id: o.id, signers: o.signers } : o;
}

/** Whether each precommit's signature verifies over its vote (see precommitClaims), in order. */
export function verifyPrecommits(chainId: string, cert: CommitCertificate): boolean[] {
  return precommitClaims(chainId, cert).map((c) => verifySignature(c.publicKey, c.message, c.signature));
}
