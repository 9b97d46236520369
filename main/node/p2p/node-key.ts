import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { publicKeyFromRaw } from '@libp2p/crypto/keys';
import { peerIdFromPublicKey, peerIdFromString } from '@libp2p/peer-id';
import { z } from 'zod';
import {
  bytesToHex,
  encodePublicKey,
  generateSecretKey,
  hexToBytesStrict,
  publicKeyOf,
  SCHEME_TAG,
} from '../../../shared/crypto/index.ts';
import { P2PError, P2PErrorCode as E } from './errors.ts';

/**
 * A node key is the identity of a node on the p2p network (its libp2p peer id), separate from the validator key that
 * signs votes: a node key only authenticates connections, so it can live in a plain file that the node reads at
 * start, while the validator key sits behind the signer and its double-sign guard. The registry (genesis / state)
 * names which node keys may connect.
 */
export interface NodeKey {
  /** The 32-byte Ed25519 seed. */
  readonly privateKey: Uint8Array;
  /** The public key in the ledger's tagged form (0x01 ‖ 32 bytes), as the registry stores it. */
  readonly publicKey: Uint8Array;
  /** The libp2p peer id (12D3KooW...), which bootstrap multiaddrs end with (/p2p/<peer id>). */
  readonly peerId: string;
}

const nodeKeyFileSchema = z.strictObject({
  kind: z.literal('countersign-node-key'),
  version: z.literal(1),
  publicKey: z.string().regex(/^01[0-9a-f]{64}$/),
  privateKey: z.string().regex(/^[0-9a-f]{64}$/),
  peerId: z.string().min(1).max(128),
});

/** A node key from a 32-byte seed (random when none is given). */
export function nodeKeyFromSeed(seed?: Uint8Array): NodeKey {
  if (seed !== undefined && seed.length !== 32) throw new P2PError(E.BAD_NODE_KEY, 'node key seed must be 32 bytes');
  const privateKey = seed ?? generateSecretKey('ed25519');
  const publicKey = publicKeyOf('ed25519', privateKey);
  return { privateKey, publicKey, peerId: peerIdFromNodeKey(publicKey) };
}

/** The peer id of a node key, tagged (33 bytes) or raw (32 bytes). */
export function peerIdFromNodeKey(publicKey: Uint8Array): string {
  let raw: Uint8Array;
  if (publicKey.length === 33 && publicKey[0] === SCHEME_TAG.ed25519) raw = publicKey.subarray(1);
  else if (publicKey.length === 32) raw = publicKey;
  else throw new P2PError(E.BAD_NODE_KEY, 'node key must be an Ed25519 public key (32 bytes, or 33 with its tag)');
  return peerIdFromPublicKey(publicKeyFromRaw(raw)).toString();
}

/** The tagged node key inside a peer id; undefined for ids that do not embed an Ed25519 key (or are not peer ids). */
export function nodeKeyOfPeerId(peerId: string): Uint8Array | undefined {
  try {
    const id = peerIdFromString(peerId);
    return id.type === 'Ed25519' ? encodePublicKey('ed25519', id.publicKey.raw) : undefined;
  } catch {
    return undefined;
  }
}

/** Writes a new node key file (JSON, mode 0600, directory 0700); never overwrites one. */
export function createNodeKeyFile(file: string, seed?: Uint8Array): NodeKey {
  if (existsSync(file))
    throw new P2PError(E.BAD_NODE_KEY, `node key file ${file} already exists; refusing to overwrite`);
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const key = nodeKeyFromSeed(seed);
  const body = {
    kind: 'countersign-node-key',
    version: 1,
    publicKey: bytesToHex(key.publicKey),
    privateKey: bytesToHex(key.privateKey),
    peerId: key.peerId,
  };
  writeFileSync(file, JSON.stringify(body, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
  return key;
}

export function loadNodeKeyFile(file: string): NodeKey {
  if (!existsSync(file)) throw new P2PError(E.BAD_NODE_KEY, `no node key file at ${file}`);
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600); // keep the secret owner-only
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new P2PError(E.BAD_NODE_KEY, `node key file ${file} is not JSON`);
  }
  const parsed = nodeKeyFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new P2PError(E.BAD_NODE_KEY, `node key file ${file}: field "${issue?.path.join('.')}" ${issue?.message}`);
  }
  const key = nodeKeyFromSeed(hexToBytesStrict(parsed.data.privateKey));
  if (bytesToHex(key.publicKey) !== parsed.data.publicKey || key.peerId !== parsed.data.peerId) {
    throw new P2PError(E.BAD_NODE_KEY, `node key file ${file}: public key or peer id does not match the private key`);
  }
  return key;
}
