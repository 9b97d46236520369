import { CryptoError } from '../../../shared/crypto/index.ts';
import { EncodingError } from '../../../shared/encoding/index.ts';
import { AdmissionError, AdmissionErrorCode } from '../execution/errors.ts';
import { Offence } from '../p2p/index.ts';

/**
 * Whether a transaction a peer relayed and our mempool refused shows the peer at fault. Honest nodes relay only what
 * their mempool admitted, so bytes that do not decode, belong to another chain or carry a bad signature cannot come
 * from one. Refusals that depend on the moment or on state (expired, already committed or pending, full, unknown
 * signer after a governance change) are not the peer's fault.
 */
export function relayedTxOffence(err: unknown): Offence | undefined {
  if (err instanceof EncodingError) return Offence.MALFORMED;
  if (err instanceof CryptoError) return Offence.BAD_SIGNATURE;
  if (!(err instanceof AdmissionError)) return undefined;
  switch (err.code) {
    case AdmissionErrorCode.WRONG_CHAIN:
      return Offence.WRONG_CHAIN;
    case AdmissionErrorCode.BAD_SIGNATURE:
    case AdmissionErrorCode.DUPLICATE_SIGNER:
      return Offence.BAD_SIGNATURE;
    default:
      return undefined;
  }
}
