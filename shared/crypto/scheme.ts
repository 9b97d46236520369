/**
 * Signature schemes. Every public key and signature on the ledger starts with its scheme's tag byte, so a key or
 * signature can never be read under the wrong algorithm, and new schemes can be added without ambiguity.
 *
 *   ed25519: tag 0x01, public key 32 bytes (RFC 8032), signature 64 bytes (R ‖ S)
 *   p256:    tag 0x02, public key 33 bytes (SEC 1 compressed), signature 64 bytes (r ‖ s, big-endian, low-S)
 */
export const Scheme = { ED25519: 'ed25519', P256: 'p256' } as const;
export type Scheme = (typeof Scheme)[keyof typeof Scheme];

export const SCHEMES: readonly Scheme[] = [Scheme.ED25519, Scheme.P256];

export const SCHEME_TAG: Readonly<Record<Scheme, number>> = { ed25519: 0x01, p256: 0x02 };
export const PUBLIC_KEY_LENGTH: Readonly<Record<Scheme, number>> = { ed25519: 32, p256: 33 };
export const SIGNATURE_LENGTH: Readonly<Record<Scheme, number>> = { ed25519: 64, p256: 64 };

export function schemeOfTag(tag: number): Scheme | undefined {
  return SCHEMES.find((s) => SCHEME_TAG[s] === tag);
}
