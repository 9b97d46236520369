import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import {
  compressP256PublicKey,
  ecdsaDerToCompact,
  encodePublicKey,
  encodeSignature,
  isLowS,
  normalizeLowS,
  publicKeyOf,
  signWithSecretKey,
  verifySignature as rule,
} from '../../../../shared/crypto/index.ts';
import { verifierFor, type VerifyPath } from '../../../../main/node/crypto/verify.ts';

const vectors = (name: string) =>
  JSON.parse(readFileSync(path.join(import.meta.dirname, '../../../vectors', name), 'utf8')) as unknown;
const hex = (h: string) => Uint8Array.from(Buffer.from(h, 'hex'));

interface Rfc8032 {
  vectors: { name: string; secretKey: string; publicKey: string; message: string; signature: string }[];
}
interface Wycheproof {
  testGroups: {
    publicKey: { uncompressed: string };
    tests: { tcId: number; comment: string; flags: string[]; msg: string; sig: string; result: string }[];
  }[];
}

const NATIVE_PATHS: readonly VerifyPath[] = ['node', 'openssl'];

/** The rule and the native verifiers (libsodium, OpenSSL), which must agree; returns their common verdict. */
function verifyAll(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  const verdict = rule(publicKey, message, signature);
  for (const path of NATIVE_PATHS) {
    assert.equal(verifierFor(path)(publicKey, message, signature), verdict, `the ${path} path disagrees with the rule`);
  }
  return verdict;
}

describe('Ed25519: RFC 8032 §7.1 test vectors', () => {
  const { vectors: cases } = vectors('rfc8032-ed25519.json') as Rfc8032;
  it('covers TEST 1, 2, 3, 1024 and SHA(abc)', () => assert.equal(cases.length, 5));
  for (const v of cases) {
    it(v.name, () => {
      const publicKey = encodePublicKey('ed25519', hex(v.publicKey));
      assert.deepEqual(publicKeyOf('ed25519', hex(v.secretKey)), publicKey);
      assert.deepEqual(signWithSecretKey('ed25519', hex(v.secretKey), hex(v.message)).subarray(1), hex(v.signature));
      assert.equal(verifyAll(publicKey, hex(v.message), encodeSignature('ed25519', hex(v.signature))), true);
      const tampered = Uint8Array.of(...hex(v.message), 0);
      assert.equal(verifyAll(publicKey, tampered, encodeSignature('ed25519', hex(v.signature))), false);
    });
  }
});

describe('ECDSA P-256: Wycheproof ecdsa_secp256r1_sha256 (subset, DER signatures)', () => {
  const { testGroups } = vectors('wycheproof-ecdsa-secp256r1-sha256.json') as Wycheproof;
  const tally = { valid: 0, highS: 0, invalid: 0 };

  it('every vector: invalid ones refused, valid ones accepted unless high-S (then accepted once normalised)', () => {
    for (const group of testGroups) {
      const key = encodePublicKey('p256', compressP256PublicKey(hex(group.publicKey.uncompressed)));
      for (const t of group.tests) {
        const msg = hex(t.msg);
        let compact: Uint8Array | undefined;
        try {
          compact = ecdsaDerToCompact(hex(t.sig));
        } catch {
          compact = undefined; // strict DER parsing refused it
        }
        const verdict = compact !== undefined && verifyAll(key, msg, encodeSignature('p256', compact));
        const label = `tcId ${t.tcId} (${t.comment})`;
        if (t.result === 'valid') {
          assert.ok(compact, `${label}: DER refused`);
          if (isLowS(compact)) {
            assert.equal(verdict, true, `${label}: valid low-S signature refused`);
            tally.valid++;
          } else {
            assert.equal(verdict, false, `${label}: high-S signature accepted`);
            assert.equal(verifyAll(key, msg, encodeSignature('p256', normalizeLowS(compact))), true, label);
            tally.highS++;
          }
        } else {
          assert.equal(verdict, false, `${label}: invalid signature accepted`);
          if (compact) {
            // Not even the normalised form may verify.
            assert.equal(rule(key, msg, encodeSignature('p256', normalizeLowS(compact))), false, label);
          }
          tally.invalid++;
        }
      }
    }
    assert.ok(tally.valid > 10 && tally.highS > 10 && tally.invalid > 100, JSON.stringify(tally));
  });
});
