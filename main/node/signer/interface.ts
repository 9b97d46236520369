import type { Scheme } from '../../../shared/crypto/index.ts';

/**
 * Anything that can sign for a signatory or a validator: a software key, a PKCS#11 token. The private key never
 * leaves the implementation; callers see the public key and signatures (tagged, ECDSA already low-S).
 */
export interface Signer {
  readonly label: string;
  readonly scheme: Scheme;
  /** Tagged public key (scheme byte ‖ raw key). */
  readonly publicKey: Uint8Array;
  /** Key id of the public key: the signatory id. */
  readonly id: string;
  sign(message: Uint8Array): Uint8Array | Promise<Uint8Array>;
}
