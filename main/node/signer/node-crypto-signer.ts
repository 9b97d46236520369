import { createPrivateKey, sign as cryptoSign, type KeyObject } from 'node:crypto';
import { encodeSignature, keyId, publicKeyOf } from '../../../shared/crypto/index.ts';
import type { Signer } from './interface.ts';

const ED25519_PKCS8 = Buffer.from('302e020100300506032b657004220420', 'hex');

/**
 * An Ed25519 software signer backed by OpenSSL (node:crypto), ~15× faster than noble at signing: for load
 * generators, benchmarks and tools that sign many transactions. Ed25519 is deterministic, so its signatures are
 * byte-identical to noble's (checked in test/unit/main/node/signer).
 */
export function nodeCryptoEd25519Signer(label: string, secret: Uint8Array): Signer {
  const key: KeyObject = createPrivateKey({
    key: Buffer.concat([ED25519_PKCS8, secret]),
    format: 'der',
    type: 'pkcs8',
  });
  const publicKey = publicKeyOf('ed25519', secret);
  return {
    label,
    scheme: 'ed25519',
    publicKey,
    id: keyId(publicKey),
    sign: (m) => encodeSignature('ed25519', new Uint8Array(cryptoSign(null, m, key))),
  };
}
