import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { generateKeyPairFromSeed } from '@libp2p/crypto/keys';
import { peerIdFromPrivateKey } from '@libp2p/peer-id';
import {
  createNodeKeyFile,
  loadNodeKeyFile,
  nodeKeyFromSeed,
  nodeKeyOfPeerId,
  peerIdFromNodeKey,
} from '../../../../../main/node/p2p/node-key.ts';

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'countersign-node-key-'));
}

describe('node keys', () => {
  it('derives the same peer id as libp2p does from the seed', async () => {
    const seed = new Uint8Array(32).fill(42);
    const key = nodeKeyFromSeed(seed);
    const libp2pId = peerIdFromPrivateKey(await generateKeyPairFromSeed('Ed25519', seed)).toString();
    assert.equal(key.peerId, libp2pId);
    assert.match(key.peerId, /^12D3KooW/);
    assert.equal(key.publicKey.length, 33);
    assert.equal(key.publicKey[0], 0x01, 'the ledger’s ed25519 tag');
    assert.equal(peerIdFromNodeKey(key.publicKey), libp2pId);
    assert.equal(peerIdFromNodeKey(key.publicKey.subarray(1)), libp2pId, 'the raw 32-byte key works too');
    assert.deepEqual(nodeKeyOfPeerId(libp2pId), key.publicKey);
    assert.equal(nodeKeyOfPeerId('not a peer id'), undefined);
    assert.throws(() => peerIdFromNodeKey(new Uint8Array(31)), { code: 'P2P_BAD_NODE_KEY' });
  });

  it('writes an owner-only file, reads it back, and never overwrites it', () => {
    const dir = tempDir();
    try {
      const file = path.join(dir, 'keys', 'node-key.json');
      const created = createNodeKeyFile(file);
      assert.equal(fs.statSync(file).mode & 0o777, 0o600);
      assert.equal(fs.statSync(path.dirname(file)).mode & 0o777, 0o700);
      const loaded = loadNodeKeyFile(file);
      assert.equal(loaded.peerId, created.peerId);
      assert.deepEqual(loaded.privateKey, created.privateKey);
      assert.throws(() => createNodeKeyFile(file), /refusing to overwrite/);
      fs.chmodSync(file, 0o644);
      loadNodeKeyFile(file);
      assert.equal(fs.statSync(file).mode & 0o777, 0o600, 'permissions tightened on load');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a tampered or malformed file, naming the problem', () => {
    const dir = tempDir();
    try {
      const file = path.join(dir, 'node-key.json');
      createNodeKeyFile(file, new Uint8Array(32).fill(1));
      const body = JSON.parse(fs.readFileSync(file, 'utf8'));
      fs.writeFileSync(file, JSON.stringify({ ...body, peerId: nodeKeyFromSeed(new Uint8Array(32).fill(2)).peerId }));
      assert.throws(() => loadNodeKeyFile(file), /does not match/);
      fs.writeFileSync(file, JSON.stringify({ ...body, privateKey: 'zz' }));
      assert.throws(() => loadNodeKeyFile(file), /field "privateKey"/);
      fs.writeFileSync(file, '{');
      assert.throws(() => loadNodeKeyFile(file), /not JSON/);
      assert.throws(() => loadNodeKeyFile(path.join(dir, 'missing.json')), /no node key file/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
