import fc from 'fast-check';

/**
 * Random small changes to an encoding — flip bits, insert, delete, truncate, append, or swap two bytes — for tests
 * that a decoder refuses (or agrees with another decoder on) whatever a damaged message looks like.
 */
export const byteMutation = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bits: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('append' as const), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), other: fc.nat() }),
);
export type ByteMutation = typeof byteMutation extends fc.Arbitrary<infer M> ? M : never;

/** `bytes` with mutation `m` applied (positions taken modulo the length; a copy, the input is left as it is). */
export function mutateBytes(bytes: Uint8Array, m: ByteMutation): Uint8Array {
  const out = Array.from(bytes);
  const at = 'at' in m ? m.at % (out.length + 1) : 0;
  switch (m.kind) {
    case 'flip':
      if (out.length) out[at % out.length]! ^= m.bits;
      break;
    case 'insert':
      out.splice(at, 0, m.byte);
      break;
    case 'delete':
      if (out.length) out.splice(at % out.length, 1);
      break;
    case 'truncate':
      out.length = Math.min(at, Math.max(out.length - 1, 0));
      break;
    case 'append':
      out.push(m.byte);
      break;
    case 'swap':
      if (out.length) {
        const i = at % out.length;
        const j = m.other % out.length;
        [out[i], out[j]] = [out[j]!, out[i]!];
      }
      break;
  }
  return Uint8Array.from(out);
}
