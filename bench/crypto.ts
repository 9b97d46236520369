/**
 * Signature verifications per second on one core, for each scheme and each verification path: the noble rule and the
 * native paths that must agree with it, libsodium (the node's Ed25519 verifier) and OpenSSL through node:crypto (the
 * node's P-256 verifier; for Ed25519, the one libsodium replaced). This is the ceiling every throughput figure is
 * compared to.
 *
 *   npm run bench:crypto [-- --ms 1500]
 */
import { parseArgs } from 'node:util';
import { generateSecretKey, publicKeyOf, signWithSecretKey, type Scheme } from '../shared/crypto/index.ts';
import { verifierFor, type VerifyPath } from '../main/node/crypto/verify.ts';
import { opsPerSecond, printTable, writeResult } from './lib/report.ts';

const { values } = parseArgs({ options: { ms: { type: 'string', default: '1500' } } });
const ms = Number(values.ms);

/** 64 distinct keys, each with a signed 32-byte message (a transaction hash): verification sees varied input. */
function corpus(scheme: Scheme) {
  return Array.from({ length: 64 }, (_, i) => {
    const sk = generateSecretKey(scheme);
    const msg = new Uint8Array(32).fill(i);
    return { publicKey: publicKeyOf(scheme, sk), msg, sig: signWithSecretKey(scheme, sk, msg), sk };
  });
}

/** Each scheme's distinct implementations: for P-256 the node's path is node:crypto itself. */
const PATHS: Record<Scheme, [VerifyPath, string][]> = {
  ed25519: [
    ['noble', 'noble'],
    ['node', 'libsodium'],
    ['openssl', 'node:crypto'],
  ],
  p256: [
    ['noble', 'noble'],
    ['node', 'node:crypto'],
  ],
};

const rows: Record<string, string | number>[] = [];
for (const scheme of ['ed25519', 'p256'] as const) {
  const items = corpus(scheme);
  for (const [path, label] of PATHS[scheme]) {
    const verify = verifierFor(path);
    const perSecond = opsPerSecond((i) => {
      const it = items[i % items.length]!;
      if (!verify(it.publicKey, it.msg, it.sig)) throw new Error('benchmark signature failed to verify');
    }, ms);
    rows.push({ operation: 'verify', scheme, path: label, perSecond });
  }
  const sign = opsPerSecond((i) => {
    const it = items[i % items.length]!;
    signWithSecretKey(scheme, it.sk, it.msg);
  }, ms);
  rows.push({ operation: 'sign', scheme, path: 'noble', perSecond: sign });
}

console.log('Signature operations per second, one core:\n');
printTable(rows);
const file = writeResult('crypto', { unit: 'operations/s on one core', rows });
console.log(`\nwritten to ${file}`);
