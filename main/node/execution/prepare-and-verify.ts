import { txCodec } from '../../../shared/domain/index.ts';
import { verifySignature } from '../crypto/verify.ts';
import { AdmissionError, AdmissionErrorCode as E } from './errors.ts';
import { prepareTx } from './tx-checks.ts';

/** What one transaction's stateless checks produce; plain data, so it can cross a thread boundary. */
export type PrepareOutcome =
  | { ok: true; tx: unknown; hash: Uint8Array; id: string; signers: string[] }
  | { ok: false; error: { name: string; code?: string; message: string } };

/** Strict decode, hash, and verification of every signature the transaction carries. */
export function prepareAndVerify(encoded: Uint8Array): PrepareOutcome {
  try {
    const prepared = prepareTx(txCodec.decode(encoded), encoded);
    const envelope = prepared.tx.signatures.length;
    prepared.claims.forEach((c, i) => {
      if (!verifySignature(c.publicKey, c.message, c.signature)) {
        const what = i < envelope ? `signature ${i}` : 'an approval signature';
        throw new AdmissionError(E.BAD_SIGNATURE, `${what} does not verify`);
      }
    });
    return { ok: true, tx: prepared.tx, hash: prepared.hash, id: prepared.id, signers: prepared.signers };
  } catch (err) {
    const e = err as Error & { code?: unknown };
    return {
      ok: false,
      error: { name: e.name, message: e.message, ...(typeof e.code === 'string' && { code: e.code }) },
    };
  }
}
