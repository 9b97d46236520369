/**
 * The part of sodium-native (libsodium's N-API binding; the package publishes no types) that the node uses. The
 * package checks argument types and lengths in JavaScript and hands libsodium views of the caller's memory, no copies.
 */
declare module 'sodium-native' {
  const sodium: {
    /** libsodium's crypto_sign_verify_detached: Ed25519 with its strict checks (listed in verify.ts). */
    crypto_sign_verify_detached(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean;
  };
  export default sodium;
}
