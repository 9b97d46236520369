import type { Scheme } from '../../../../shared/crypto/index.ts';

/** Lengths a bare point can have: P-256 SEC 1 uncompressed (65) or compressed (33); Ed25519 (32). */
const RAW_LENGTHS: Readonly<Record<Scheme, readonly number[]>> = { p256: [65, 33], ed25519: [32] };

/**
 * The point inside a CKA_EC_POINT value. PKCS#11 says the value is a DER OCTET STRING wrapping the point (`04 41 …`
 * for P-256, `04 20 …` for Ed25519), and most tokens do that; some use a long-form length (`04 81 41 …`), a few
 * return the bare point. A bare P-256 point also starts with 04, so the wrapper is taken only when its length covers
 * exactly the rest of the value and leaves a point of a valid length; otherwise the value must itself be a bare
 * point. Returns undefined when it is neither. (The point is then validated on the curve by the caller.)
 */
export function ecPointFromAttribute(value: Uint8Array, scheme: Scheme): Uint8Array | undefined {
  const valid = RAW_LENGTHS[scheme];
  const inner = octetStringContent(value);
  if (inner && valid.includes(inner.length)) return inner;
  if (valid.includes(value.length)) return value;
  return undefined;
}

/**
 * The content of an OCTET STRING (tag 04, definite length, short or long form) that spans all of `value`, else
 * undefined. Non-minimal long forms are accepted, since tokens write them and the content is checked afterwards.
 */
export function octetStringContent(value: Uint8Array): Uint8Array | undefined {
  if (value.length < 2 || value[0] !== 0x04) return undefined;
  const first = value[1]!;
  let length = first;
  let header = 2;
  if (first >= 0x80) {
    const n = first & 0x7f;
    // 0x80 is BER's indefinite length; more than 3 length bytes is no point.
    if (n === 0 || n > 3 || value.length < 2 + n) return undefined;
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + value[2 + i]!;
    header = 2 + n;
  }
  if (header + length !== value.length) return undefined;
  return value.subarray(header);
}
