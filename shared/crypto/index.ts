export { bytesToHex, concatBytes, equalBytes, hexToBytesStrict, utf8 } from './bytes.ts';
export { compressP256PublicKey, ecdsaDerToCompact, isLowS, normalizeLowS } from './ecdsa.ts';
export { CryptoError, CryptoErrorCode } from './errors.ts';
export { HashTag, isValidChainId, sha256, taggedHash } from './hash.ts';
export {
  decodePublicKey,
  decodeSignature,
  encodePublicKey,
  encodeSignature,
  keyId,
  type PublicKey,
  type Signature,
} from './keys.ts';
export { PUBLIC_KEY_LENGTH, SCHEME_TAG, SCHEMES, SIGNATURE_LENGTH, Scheme } from './scheme.ts';
export { generateSecretKey, publicKeyOf, signWithSecretKey } from './sign.ts';
export { verifySignature } from './verify.ts';
