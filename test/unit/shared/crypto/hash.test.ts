import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { bytesToHex, HashTag, isValidChainId, taggedHash, utf8 } from '../../../../shared/crypto/index.ts';

const sha256 = (...parts: Uint8Array[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
};

describe('tagged hash', () => {
  it('is SHA-256(D ‖ D ‖ payload) with D = SHA-256("countersign/v1/<tag>/<chain>") (checked with node:crypto)', () => {
    const payload = utf8('hello');
    const d = sha256(utf8('countersign/v1/tx/countersign-devnet'));
    assert.equal(bytesToHex(taggedHash(HashTag.TX, 'countersign-devnet', payload)), bytesToHex(sha256(d, d, payload)));
  });
  it('separates message kinds and chains', () => {
    const payload = utf8('same bytes');
    const seen = new Set<string>();
    for (const tag of Object.values(HashTag)) {
      for (const chain of ['chain-a', 'chain-b', '']) seen.add(bytesToHex(taggedHash(tag, chain, payload)));
    }
    assert.equal(seen.size, Object.values(HashTag).length * 3);
    assert.notEqual(bytesToHex(taggedHash(HashTag.TX, 'c', payload)), bytesToHex(sha256(payload)));
  });
  it('refuses chain ids that could make two domains collide', () => {
    assert.throws(() => taggedHash(HashTag.TX, 'a/b', new Uint8Array()));
    assert.throws(() => taggedHash(HashTag.TX, 'UPPER', new Uint8Array()));
    assert.equal(isValidChainId('countersign-devnet'), true);
    assert.equal(isValidChainId('-x'), false);
    assert.equal(isValidChainId('x'.repeat(64)), false);
  });
});
