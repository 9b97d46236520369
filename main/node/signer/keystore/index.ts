// The keystore's public surface, for the CLI and the node.
export { createKeystore, readKeystoreInfo, unlockKeystore } from './keystore.ts';
export type { CreateKeystoreOptions, KeystoreInfo } from './keystore.ts';
export { KeystoreError, KeystoreErrorCode } from './errors.ts';
export { DEFAULT_SCRYPT, SCRYPT_LIMITS } from './format.ts';
export { MIN_PASSPHRASE_LENGTH } from './passphrase.ts';
export { DEFAULT_IDLE_MS, type UnlockedSigner } from './software-signer.ts';
