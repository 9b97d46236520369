import { CryptoError } from '../../../shared/crypto/index.ts';
import { EncodingError } from '../../../shared/encoding/index.ts';
import { FinanceError } from '../../../shared/finance/index.ts';
import { LedgerError } from './errors.ts';

/**
 * The code of an expected, deterministic failure: our coded errors (ledger, encoding, finance, crypto). Anything
 * else is a bug and must not be recorded as a result (of a transaction or of an end-of-block hook).
 */
export function failureCode(err: unknown): string | undefined {
  return err instanceof LedgerError ||
    err instanceof EncodingError ||
    err instanceof FinanceError ||
    err instanceof CryptoError
    ? err.code
    : undefined;
}
