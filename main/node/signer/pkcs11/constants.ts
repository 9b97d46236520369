import pkcs11js from 'pkcs11js';

/**
 * The pkcs11js module object (constants and the PKCS11 class). pkcs11js is CommonJS: Node exposes only `PKCS11` as a
 * named export, so the constants are reached through the default export.
 */
export const P = pkcs11js;

// PKCS#11 3.0 names for Ed25519 that pkcs11js 2.1 (a 2.40 binding) does not define.
export const CKK_EC_EDWARDS = 0x40;
export const CKM_EC_EDWARDS_KEY_PAIR_GEN = 0x1055;
export const CKM_EDDSA = 0x1057;

/** CK_SLOT_INFO flag: pkcs11js defines it at run time but its typings leave it out. */
export const CKF_TOKEN_PRESENT = 0x1;

/** DER OID 1.2.840.10045.3.1.7 (prime256v1), the CKA_EC_PARAMS of a P-256 key. */
export const P256_EC_PARAMS = Uint8Array.from([0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07]);
/** DER OID 1.3.101.112 (id-Ed25519), the CKA_EC_PARAMS we write for an Ed25519 key. */
export const ED25519_EC_PARAMS = Uint8Array.from([0x06, 0x03, 0x2b, 0x65, 0x70]);
/** PrintableString "edwards25519": PKCS#11 3.0 also allows this curve name, and some tokens report it. */
export const ED25519_EC_PARAMS_NAME = Uint8Array.from([
  0x13, 0x0c, 0x65, 0x64, 0x77, 0x61, 0x72, 0x64, 0x73, 0x32, 0x35, 0x35, 0x31, 0x39,
]);

/** Names for the mechanisms we use, so an error can say which one a token lacks. */
export const MECHANISM_NAME: Readonly<Record<number, string>> = {
  [P.CKM_EC_KEY_PAIR_GEN]: 'CKM_EC_KEY_PAIR_GEN (P-256 key generation)',
  [P.CKM_ECDSA]: 'CKM_ECDSA (P-256 signing)',
  [CKM_EC_EDWARDS_KEY_PAIR_GEN]: 'CKM_EC_EDWARDS_KEY_PAIR_GEN (Ed25519 key generation)',
  [CKM_EDDSA]: 'CKM_EDDSA (Ed25519 signing)',
};

export function mechanismName(mechanism: number): string {
  return MECHANISM_NAME[mechanism] ?? `mechanism 0x${mechanism.toString(16)}`;
}
