import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { generateSecretKey, publicKeyOf, signWithSecretKey } from '../../shared/crypto/index.ts';
import { verifierFor, type VerifyPath } from '../../main/node/crypto/verify.ts';
import { opsPerSecond } from './report.ts';

/**
 * Ed25519 verification rate of this machine, in the ledger's formats (tagged keys and signatures over a 32-byte
 * transaction hash), through the node's own verifier. This is the ceiling every throughput figure is set against.
 */

/** 64 distinct keys, each with a signature over a different 32-byte message: verification sees varied input. */
export function ed25519Corpus(n = 64) {
  return Array.from({ length: n }, (_, i) => {
    const sk = generateSecretKey('ed25519');
    const msg = new Uint8Array(32).fill(i);
    return { publicKey: publicKeyOf('ed25519', sk), msg, sig: signWithSecretKey('ed25519', sk, msg) };
  });
}

/** Verifications per second on one thread (one core), through the node's verifier (libsodium), OpenSSL or noble. */
export function verificationsPerSecond(path: VerifyPath, ms = 1500): number {
  const items = ed25519Corpus();
  const verify = verifierFor(path);
  return opsPerSecond((i) => {
    const it = items[i % items.length]!;
    if (!verify(it.publicKey, it.msg, it.sig)) throw new Error('benchmark signature failed to verify');
  }, ms);
}

/**
 * Verifications per second with one worker thread per core all verifying at once (the node's verifier): what the cores
 * deliver together, which on shared or hyper-threaded vCPUs is less than cores × the one-core figure.
 */
export async function verificationsAllCores(ms = 1500, threads = os.availableParallelism()): Promise<number> {
  const rates = await Promise.all(
    Array.from(
      { length: threads },
      () =>
        new Promise<number>((resolve, reject) => {
          const w = new Worker(new URL('./verify-worker.ts', import.meta.url), { workerData: { ms } });
          w.once('message', (rate: number) => {
            resolve(rate);
            void w.terminate();
          });
          w.once('error', reject);
        }),
    ),
  );
  return rates.reduce((a, b) => a + b, 0);
}

/**
 * The verification ceiling of a network on this machine, in transfers per second: every validator verifies every
 * signature of every transfer once, all on the same cores.
 */
export function verificationCeiling(opts: {
  cores: number;
  perCore: number;
  validators: number;
  signaturesPerTransfer: number;
}): number {
  return Math.round((opts.cores * opts.perCore) / opts.validators / opts.signaturesPerTransfer);
}
