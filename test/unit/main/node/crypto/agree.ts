import assert from 'node:assert/strict';
import { verifierFor, type VerifyPath } from '../../../../../main/node/crypto/verify.ts';

/** The rule (noble), the node's verifier (libsodium for Ed25519) and node:crypto for both schemes. */
export const PATHS: readonly VerifyPath[] = ['noble', 'node', 'openssl'];

/** Every path's verdict on one input; fails the test unless they are all the same. Returns that verdict. */
export function agree(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  const verdicts = PATHS.map((path) => verifierFor(path)(publicKey, message, signature));
  const described = PATHS.map((path, i) => `${path}: ${verdicts[i]}`).join(', ');
  assert.ok(
    verdicts.every((v) => v === verdicts[0]),
    `verification paths disagree (${described})`,
  );
  return verdicts[0]!;
}
