import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encodeCanonical, mapPathBytes, skipItem } from '../../../../shared/encoding/index.ts';

describe('walking accepted CBOR without decoding it', () => {
  const inner = { txs: [Uint8Array.of(1, 2, 3), new Uint8Array(300).fill(9)], header: { height: 70_000, ok: true } };
  const outer = { kind: 'proposal', proposal: { block: inner, proposal: { round: 2 }, signature: new Uint8Array(64) } };
  const bytes = encodeCanonical(outer);

  it('finds the bytes of a nested value, identical to encoding that value alone', () => {
    assert.deepEqual(mapPathBytes(bytes, ['proposal', 'block']), encodeCanonical(inner));
    assert.deepEqual(mapPathBytes(bytes, ['proposal', 'block', 'header']), encodeCanonical(inner.header));
    assert.deepEqual(mapPathBytes(bytes, ['kind']), encodeCanonical('proposal'));
  });

  it('says undefined for a missing key, a non-map or cut-off bytes', () => {
    assert.equal(mapPathBytes(bytes, ['proposal', 'nope']), undefined);
    assert.equal(mapPathBytes(bytes, ['kind', 'x']), undefined);
    assert.equal(mapPathBytes(bytes.subarray(0, bytes.length - 10), ['proposal', 'signature']), undefined);
  });

  it('skips whole items', () => {
    assert.equal(skipItem(bytes, 0), bytes.length);
  });
});
