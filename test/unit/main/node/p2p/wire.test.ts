import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encodeCanonical } from '../../../../../shared/encoding/index.ts';
import { statusMessageCodec, syncRequestCodec } from '../../../../../main/node/p2p/wire.ts';

describe('p2p wire messages', () => {
  it('round-trips status messages and refuses unknown kinds and fields', () => {
    const status = { kind: 'status' as const, height: 5, hash: new Uint8Array(32).fill(1) };
    assert.deepEqual(statusMessageCodec.decode(statusMessageCodec.encode(status)), status);
    assert.deepEqual(statusMessageCodec.decode(statusMessageCodec.encode({ kind: 'ping', nonce: 7 })), {
      kind: 'ping',
      nonce: 7,
    });
    assert.throws(() => statusMessageCodec.decode(encodeCanonical({ kind: 'hello' })), {
      code: 'ENCODING_INVALID_FIELD',
    });
    assert.throws(() => statusMessageCodec.decode(encodeCanonical({ kind: 'ping', nonce: 1, extra: 1 })), {
      code: 'ENCODING_UNKNOWN_FIELD',
    });
    assert.throws(() =>
      statusMessageCodec.decode(encodeCanonical({ kind: 'status', height: 1, hash: new Uint8Array(31) })),
    );
  });

  it('refuses sync ranges that run backwards or start at genesis', () => {
    assert.deepEqual(syncRequestCodec.decode(syncRequestCodec.encode({ from: 3, to: 3 })), { from: 3, to: 3 });
    assert.throws(() => syncRequestCodec.decode(encodeCanonical({ from: 4, to: 3 })));
    assert.throws(() => syncRequestCodec.decode(encodeCanonical({ from: 0, to: 3 })));
  });
});
