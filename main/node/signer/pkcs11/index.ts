/** The PKCS#11 signer backend (hardware tokens, HSMs, SoftHSM2): keys are generated on the token and never leave it. */
export { Pkcs11Error, Pkcs11ErrorCode } from './errors.ts';
export {
  closeModule,
  listSlots,
  openSession,
  type SlotDescription,
  type TokenDescription,
  type TokenSession,
} from './module.ts';
export {
  findKeys,
  generateKeyPair,
  readPrivateKeyAttributes,
  type GenerateKeyOptions,
  type KeyQuery,
  type PrivateKeyAttributes,
  type TokenKey,
} from './keys.ts';
export { signRaw } from './sign.ts';
export { openTokenSigner, type TokenSigner, type TokenSignerOptions } from './token-signer.ts';
