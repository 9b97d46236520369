import { ApiCallError, CONNECTION_LOST, TIMED_OUT } from '../api/errors.ts';
import type { Translate } from '../format/describe.ts';

/** Error codes with their own translated explanation; others show the node's message as it is. */
const KNOWN = new Set([
  'KEYSTORE_BAD_PASSPHRASE',
  'PKCS11_PIN_INCORRECT',
  'PKCS11_PIN_LOCKED',
  'SECRET_REQUIRED',
  'TX_TIMEOUT',
  'PROPOSAL_CLOSED',
  'NOT_A_SIGNATORY',
  'OFFLINE_FILE_MODIFIED',
  'OFFLINE_DIGEST_MISMATCH',
]);

/** What to tell a person about a failed call: the translated reason when we know it, then the node's own words. */
export function errorText(err: unknown, t: Translate): string {
  if (err instanceof ApiCallError) {
    if (err.rpcCode === CONNECTION_LOST) return t('errors.connectionLost');
    if (err.rpcCode === TIMED_OUT) return t('errors.timeout');
    if (KNOWN.has(err.code)) return `${t(`errors.${err.code}`)} (${err.message})`;
    return `${err.message} [${err.code}]`;
  }
  return err instanceof Error ? err.message : String(err);
}
