import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { p256 } from '@noble/curves/nist.js';
import {
  encodeSignature,
  generateSecretKey,
  publicKeyOf,
  signWithSecretKey,
  utf8,
  type Scheme,
} from '../../../../../shared/crypto/index.ts';
import { torsionSignature } from '../../../../helpers/ed25519-torsion.ts';
import { agree } from './agree.ts';

const scheme = fc.constantFrom<Scheme>('ed25519', 'p256');
const seed = fc.uint8Array({ minLength: 48, maxLength: 48 });
/** noble takes a 32-byte seed for Ed25519 and a 48-byte one for P-256 (reduced mod n without bias). */
const keyFrom = (s: Scheme, sd: Uint8Array) => generateSecretKey(s, s === 'ed25519' ? sd.subarray(0, 32) : sd);

describe("the node's verifier (libsodium / OpenSSL) and node:crypto agree with the noble rule", () => {
  it('on valid signatures over random messages', () => {
    fc.assert(
      fc.property(scheme, seed, fc.uint8Array({ maxLength: 200 }), (s, sd, msg) => {
        const sk = keyFrom(s, sd);
        assert.equal(agree(publicKeyOf(s, sk), msg, signWithSecretKey(s, sk, msg)), true);
      }),
      { numRuns: 300 },
    );
  });

  it('on signatures, keys and messages with a byte changed', () => {
    fc.assert(
      fc.property(
        scheme,
        seed,
        fc.uint8Array({ minLength: 1, maxLength: 64 }),
        fc.constantFrom('key', 'sig', 'msg'),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        (s, sd, msg, target, at, bits) => {
          const sk = keyFrom(s, sd);
          const pk = Uint8Array.from(publicKeyOf(s, sk));
          const sig = Uint8Array.from(signWithSecretKey(s, sk, msg));
          const m = Uint8Array.from(msg);
          const victim = target === 'key' ? pk : target === 'sig' ? sig : m;
          victim[at % victim.length]! ^= bits;
          agree(pk, m, sig);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('on random bytes as keys and signatures', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(0x01, 0x02, 0x03),
        fc.uint8Array({ minLength: 32, maxLength: 33 }),
        fc.uint8Array({ minLength: 64, maxLength: 64 }),
        (tag, key, sig) => {
          assert.equal(agree(Uint8Array.of(tag, ...key), utf8('x'), Uint8Array.of(tag, ...sig)), false);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('on a crafted Ed25519 signature with a small-order component in R (all refuse)', () => {
    const sk = generateSecretKey('ed25519');
    const msg = utf8('crafted');
    assert.equal(agree(publicKeyOf('ed25519', sk), msg, torsionSignature(sk, msg)), false);
  });

  it('on a high-S P-256 signature (all refuse) and its normalised form (all accept)', () => {
    const sk = generateSecretKey('p256');
    const pk = publicKeyOf('p256', sk);
    const msg = utf8('hsm');
    const low = p256.sign(msg, sk, { lowS: true, format: 'compact' });
    const sig = p256.Signature.fromBytes(low, 'compact');
    const high = new p256.Signature(sig.r, p256.Point.Fn.ORDER - sig.s).toBytes('compact');
    assert.equal(agree(pk, msg, encodeSignature('p256', high)), false);
    assert.equal(agree(pk, msg, encodeSignature('p256', low)), true);
  });
});
